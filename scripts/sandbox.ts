/**
 * `npm run sandbox [-- --port N --settle-delay MS --latency MS --token-ttl S --host H --log]`
 * Starts the sandbox, prints the root URL, the test keys and the seeded orders; Ctrl-C stops it.
 */
import { startSandbox } from '../dev/sandbox';
import { SEED_NAMES } from '../dev/sandbox/orders/seeds';
import { parseArgs, UsageError } from '../dev/sandbox/cli-args';

const USAGE =
	'Usage: npm run sandbox -- [--port N] [--host H] [--settle-delay MS] [--latency MS] [--token-ttl S] [--log]';

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
	const sandbox = await startSandbox({
		...options,
		...(accessLog ? { log: (line) => console.log(line) } : {}),
	});

	const rows = SEED_NAMES.map((name) => {
		const s = sandbox.seeds[name];
		return [
			name,
			s.uuid,
			s.cdek_number ?? '-',
			s.number,
			`${s.status}${s.reason_code ? ` (${s.reason_code})` : ''}`,
		];
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
	for (const row of rows)
		console.log(`    ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`);
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
