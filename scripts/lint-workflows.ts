// Validates every GitHub Actions workflow against GitHub's schema, offline (@action-validator/cli: WebAssembly,
// from the npm registry): keys, triggers, permissions, and that path globs match files.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const dir = join('.github', 'workflows');
const workflows = readdirSync(join(root, dir))
	.filter((name) => /\.ya?ml$/.test(name))
	.map((name) => join(dir, name));
const validator = join(root, 'node_modules', '.bin', 'action-validator');
let failed = 0;
for (const workflow of workflows) {
	try {
		execFileSync(validator, [workflow], { cwd: root, stdio: 'inherit' });
	} catch {
		console.log(`invalid: ${workflow}`);
		failed++;
	}
}
console.log(
	`${failed || workflows.length === 0 ? 'FAIL' : 'PASS'} workflows: ${workflows.length} checked, ${failed} invalid`,
);
if (failed || workflows.length === 0) process.exitCode = 1;
