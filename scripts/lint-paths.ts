// Fails when a tracked file names a path outside the repository (see dev/util/outside-paths.ts).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findOutsidePaths } from '../dev/util/outside-paths';

const root = resolve(__dirname, '..');
/** Generated or binary: the lock file lists registry URLs only, pictures have no text. */
const SKIPPED = /^(package-lock\.json|.*\.(png|jpg|svg|pdf))$/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
	cwd: root,
	encoding: 'utf8',
})
	.split('\n')
	.filter((path) => path && !SKIPPED.test(path))
	// Untracked entries can be links to folders (a worktree's node_modules link): only files have text.
	.filter((path) => statSync(join(root, path)).isFile())
	.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
const found = findOutsidePaths(files);
for (const hit of found) console.log(`${hit.file}:${hit.line}: ${hit.why}: ${hit.text}`);
console.log(
	`${found.length ? 'FAIL' : 'PASS'} paths: ${files.length} files, ${found.length} name a place outside the repository`,
);
if (found.length) process.exitCode = 1;
