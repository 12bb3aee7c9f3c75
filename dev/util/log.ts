/** Progress lines go to stderr so that stdout stays free for results (e.g. the runtime path). */
export type Logger = (message: string) => void;

export function createLogger(tag: string): Logger {
	return (message) => process.stderr.write(`[${tag}] ${message}\n`);
}

export function formatSeconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)}s`;
}
