/**
 * Child processes always run asynchronously (the jest process that spawns n8n also serves the CDEK sandbox,
 * so a synchronous spawn would deadlock it) and in their own process group, so that stopping one also stops
 * what it started (n8n's task runners, npm's node-gyp). Groups still alive when this process exits are killed.
 * (Inside jest, `process` hooks may never fire: the n8n preload exit-with-parent.cjs covers that case.)
 */
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact } from './redact';

const liveGroups = new Map<number, ChildProcess>();
let cleanupHooksInstalled = false;

/** Synchronous last resort (exit handlers and a second Ctrl-C cannot wait for a graceful stop). */
export function killAllProcessGroupsNow(): void {
	for (const pgid of liveGroups.keys()) signalGroup(pgid, 'SIGKILL');
}

/**
 * A signal that kills this process skips 'exit' handlers, so unless the program handles the signal itself
 * (as `npm start` does, to shut down gracefully), kill our groups first and then die of the same signal.
 */
function installCleanupHooks(): void {
	process.once('exit', killAllProcessGroupsNow);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		if (process.listenerCount(signal) > 0) continue;
		process.once(signal, () => {
			killAllProcessGroupsNow();
			process.kill(process.pid, signal);
		});
	}
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// ESRCH: the group is already gone.
	}
}

export interface SpawnGroupOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	stdio?: StdioOptions;
}

export function spawnInGroup(
	command: string,
	args: string[],
	options: SpawnGroupOptions = {},
): ChildProcess {
	if (!cleanupHooksInstalled) {
		installCleanupHooks();
		cleanupHooksInstalled = true;
	}
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	if (child.pid !== undefined) liveGroups.set(child.pid, child);
	return child;
}

export interface ExitStatus {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export function waitForExit(child: ChildProcess): Promise<ExitStatus> {
	if (child.exitCode !== null || child.signalCode !== null)
		return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
	return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** SIGTERM to the leader (n8n shuts its runners down itself), then SIGKILL to whatever is left of the group. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 15000): Promise<void> {
	const pgid = child.pid;
	if (pgid === undefined) return;
	const exited = waitForExit(child);
	if (child.exitCode === null && child.signalCode === null) {
		child.kill('SIGTERM');
		await Promise.race([exited, delay(graceMs)]);
	}
	signalGroup(pgid, 'SIGKILL');
	await Promise.race([exited, delay(2000)]);
	liveGroups.delete(pgid);
}

export async function stopAllProcessGroups(graceMs?: number): Promise<void> {
	await Promise.all([...liveGroups.values()].map((child) => stopProcessGroup(child, graceMs)));
}

export interface CommandResult extends ExitStatus {
	stdout: string;
	stderr: string;
}

export interface RunCommandOptions extends Omit<SpawnGroupOptions, 'stdio'> {
	/** Both streams are appended here as they arrive, with secrets masked. */
	logFile?: string;
	onOutput?: (text: string) => void;
}

/** Runs a command to completion, capturing its output; never throws for a non-zero exit. */
export async function runCommand(
	command: string,
	args: string[],
	options: RunCommandOptions = {},
): Promise<CommandResult> {
	let logStream: ReturnType<typeof createWriteStream> | undefined;
	if (options.logFile) {
		mkdirSync(dirname(options.logFile), { recursive: true });
		logStream = createWriteStream(options.logFile, { flags: 'a' });
		logStream.write(`\n$ ${command} ${args.join(' ')}\n`);
	}
	const child = spawnInGroup(command, args, options);
	const stdout: string[] = [];
	const stderr: string[] = [];
	const collect = (sink: string[]) => (text: string) => {
		sink.push(text);
		logStream?.write(redact(text));
		options.onOutput?.(text);
	};
	child.stdout?.setEncoding('utf8').on('data', collect(stdout));
	child.stderr?.setEncoding('utf8').on('data', collect(stderr));
	const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const status = await new Promise<ExitStatus>((resolve) => {
		child.once('exit', (code, signal) => resolve({ code, signal }));
		child.once('error', (error) => {
			stderr.push(`cannot run ${command}: ${error.message}`);
			resolve({ code: null, signal: null });
		});
	});
	// A grandchild that inherited our pipes would keep them open: end the whole group, then drain.
	if (child.pid !== undefined) {
		signalGroup(child.pid, 'SIGKILL');
		liveGroups.delete(child.pid);
	}
	await Promise.race([closed, delay(2000)]);
	logStream?.write(
		`[exit code ${status.code}${status.signal ? `, signal ${status.signal}` : ''}]\n`,
	);
	if (logStream) await new Promise<void>((resolve) => logStream.end(resolve));
	return { ...status, stdout: stdout.join(''), stderr: stderr.join('') };
}
