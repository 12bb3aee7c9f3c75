// The lint gate of n8n's verification scanner (@n8n/scan-community-package), run offline: the same
// ESLint config and file sets, on the sources and on the packed tarball users install. Only the
// provenance check (which needs a package published from GitHub Actions) is left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

async function main(): Promise<void> {
	const root = resolve(__dirname, '..');
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const work = mkdtempSync(join(tmpdir(), 'cdek-scan-'));
	try {
		execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
		const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		})
			.trim()
			.split('\n')
			.pop() as string;
		execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
		const results: Array<[string, Awaited<ReturnType<typeof scanner.analyzePackage>>]> = [
			['sources', await scanner.analyzePackage(root, scanner.SOURCE_FILE_PATTERNS)],
			[
				`tarball ${tarball}`,
				await scanner.analyzePackage(join(work, 'package'), ['**/*.js', 'package.json']),
			],
		];
		let failed = false;
		for (const [what, result] of results) {
			console.log(
				`${result.passed ? 'PASS' : 'FAIL'} n8n scanner lint: ${what}${result.message ? ` (${result.message})` : ''}`,
			);
			if (result.details) console.log(result.details);
			failed ||= !result.passed;
		}
		if (failed) process.exitCode = 1;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

void main();
