/** Command-line options of `npm run sandbox` (scripts/sandbox.ts). */
import type { SandboxOptions } from './common/types';

const FLAGS: Record<string, 'port' | 'host' | 'settleDelayMs' | 'latencyMs' | 'tokenTtlSeconds'> = {
	'--port': 'port',
	'--host': 'host',
	'--settle-delay': 'settleDelayMs',
	'--latency': 'latencyMs',
	'--token-ttl': 'tokenTtlSeconds',
};

/** The command line of `npm run sandbox`; a UsageError carries what to print before the usage line. */
export function parseArgs(argv: string[]): SandboxOptions & { accessLog: boolean } {
	const options: SandboxOptions & { accessLog: boolean } = { accessLog: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		if (flag === '--log') {
			options.accessLog = true;
			continue;
		}
		if (flag === '--help' || flag === '-h') throw new UsageError('');
		const key = FLAGS[flag];
		if (!key) throw new UsageError(`Unknown option ${flag}`);
		const value = inline ?? argv[++i];
		if (value === undefined) throw new UsageError(`${flag} needs a value`);
		if (key === 'host') {
			options.host = value;
			continue;
		}
		const n = Number(value);
		if (!Number.isInteger(n)) throw new UsageError(`${flag} must be an integer`);
		if (key === 'port') options.port = n;
		else if (key === 'settleDelayMs') options.settleDelayMs = n;
		else if (key === 'latencyMs') options.latencyMs = n;
		else if (key === 'tokenTtlSeconds') options.tokenTtlSeconds = n;
	}
	return options;
}

export class UsageError extends Error {}
