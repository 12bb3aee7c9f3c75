/**
 * Keeps n8n-core quiet in tests. Left alone, n8n-core's ErrorReporter creates its winston Logger
 * (level `info`, console output) and prints every node error with the Axios cause and stack, and
 * that Logger also becomes n8n-workflow's `LoggerProxy`. Here a recording logger takes its place
 * in n8n-core's own DI container (n8n-core ships its own nested `@n8n/di` and
 * `@n8n/backend-common`, so they are resolved from n8n-core's directory, not ours).
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

let installed = false;

/** Idempotent; must run before n8n-core first asks its container for a Logger. */
export function installRecordingLogger(): void {
	if (installed) return;
	const { Container } = requireFromN8nCore<{ Container: { set(key: unknown, value: unknown): void } }>(
		'@n8n/di',
	);
	const { Logger } = requireFromN8nCore<{ Logger: unknown }>('@n8n/backend-common');
	Container.set(Logger, recordingLogger);
	LoggerProxy.init(recordingLogger);
	installed = true;
}
