/**
 * `npm run sandbox [-- --port N --settle-delay MS --latency MS --token-ttl S --host H --log]`
 * Starts the sandbox, prints the root URL, the test keys and the seeded orders; Ctrl-C stops it.
 */
import { startSandbox } from './index';
import { SEED_NAMES } from './seeds';
import type { SandboxOptions } from './types';

const FLAGS: Record<string, 'port' | 'host' | 'settleDelayMs' | 'latencyMs' | 'tokenTtlSeconds'> = {
	'--port': 'port',
	'--host': 'host',
	'--settle-delay': 'settleDelayMs',
	'--latency': 'latencyMs',
	'--token-ttl': 'tokenTtlSeconds',
};

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

class UsageError extends Error {}

const USAGE = 'Usage: npm run sandbox -- [--port N] [--host H] [--settle-delay MS] [--latency MS] [--token-ttl S] [--log]';

async function main(): Promise<void> {
	let args: ReturnType<typeof parseArgs>;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		if (err.message) console.error(err.message);
		console.error(USAGE);
		process.exit(err.message ? 2 : 0);
	}
	const { accessLog, ...options } = args;
	const sandbox = await startSandbox({ ...options, ...(accessLog ? { log: (line) => console.log(line) } : {}) });

	const rows = SEED_NAMES.map((name) => {
		const s = sandbox.seeds[name];
		return [name, s.uuid, s.cdek_number ?? '-', s.number, `${s.status}${s.reason_code ? ` (${s.reason_code})` : ''}`];
	});
	const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
	console.log(`CDEK sandbox running
  API root (credential baseUrl): ${sandbox.rootUrl}
  Control API:                   ${sandbox.controlUrl}
  Payment API:                   ${sandbox.paymentUrl}  (Bearer ${sandbox.options().paymentToken})
  Test keys (CDEK's published edu account):
    client_id:     ${sandbox.testKeys.clientId}
    client_secret: ${sandbox.testKeys.clientSecret}
  Seeded orders:`);
	for (const row of rows) console.log(`    ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`);
	console.log('Press Ctrl-C to stop.');

	const shutdown = () => {
		void sandbox.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
