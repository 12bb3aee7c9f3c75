/**
 * `npm run bench:memory [-- items]`: what the CDEK node itself keeps in memory for a large run. Runs the
 * refusal of `items` orders (default 10 000, default options) through n8n-core's execution path in this
 * process, against the sandbox in its own process (20 ms latency), twice: with V8's default heap and with a
 * 128 MB heap cap, and prints heap and RSS figures. Needs `--expose-gc` (the npm script sets it).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CredentialStore, runWorkflow } from '../dev/n8n-core/runner';
import { repoRoot } from '../dev/n8n/package-install';
import { startBenchSandbox } from './sandbox-process';

const mb = (bytes: number) => Math.round(bytes / 1048576);

async function measure(items: number): Promise<Record<string, unknown>> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory)');
	const sandbox = await startBenchSandbox(20);
	try {
		const uuids = await sandbox.addOrders(items, 'SENT_TO_RECIPIENT_CITY');
		const credentials = new CredentialStore({
			bench: {
				type: 'cdekApi',
				name: 'Bench',
				data: {
					authentication: 'clientCredentials',
					...sandbox.testKeys,
					baseUrl: sandbox.rootUrl,
				},
			},
		});
		gc();
		const before = process.memoryUsage();
		let peakHeap = before.heapUsed;
		let peakRss = before.rss;
		const sampler = setInterval(() => {
			const now = process.memoryUsage();
			peakHeap = Math.max(peakHeap, now.heapUsed);
			peakRss = Math.max(peakRss, now.rss);
		}, 25);
		const started = Date.now();
		const result = await runWorkflow({
			nodes: [
				{
					name: 'CDEK',
					type: 'cdek',
					typeVersion: 1,
					parameters: {
						resource: 'order',
						operation: 'createRefusal',
						orderUuid: '={{ $json.uuid }}',
					},
					credentials: { cdekApi: { id: 'bench', name: 'Bench' } },
				},
			],
			input: uuids.map((uuid) => ({ uuid })),
			credentials,
		});
		const seconds = (Date.now() - started) / 1000;
		clearInterval(sampler);
		const output = result.output('CDEK');
		const failed = output.filter((item) => item.json.error).length;
		gc();
		const after = process.memoryUsage();
		return {
			items,
			status: result.status,
			failed,
			seconds,
			heapStartMb: mb(before.heapUsed),
			peakHeapOverStartMb: mb(peakHeap - before.heapUsed),
			retainedAfterGcMb: mb(after.heapUsed - before.heapUsed),
			rssStartMb: mb(before.rss),
			peakRssOverStartMb: mb(peakRss - before.rss),
		};
	} finally {
		await sandbox.stop();
	}
}

if (process.argv[2] === '--child') {
	measure(Number(process.argv[3]))
		.then((figures) => {
			process.stdout.write(`${JSON.stringify(figures)}\n`);
			process.exit(0);
		})
		.catch((error: unknown) => {
			process.stderr.write(`${String(error)}\n`);
			process.exit(1);
		});
} else {
	const items = Number(process.argv[2] ?? 10000);
	for (const heap of [undefined, 128]) {
		const flags = [
			'--expose-gc',
			...(heap ? [`--max-old-space-size=${heap}`] : []),
			'--require',
			'tsx/cjs',
		];
		const output = execFileSync(
			process.execPath,
			[...flags, join(repoRoot, 'bench/memory-probe.ts'), '--child', String(items)],
			{
				cwd: repoRoot,
				encoding: 'utf8',
			},
		);
		const figures = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
		process.stdout.write(
			`${heap ? `heap capped at ${heap} MB` : 'default heap'}: ${JSON.stringify(figures)}\n`,
		);
	}
}
