/**
 * The real `npm start` (scripts/start.ts) in a private state folder and on free ports, so a developer's own demo
 * (.n8n-local/, ports 5678 and 8787) is left alone, plus a headless Debian Chromium driven by puppeteer-core.
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

import { repoRoot } from '../n8n/package-install';
import { findFreePort } from '../util/ports';
import { spawnInGroup, stopProcessGroup } from '../util/processes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(repoRoot, 'test-results', 'screenshots');

export interface DemoSession {
	editorUrl: string;
	sandboxUrl: string;
	owner: { email: string; password: string };
	/** Everything npm start printed so far (attach it to a failure). */
	output(): string;
	stop(): Promise<void>;
}

/** Starts `npm start` as a user runs it (tsx scripts/start.ts) and resolves once its banner is printed. */
export async function startDemo(timeoutMs = 12 * 60 * 1000): Promise<DemoSession> {
	const stateDir = mkdtempSync(join(tmpdir(), 'n8n-cdek-browser-'));
	const [port, sandboxPort] = [await findFreePort(), await findFreePort()];
	const args = [
		'scripts/start.ts',
		'--port',
		String(port),
		'--sandbox-port',
		String(sandboxPort),
		'--state-dir',
		stateDir,
	];
	const child: ChildProcess = spawnInGroup(
		process.execPath,
		[join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ...args],
		{
			cwd: repoRoot,
			env: { ...process.env, FORCE_COLOR: '0' },
		},
	);
	let output = '';
	const stop = async () => {
		// SIGTERM reaches scripts/start.ts through tsx; it stops n8n and the sandbox before it exits.
		await stopProcessGroup(child, 30000);
		if (process.env.N8N_CDEK_KEEP_USER_FOLDER === '1')
			process.stderr.write(`[browser] kept ${stateDir}\n`);
		else rmSync(stateDir, { recursive: true, force: true });
	};
	const banner = new Promise<DemoSession>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString('utf8');
			const editor = /n8n editor\s+(http\S+)/.exec(output);
			const login = /login\s+(\S+@\S+)\s+\/\s+(\S+)/.exec(output);
			const sandbox = /API root\s+(http\S+)\/v2/.exec(output);
			if (editor && login && sandbox)
				resolve({
					editorUrl: editor[1],
					sandboxUrl: sandbox[1],
					owner: { email: login[1], password: login[2] },
					output: () => output,
					stop,
				});
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) =>
			reject(new Error(`npm start exited (${code}) before it was ready:\n${output.slice(-4000)}`)),
		);
	});
	const timer = new Promise<never>((_, reject) => {
		const handle = setTimeout(
			() =>
				reject(
					new Error(
						`npm start printed no banner within ${timeoutMs / 1000}s:\n${output.slice(-4000)}`,
					),
				),
			timeoutMs,
		);
		handle.unref();
	});
	try {
		return await Promise.race([banner, timer]);
	} catch (error) {
		await stop();
		throw error;
	}
}

export async function launchChromium(): Promise<Browser> {
	return await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		userDataDir: mkdtempSync(join(tmpdir(), 'n8n-cdek-chromium-')),
		defaultViewport: { width: 1600, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** Closes Chromium and deletes its profile folder. */
export async function closeChromium(browser: Browser | undefined): Promise<void> {
	if (!browser) return;
	const profile = browser
		.process()
		?.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))
		?.split('=')[1];
	await browser.close();
	if (profile) rmSync(profile, { recursive: true, force: true });
}

/** README's images; the browser tests rewrite them when N8N_CDEK_README_SCREENSHOTS=1. */
export const README_SCREENSHOTS_DIR = join(repoRoot, 'docs', 'screenshots');

/**
 * Saves the page to test-results/screenshots/<name>.png and, when it is one of README's images (`readmeName`)
 * and N8N_CDEK_README_SCREENSHOTS=1, to docs/screenshots/<readmeName>.png as well.
 */
export async function screenshot(page: Page, name: string, readmeName?: string): Promise<string> {
	mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	const path = join(SCREENSHOTS_DIR, `${name}.png`);
	await page.screenshot({ path: path as `${string}.png` });
	if (readmeName && process.env.N8N_CDEK_README_SCREENSHOTS === '1')
		copyFileSync(path, join(README_SCREENSHOTS_DIR, `${readmeName}.png`));
	return path;
}

/**
 * Wraps a test's body so that a failure carries a screenshot (`<name>.png`), the page's address and the end of
 * what npm start printed.
 */
export function withFailureContext(
	session: () => { page?: Page; demo?: DemoSession },
	name: string,
): (body: () => Promise<void>) => () => Promise<void> {
	return (body) => async () => {
		try {
			await body();
		} catch (error) {
			const { page, demo } = session();
			if (page) await screenshot(page, name).catch(() => undefined);
			if (error instanceof Error)
				error.message += `\n\npage: ${page?.url()}\n--- npm start output ---\n${demo?.output().slice(-3000)}`;
			throw error;
		}
	};
}
