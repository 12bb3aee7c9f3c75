/**
 * Installs our package into an n8n user folder exactly as users get it: built `dist/`, `npm pack`, and the
 * tarball unpacked into `.n8n/nodes/node_modules/<name>`. A copy, not a symlink: through a symlink Node would
 * resolve `n8n-workflow` from this repo's node_modules, and a second copy breaks n8n's `instanceof` checks.
 */
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ExplainedError, explainOutput } from '../util/failure-hints';
import { withFileLock } from '../util/file-lock';
import { createLogger, formatSeconds } from '../util/log';
import { n8nDataDir } from './n8n-env';
import { runCommand } from '../util/processes';

export const repoRoot = resolve(__dirname, '..', '..');
const log = createLogger('package');

interface PackageManifest {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export const readManifest = (): PackageManifest =>
	JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageManifest;

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const BUILD_INPUTS = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'];

export function isBuildStale(): boolean {
	const built = newestMtime(join(repoRoot, 'dist'));
	return built === 0 || BUILD_INPUTS.some((input) => newestMtime(join(repoRoot, input)) > built);
}

function missingBuildOutputs(): string[] {
	const { n8n } = readManifest();
	return [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])].filter(
		(file) => !existsSync(join(repoRoot, file)),
	);
}

/**
 * Builds and packs never overlap between our processes (jest e2e and `npm start` may share the repo); a
 * build started by hand can still be mid-way (its `gulp clean` empties dist/), hence the missing-output check.
 */
const buildLockDir = () =>
	join(
		tmpdir(),
		`n8n-nodes-cdek-build-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}.lock`,
	);
const withBuildLock = <T>(work: () => Promise<T>): Promise<T> =>
	withFileLock(buildLockDir(), 'another process is building or packing n8n-nodes-cdek', log, work);

async function buildIfNeeded(): Promise<void> {
	if (isBuildStale() || missingBuildOutputs().length > 0) {
		const started = Date.now();
		log('building the package (npm run build)…');
		const result = await runCommand('npm', ['run', 'build'], { cwd: repoRoot, env: process.env });
		if (result.code !== 0)
			throw new ExplainedError(
				'`npm run build` failed.',
				/error TS\d+/.test(result.stdout)
					? 'Cause: the package does not compile. Fix: correct the TypeScript errors below, then run again.'
					: explainOutput(result.stdout + result.stderr, { cacheDir: repoRoot }),
				`--- build output ---\n${(result.stdout + result.stderr).trim().slice(-4000)}`,
			);
		log(`built in ${formatSeconds(Date.now() - started)}`);
	}
	const missing = missingBuildOutputs();
	if (missing.length > 0)
		throw new ExplainedError(
			`The build did not produce ${missing.join(', ')} (listed in package.json "n8n").`,
			'Cause: the node or credential source is missing or named differently. Fix: check nodes/ and credentials/, then `npm run build`.',
		);
}

/** Runs `npm run build` when `dist/` is missing, incomplete or older than its sources. */
export const ensurePackageBuilt = (): Promise<void> => withBuildLock(buildIfNeeded);

/** `npm pack --json` with extra arguments, after a build if needed; its JSON report of the one package. */
async function npmPack(
	args: string[],
): Promise<{ filename: string; files: Array<{ path: string }> }> {
	await buildIfNeeded();
	const result = await runCommand('npm', ['pack', '--json', ...args], {
		cwd: repoRoot,
		env: process.env,
	});
	if (result.code !== 0)
		throw new ExplainedError(
			`\`npm pack ${args.join(' ')}\` failed.`,
			explainOutput(result.stderr, { cacheDir: repoRoot }),
			result.stderr.slice(-2000),
		);
	return (
		JSON.parse(result.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
	)[0];
}

let packed: { builtAt: number; tarball: string } | undefined;

/** `npm pack` once per build (the tarball is reused while `dist/` is unchanged). */
export const packPackage = (): Promise<string> =>
	withBuildLock(async () => {
		await buildIfNeeded();
		const builtAt = newestMtime(join(repoRoot, 'dist'));
		if (packed && packed.builtAt === builtAt && existsSync(packed.tarball)) return packed.tarball;
		if (packed) rmSync(dirname(packed.tarball), { recursive: true, force: true });
		const destination = mkdtempSync(join(tmpdir(), 'n8n-nodes-cdek-pack-'));
		process.once('exit', () => rmSync(destination, { recursive: true, force: true }));
		const { filename } = await npmPack(['--pack-destination', destination]);
		packed = { builtAt, tarball: join(destination, filename) };
		return packed.tarball;
	});

/** The paths `npm pack --dry-run` lists for a fresh build: exactly what the tarball would hold. */
export const packedFiles = (): Promise<string[]> =>
	withBuildLock(async () => (await npmPack(['--dry-run'])).files.map((file) => file.path));

/** Changes whenever what `npm pack` would ship changes (build output or manifest). */
export function packageFingerprint(): string {
	const { name, version } = readManifest();
	const inputs = ['dist', 'package.json', 'README.md', 'LICENSE'].map((file) =>
		newestMtime(join(repoRoot, file)),
	);
	return `${name}@${version}:${inputs.join(':')}`;
}

export const installedPackageDir = (userFolder: string): string =>
	join(n8nDataDir(userFolder), 'nodes', 'node_modules', readManifest().name);

export async function installPackage(userFolder: string): Promise<void> {
	const tarball = await packPackage();
	const target = installedPackageDir(userFolder);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const result = await runCommand('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	if (result.code !== 0)
		throw new ExplainedError(
			`Cannot unpack ${tarball} into ${target}.`,
			explainOutput(result.stderr, { cacheDir: target }),
			result.stderr,
		);
}
