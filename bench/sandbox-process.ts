/**
 * The CDEK sandbox in its own process for benchmarks: neither the raw HTTP client (which runs in the
 * benchmark process) nor n8n shares an event loop with it. Driven over its control API (/_sandbox).
 */
import { join } from 'node:path';
import { repoRoot } from '../dev/n8n/package-install';
import { spawnInGroup, stopProcessGroup } from '../dev/util/processes';

export interface SandboxCounters {
	tokenRequests: number;
	requestsByRoute: Record<string, number>;
}

export interface BenchSandbox {
	url: string;
	rootUrl: string;
	controlUrl: string;
	testKeys: { clientId: string; clientSecret: string };
	/** Fixed delay before every CDEK answer (not the control API). */
	setLatency(ms: number): Promise<void>;
	/** Drops bulk orders, the request log and counters; issued tokens stay valid. */
	reset(): Promise<void>;
	counters(): Promise<SandboxCounters>;
	addOrders(count: number, status: string): Promise<string[]>;
	/** CDEK API requests (everything under /v2 except the token endpoint). */
	apiRequests(counters: SandboxCounters): number;
	stop(): Promise<void>;
}

async function control(url: string, method: string, body?: unknown): Promise<any> {
	const response = await fetch(url, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const parsed = await response.json();
	if (!response.ok)
		throw new Error(`sandbox ${method} ${url}: HTTP ${response.status} ${JSON.stringify(parsed)}`);
	return parsed;
}

/** `settleDelayMs: -1`: accepted requests never settle, so the sandbox does no background work during a run. */
export async function startBenchSandbox(latencyMs: number): Promise<BenchSandbox> {
	const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
	const child = spawnInGroup(
		tsx,
		[
			join(repoRoot, 'test', 'sandbox', 'cli.ts'),
			'--port',
			'0',
			'--latency',
			String(latencyMs),
			'--settle-delay',
			'-1',
		],
		{
			cwd: repoRoot,
			env: process.env,
		},
	);
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 60000);
		child.stdout?.setEncoding('utf8').on('data', (text: string) => {
			output += text;
			const match = /Control API:\s+(http:\/\/\S+)\/_sandbox/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
		child.once('exit', (code) => reject(new Error(`sandbox exited (${code}):\n${output}`)));
	});
	const controlUrl = `${url}/_sandbox`;
	const info = await control(`${controlUrl}/info`, 'GET');
	return {
		url,
		rootUrl: `${url}/v2`,
		controlUrl,
		testKeys: info.testKeys,
		setLatency: async (ms) =>
			void (await control(`${controlUrl}/config`, 'POST', { latencyMs: ms })),
		reset: async () => void (await control(`${controlUrl}/reset`, 'POST', {})),
		counters: () => control(`${controlUrl}/counters`, 'GET'),
		addOrders: async (count, status) =>
			(
				(await control(`${controlUrl}/orders/bulk`, 'POST', { count, status })).orders as Array<{
					uuid: string;
				}>
			).map((order) => order.uuid),
		apiRequests: (counters) =>
			Object.entries(counters.requestsByRoute)
				.filter(([route]) => / \/v2\//.test(route) && !route.endsWith('/oauth/token'))
				.reduce((sum, [, count]) => sum + count, 0),
		stop: () => stopProcessGroup(child, 5000),
	};
}
