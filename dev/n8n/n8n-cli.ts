/** One-shot n8n CLI commands (`import:*`, `execute`) against a user folder, on the cached Node 24 runtime. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExplainedError, explainOutput } from '../util/failure-hints';
import { logsDir } from './n8n-env';
import { findFreePort } from '../util/ports';
import { type CommandResult, runCommand } from '../util/processes';
import { redact } from '../util/redact';
import type { Runtime } from './runtime';

export interface N8nContext {
	userFolder: string;
	runtime: Runtime;
	env: NodeJS.ProcessEnv;
}

export const cliLogFile = (userFolder: string): string => join(logsDir(userFolder), 'n8n-cli.log');

/** Every n8n process starts a task broker; a fresh port per process lets instances run side by side. */
export async function runN8nCli(context: N8nContext, args: string[]): Promise<CommandResult> {
	const brokerPort = String(await findFreePort());
	return runCommand(context.runtime.nodeBin, [context.runtime.n8nBin, ...args], {
		// n8n loads a `.env` from its working directory; the user folder has none.
		cwd: context.userFolder,
		env: { ...context.env, N8N_RUNNERS_BROKER_PORT: brokerPort },
		logFile: cliLogFile(context.userFolder),
	});
}

/** `n8n publish:workflow` (activation before the server starts, as queue mode needs); throws when it fails. */
export async function publishByCli(context: N8nContext, workflowId: string): Promise<void> {
	const published = await runN8nCli(context, ['publish:workflow', `--id=${workflowId}`]);
	if (published.code !== 0)
		throw new Error(`publish:workflow failed: ${published.stdout}${published.stderr}`);
}

/** Writes `content` to a private temp file for the duration of `use` (credential data is plain text here). */
export async function withTempJsonFile<T>(
	content: unknown,
	use: (file: string) => Promise<T>,
): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-cdek-import-'));
	const file = join(dir, 'import.json');
	try {
		writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
		return await use(file);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function runImport(
	context: N8nContext,
	kind: 'credentials' | 'workflow',
	content: unknown[],
): Promise<void> {
	const result = await withTempJsonFile(content, (file) =>
		runN8nCli(context, [`import:${kind}`, `--input=${file}`]),
	);
	const output = result.stdout + result.stderr;
	if (result.code !== 0 || !/Successfully imported|Imported \d+/i.test(output))
		throw new ExplainedError(
			`n8n import:${kind} failed (exit ${result.code}).`,
			explainOutput(output, { cacheDir: context.userFolder }),
			`Log: ${cliLogFile(context.userFolder)}\n--- last output ---\n${redact(output.trim().slice(-3000))}`,
		);
}

/** `n8n export:<kind> --all --decrypted`: what n8n stores, read back through a private temp file. */
export async function runExport<T>(context: N8nContext, kind: 'credentials'): Promise<T[]> {
	const dir = mkdtempSync(join(tmpdir(), 'n8n-cdek-export-'));
	const file = join(dir, 'export.json');
	try {
		const result = await runN8nCli(context, [
			`export:${kind}`,
			'--all',
			'--decrypted',
			`--output=${file}`,
		]);
		if (result.code !== 0)
			throw new ExplainedError(
				`n8n export:${kind} failed (exit ${result.code}).`,
				explainOutput(result.stdout + result.stderr, { cacheDir: context.userFolder }),
				`Log: ${cliLogFile(context.userFolder)}`,
			);
		return JSON.parse(readFileSync(file, 'utf8')) as T[];
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * `--rawOutput` still prints log lines around the execution JSON, which n8n pretty-prints with two-space
 * indentation: the object runs from the first line that is `{` to the next line that is `}`.
 */
export function parseRawOutput(stdout: string): unknown {
	const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
	const start = lines.indexOf('{');
	if (start === -1) return undefined;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// A nested "}" at column 0 inside a string value: keep looking.
		}
	}
	return undefined;
}
