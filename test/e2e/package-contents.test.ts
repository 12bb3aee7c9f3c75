/**
 * The package as npm publishes it: exactly the files `npm pack` puts in the tarball, every file n8n is told to load
 * and every icon they name among them, and the publish guard n8n's starter wires to prepublishOnly. A stray file (a
 * screenshot, a copy of package.json, a compiled test) or a missing icon or codex file fails here.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

import { packedFiles, readManifest, repoRoot } from '../../dev/n8n/package-install';
import { runCommand } from '../../dev/util/processes';

/** The TypeScript sources n8n-node build compiles (tsconfig.json: nodes/ and credentials/). */
function packageSources(): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(join(repoRoot, dir)).flatMap((name) => {
			const path = posix.join(dir, name);
			return statSync(join(repoRoot, path)).isDirectory() ? walk(path) : [path];
		});
	return ['nodes', 'credentials'].flatMap(walk).filter((path) => path.endsWith('.ts'));
}

/** `file:` icons as n8n reads them: relative to the compiled module. */
function iconFiles(module: string, icon: unknown): string[] {
	const icons = typeof icon === 'string' ? [icon] : Object.values(icon as Record<string, string>);
	return icons.map((file) => posix.join(posix.dirname(module), file.replace(/^file:/, '')));
}

describe('the packed package', () => {
	let files: string[];
	beforeAll(async () => {
		files = await packedFiles();
	});

	it('holds the compiled nodes and credentials with their source maps and types, icons, codex files and docs, nothing else', () => {
		// n8n loads the .js; its source-map-support names our TypeScript lines in stack traces through the .js.map; the
		// .d.ts come with n8n's template compiler settings.
		const compiled = packageSources().flatMap((source) =>
			['.js', '.js.map', '.d.ts'].map((ext) => `dist/${source.replace(/\.ts$/, ext)}`),
		);
		expect([...files].sort()).toEqual(
			[
				...compiled,
				'dist/nodes/Cdek/Cdek.node.json',
				'dist/nodes/Cdek/CdekTrigger.node.json',
				'dist/nodes/Cdek/cdek.svg',
				'dist/nodes/Cdek/cdek.dark.svg',
				'package.json',
				'README.md',
				'LICENSE',
				'CHANGELOG.md',
			].sort(),
		);
	});

	it('holds every node and credential package.json lists, and every icon they name', async () => {
		const { n8n } = readManifest();
		const modules = [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])];
		expect(modules).toHaveLength(3);
		// The built classes, loaded by Node as n8n loads them: each module's icon setting.
		const script = `console.log(JSON.stringify(${JSON.stringify(modules)}.map((file) => {
			const instance = new (Object.values(require('./' + file))[0])();
			return (instance.description || instance).icon;
		})))`;
		const loaded = await runCommand(process.execPath, ['-e', script], { cwd: repoRoot });
		expect(loaded.stderr).toBe('');
		const icons = JSON.parse(loaded.stdout) as unknown[];
		modules.forEach((module, index) => {
			expect(files).toContain(module);
			expect(icons[index]).toBeDefined();
			for (const file of iconFiles(module, icons[index])) expect(files).toContain(file);
		});
	});

	it('stops a bare npm publish: prepublishOnly is n8n-node prerelease, which wants RELEASE_MODE', async () => {
		const env = { ...process.env };
		delete env.RELEASE_MODE;
		const result = await runCommand('npm', ['publish', '--dry-run', '--ignore-scripts=false'], {
			cwd: repoRoot,
			env,
		});
		expect(result.code).not.toBe(0);
		expect(result.stdout + result.stderr).toContain('Run `npm run release` to publish the package');
	});
});
