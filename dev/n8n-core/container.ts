/**
 * Process-wide n8n-core state, kept test-friendly through n8n-core's own DI container (n8n-core
 * ships nested copies of `@n8n/di` and `@n8n/backend-common`, so they are resolved from
 * n8n-core's directory, not ours).
 *
 * - Logging: left alone, n8n-core's ErrorReporter creates its winston Logger (level `info`,
 *   console output) and prints every node error with its Axios cause and stack; that Logger also
 *   becomes n8n-workflow's `LoggerProxy`. A recording logger takes its place.
 * - Background services: the first node execution creates the SSHClientsManager singleton, which
 *   starts a 60 s cleanup interval and a process 'exit' listener; they are stopped after each run.
 */
import * as path from 'path';
import { LoggerProxy } from 'n8n-workflow';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogEntry {
	level: LogLevel;
	message: string;
	metadata?: unknown;
}

interface RecordingLogger {
	error(message: string, metadata?: unknown): void;
	warn(message: string, metadata?: unknown): void;
	info(message: string, metadata?: unknown): void;
	debug(message: string, metadata?: unknown): void;
	scoped(): RecordingLogger;
}

/** Everything n8n logged since the logger was installed (never printed). */
export const n8nLog: LogEntry[] = [];

const record =
	(level: LogLevel) =>
	(message: string, metadata?: unknown): void => {
		n8nLog.push({ level, message, metadata });
	};

const recordingLogger: RecordingLogger = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => recordingLogger,
};

function requireFromN8nCore<T>(moduleName: string): T {
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(moduleName, { paths: [coreDir] })) as T;
}

interface DiContainer {
	get<T>(key: unknown): T;
	set(key: unknown, value: unknown): void;
}

// Resolved at load time so that a module registry isolated by jest keeps its own copies.
const { Container } = requireFromN8nCore<{ Container: DiContainer }>('@n8n/di');
const { Logger } = requireFromN8nCore<{ Logger: unknown }>('@n8n/backend-common');
const { SSHClientsManager } = requireFromN8nCore<{ SSHClientsManager: unknown }>(
	'n8n-core/dist/execution-engine/ssh-clients-manager',
);

let installed = false;

/** Idempotent; must run before n8n-core first asks its container for a Logger. */
export function installRecordingLogger(): void {
	if (installed) return;
	Container.set(Logger, recordingLogger);
	LoggerProxy.init(recordingLogger);
	installed = true;
}

/** Stops what n8n-core started in the background (n8n itself does this on shutdown). */
export function stopBackgroundServices(): void {
	Container.get<{ onShutdown(): void }>(SSHClientsManager).onShutdown();
}
