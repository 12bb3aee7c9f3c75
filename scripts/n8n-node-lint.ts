/**
 * `n8n-node lint` (n8n's own lint command, strict mode) on the package alone. Its ESLint run is `eslint .` with n8n's
 * template config, which strict mode requires unchanged (eslint.config.mjs), so it would lint every .ts file of the
 * repository by n8n's package rules; the dev kit, entry points, benchmarks and tests use what a package must not
 * (process, timers, fs) and have their own config (eslint.dev.config.mjs). So it runs in a copy of what the package
 * is built from (package.json, eslint.config.mjs, tsconfig.json, nodes/, credentials/; node_modules linked), and
 * its report names this repository's files. `--fix` writes the fixes back.
 */
import { spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
/** What `n8n-node build` compiles (tsconfig.json) and n8n-node lint checks. */
const PACKAGE_SOURCES = [
	'package.json',
	'eslint.config.mjs',
	'tsconfig.json',
	'nodes',
	'credentials',
];
const SOURCE_DIRS = ['nodes', 'credentials'];

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

function main(): number {
	const fix = process.argv.includes('--fix');
	const stage = mkdtempSync(join(tmpdir(), 'n8n-nodes-cdek-lint-'));
	try {
		for (const source of PACKAGE_SOURCES)
			cpSync(join(root, source), join(stage, source), { recursive: true });
		symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
		const result = spawnSync(
			join(root, 'node_modules', '.bin', 'n8n-node'),
			['lint', ...(fix ? ['--fix'] : [])],
			{ cwd: stage, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } },
		);
		process.stdout.write((result.stdout ?? '').split(stage).join(root));
		process.stderr.write((result.stderr ?? '').split(stage).join(root));
		if (fix)
			for (const file of SOURCE_DIRS.flatMap((dir) => filesUnder(join(stage, dir)))) {
				const target = join(root, relative(stage, file));
				const fixed = readFileSync(file);
				if (!existsSync(target) || !readFileSync(target).equals(fixed))
					writeFileSync(target, fixed);
			}
		if (result.error) {
			console.error(`Cannot run n8n-node: ${result.error.message}`);
			return 1;
		}
		const code = result.status ?? 1;
		console.log(
			`${code === 0 ? 'PASS' : 'FAIL'} n8n-node lint (strict mode): nodes/, credentials/, package.json`,
		);
		return code;
	} finally {
		rmSync(stage, { recursive: true, force: true });
	}
}

process.exitCode = main();
