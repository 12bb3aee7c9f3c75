/**
 * The two programs some test lanes need from the system, not from npm: Chromium (the browser tests) and
 * redis-server (n8n queue mode in e2e). `npm test` finds them, installs Debian's packages when it can
 * (as root, or on CI with password-less sudo as GitHub's runners have), or stops at once naming the one
 * command to run. `planSystemPackages` is the decision alone, so it is tested without installing anything.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Logger } from './log';

export type SystemTool = 'chromium' | 'redis-server';

/** Debian packages per tool: Chromium draws text with the Liberation fonts (as `.ci/run` always installed). */
export const DEBIAN_PACKAGES: Record<SystemTool, string[]> = {
	chromium: ['chromium', 'fonts-liberation'],
	'redis-server': ['redis-server'],
};

const WHY: Record<SystemTool, string> = {
	chromium: 'the browser tests',
	'redis-server': 'the n8n queue-mode e2e test',
};

/** Where the browser tests look when CHROMIUM_PATH is unset (dev/browser/demo-session.ts). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Where dev/n8n/queue-mode.ts looks for redis-server. */
export const REDIS_SERVER_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

export interface SystemFacts {
	missing: SystemTool[];
	isRoot: boolean;
	hasAptGet: boolean;
	/** CI=true and `sudo -n true` succeeds: an automated machine that may install without asking. */
	canSudo: boolean;
}

export type SystemPlan =
	| { kind: 'ready' }
	| { kind: 'install'; packages: string[]; commands: string[][] }
	| { kind: 'stop'; message: string };

export const debianPackages = (tools: SystemTool[]): string[] =>
	tools.flatMap((tool) => DEBIAN_PACKAGES[tool]);

/** The one line a developer runs by hand. */
export const installCommand = (packages: string[]): string =>
	`sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;

export function planSystemPackages(facts: SystemFacts): SystemPlan {
	if (facts.missing.length === 0) return { kind: 'ready' };
	const packages = debianPackages(facts.missing);
	if (facts.hasAptGet && (facts.isRoot || facts.canSudo)) {
		// sudo -n never asks for a password: it fails instead.
		const prefix = facts.isRoot ? [] : ['sudo', '-n'];
		return {
			kind: 'install',
			packages,
			commands: [
				[...prefix, 'apt-get', 'update', '-qq'],
				[
					...prefix,
					'env',
					'DEBIAN_FRONTEND=noninteractive',
					'apt-get',
					'install',
					'-y',
					'-qq',
				].concat('--no-install-recommends', packages),
			],
		};
	}
	const what = facts.missing.map((tool) => `${tool} (${WHY[tool]})`).join(', ');
	const how = facts.hasAptGet
		? `Install them once with\n  ${installCommand(packages)}\nthen run the tests again.`
		: `Install them with your system's package manager (on Debian or Ubuntu: ${installCommand(packages)}), then run again.`;
	const chromiumNote = facts.missing.includes('chromium')
		? '\n(Or set CHROMIUM_PATH to another Chromium-based browser, e.g. /usr/bin/google-chrome.)'
		: '';
	return { kind: 'stop', message: `Missing: ${what}. ${how}${chromiumNote}` };
}

export interface Probe {
	env: NodeJS.ProcessEnv;
	isExecutable(path: string): boolean;
}

const onPath = (name: string, probe: Probe): string | undefined =>
	(probe.env.PATH ?? '')
		.split(delimiter)
		.filter(Boolean)
		.map((dir) => join(dir, name))
		.find((path) => probe.isExecutable(path));

/** CHROMIUM_PATH when it is a program, else Debian's chromium, else a `chromium` on PATH. */
export function findChromium(probe: Probe): string | undefined {
	const configured = probe.env.CHROMIUM_PATH;
	if (configured && probe.isExecutable(configured)) return configured;
	if (probe.isExecutable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
	return onPath('chromium', probe);
}

export const findRedisServer = (probe: Probe): string | undefined =>
	REDIS_SERVER_PATHS.find((path) => probe.isExecutable(path));

export function findTool(tool: SystemTool, probe: Probe): string | undefined {
	return tool === 'chromium' ? findChromium(probe) : findRedisServer(probe);
}

function isExecutable(path: string): boolean {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

const systemProbe = (): Probe => ({ env: process.env, isExecutable });

function run(command: string[], stdio: 'inherit' | 'ignore' = 'inherit'): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command[0], command.slice(1), { stdio });
		child.once('error', () => resolve(127));
		child.once('exit', (code) => resolve(code ?? 1));
	});
}

const sudoWorks = async (): Promise<boolean> => (await run(['sudo', '-n', 'true'], 'ignore')) === 0;

export type SystemCheck = { ok: true } | { ok: false; message: string };

/**
 * Makes sure every tool is there, installing when `planSystemPackages` says so. A Chromium found somewhere
 * else than CHROMIUM_PATH says goes into CHROMIUM_PATH, so the child processes use the one found.
 */
export async function ensureSystemTools(tools: SystemTool[], log: Logger): Promise<SystemCheck> {
	const probe = systemProbe();
	const missing = () => tools.filter((tool) => !findTool(tool, probe));
	const first = missing();
	const plan = planSystemPackages({
		missing: first,
		isRoot: process.getuid?.() === 0,
		hasAptGet: Boolean(onPath('apt-get', probe)),
		canSudo: first.length > 0 && process.env.CI === 'true' && (await sudoWorks()),
	});
	if (plan.kind === 'stop') return { ok: false, message: plan.message };
	if (plan.kind === 'install') {
		log(`installing Debian packages: ${plan.packages.join(' ')}`);
		for (const command of plan.commands) {
			const code = await run(command);
			if (code !== 0)
				return {
					ok: false,
					message: `\`${command.join(' ')}\` failed (exit ${code}). Run by hand:\n  ${installCommand(plan.packages)}`,
				};
		}
		const still = missing();
		if (still.length > 0)
			return {
				ok: false,
				message: `installed ${plan.packages.join(' ')}, yet ${still.join(', ')} is still not found.`,
			};
	}
	const chromium = tools.includes('chromium') ? findChromium(probe) : undefined;
	if (chromium && chromium !== process.env.CHROMIUM_PATH) {
		if (process.env.CHROMIUM_PATH)
			log(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not a program; using ${chromium}`);
		process.env.CHROMIUM_PATH = chromium;
	}
	return { ok: true };
}
