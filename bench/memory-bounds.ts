/**
 * `npm run bench:bounds [-- scenario…]`: the CDEK node's peak memory (RSS above the idle process) where the answers
 * are large or hostile, through n8n-core's execution path (dev/n8n-core), one process per scenario:
 *
 * - offices-10000: Pickup Point → Get Many, Return All of 10 000 pickup points (20 pages of 500, X-Total-Pages);
 * - labels-100x19MB: Get Return Label PDF for 100 orders whose PDFs are 19 MB each (n8n's filesystem binary mode,
 *   the default of n8n 2.x);
 * - labels-20x19MB: the same for 20 orders;
 * - labels-20x19MB-memory: the same for 20 orders in n8n's in-memory binary mode (n8n 1.x's default), to show
 *   what n8n itself keeps of each file;
 * - pages-forever: City → Get Many, Return All against a server that sends a new full page of 1 000 cities for
 *   every page asked for;
 * - page-ignored: the same against a server that ignores `page` and repeats its first page.
 *
 * The sandbox and the relay in front of it (dev/proxies/hostile-relay.ts) run in a process of their own, so the
 * figures are the node's and n8n's only. Needs `--expose-gc` (the npm script sets it).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useFilesystemBinaryData } from '../dev/n8n-core/binary-data';
import { CredentialStore, runWorkflow } from '../dev/n8n-core/runner';
import { repoRoot } from '../dev/n8n/package-install';
import { startHostileRelay } from '../dev/proxies/hostile-relay';
import type { Hostility, SeenRequest } from '../dev/proxies/hostile-relay';
import { syntheticCityPage } from '../dev/proxies/synthetic-cities';
import { startSandbox } from '../dev/sandbox';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round(bytes / MB);

interface Scenario {
	description: string;
	/** Orders the sandbox adds for the items. */
	orders?: number;
	hostile: (seen: SeenRequest, template: IDataObject) => Hostility | undefined;
	node: (orders: string[]) => {
		parameters: INodeParameters;
		typeVersion: number;
		input: IDataObject[];
	};
	binary?: 'filesystem' | 'memory';
}

const query = (seen: SeenRequest) => new URL(seen.url, 'http://relay').searchParams;

const labels = (orders: string[]) => ({
	typeVersion: 2,
	parameters: {
		resource: 'order',
		operation: 'getLabel',
		order: '={{ $json.order }}',
		options: { pollInterval: 0.1, waitTimeout: 60 },
	},
	input: orders.map((uuid) => ({ order: { __rl: true, mode: 'uuid', value: uuid } })),
});
const pdfs = (seen: SeenRequest): Hostility | undefined =>
	seen.url.endsWith('.pdf') ? { kind: 'pdf', bytes: 19 * MB, declareLength: true } : undefined;
const allCities = () => ({
	typeVersion: 2,
	parameters: { resource: 'city', operation: 'getMany', returnAll: true },
	input: [{}],
});

const SCENARIOS: Record<string, Scenario> = {
	'offices-10000': {
		description: 'Return All of 10 000 pickup points',
		hostile: (seen, template) => {
			if (!seen.url.startsWith('/v2/deliverypoints?')) return undefined;
			const size = Number(query(seen).get('size'));
			const page = Number(query(seen).get('page'));
			const body = Array.from({ length: size }, (_, index) => {
				const n = page * size + index;
				return {
					...template,
					code: `MSK${n}`,
					uuid: `0a8f7d3c-0000-4000-8000-${String(n).padStart(12, '0')}`,
				};
			});
			return {
				kind: 'json',
				status: 200,
				body,
				headers: { 'x-total-pages': String(10_000 / size) },
			};
		},
		node: () => ({
			typeVersion: 2,
			parameters: { resource: 'office', operation: 'getMany', cityCode: 44, returnAll: true },
			input: [{}],
		}),
	},
	'labels-100x19MB': {
		description: '100 label PDFs of 19 MB (filesystem binary mode)',
		orders: 100,
		hostile: pdfs,
		node: labels,
		binary: 'filesystem',
	},
	'labels-20x19MB': {
		description: '20 label PDFs of 19 MB (filesystem binary mode)',
		orders: 20,
		hostile: pdfs,
		node: labels,
		binary: 'filesystem',
	},
	'labels-20x19MB-memory': {
		description: "20 label PDFs of 19 MB (n8n's in-memory binary mode)",
		orders: 20,
		hostile: pdfs,
		node: labels,
		binary: 'memory',
	},
	'pages-forever': {
		description: 'a server that sends a new full page forever',
		hostile: (seen) => {
			if (!seen.url.startsWith('/v2/location/cities?')) return undefined;
			const size = Number(query(seen).get('size'));
			const page = Number(query(seen).get('page'));
			const body = syntheticCityPage(page, size);
			return { kind: 'json', status: 200, body };
		},
		node: allCities,
	},
	'page-ignored': {
		description: 'a server that ignores the page number',
		hostile: (seen) => {
			if (!seen.url.startsWith('/v2/location/cities?')) return undefined;
			const size = Number(query(seen).get('size'));
			return {
				kind: 'json',
				status: 200,
				body: syntheticCityPage(0, size),
			};
		},
		node: allCities,
	},
};

/** `--serve <scenario>`: the sandbox and the relay; prints where they are, then runs until killed. */
async function serve(name: string): Promise<void> {
	const scenario = SCENARIOS[name];
	const sandbox = await startSandbox({ printReadyDelayMs: 20, settleDelayMs: -1 });
	const [template] = (await (
		await fetch(`${sandbox.rootUrl}/deliverypoints?size=1&city_code=44`, {
			headers: { authorization: `Bearer ${await token(sandbox.rootUrl, sandbox.testKeys)}` },
		})
	).json()) as IDataObject[];
	const relay = await startHostileRelay(sandbox.url, (seen) => scenario.hostile(seen, template));
	const orders = scenario.orders
		? sandbox.addOrders(scenario.orders, 'DELIVERED').map((o) => o.uuid)
		: [];
	// Get Return Label PDF prints an order's return: each order gets its customer's return first.
	const bearer = `Bearer ${await token(sandbox.rootUrl, sandbox.testKeys)}`;
	for (const uuid of orders)
		await fetch(`${sandbox.rootUrl}/orders/${uuid}/clientReturn`, {
			method: 'POST',
			headers: { authorization: bearer, 'content-type': 'application/json' },
			body: JSON.stringify({ tariff_code: 136 }),
		});
	sandbox.settlePending();
	const listPages = () =>
		relay.requests.filter((seen) => /\/(deliverypoints|cities)\?/.test(seen.url)).length;
	process.stdout.write(
		`${JSON.stringify({ rootUrl: relay.rootUrl, testKeys: sandbox.testKeys, orders, statsUrl: '' })}\n`,
	);
	// The measuring process may die (out of memory): its end of the pipe closes, and this process goes too.
	process.stdin.on('end', () => process.exit(0));
	process.stdin.setEncoding('utf8').on('data', () => {
		process.stdout.write(
			`${JSON.stringify({ listPages: listPages(), answers: relay.answers.length })}\n`,
		);
	});
}

async function token(
	rootUrl: string,
	keys: { clientId: string; clientSecret: string },
): Promise<string> {
	const answer = await fetch(`${rootUrl}/oauth/token`, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: keys.clientId,
			client_secret: keys.clientSecret,
		}),
	});
	return ((await answer.json()) as { access_token: string }).access_token;
}

function lines(child: ChildProcess): () => Promise<IDataObject> {
	const waiting: Array<(line: IDataObject) => void> = [];
	let buffered = '';
	child.stdout?.setEncoding('utf8').on('data', (text: string) => {
		buffered += text;
		let end;
		while ((end = buffered.indexOf('\n')) >= 0) {
			const line = buffered.slice(0, end);
			buffered = buffered.slice(end + 1);
			if (line.startsWith('{')) waiting.shift()?.(JSON.parse(line) as IDataObject);
		}
	});
	return async () => await new Promise((resolve) => waiting.push(resolve));
}

/** `--child <scenario>`: measures one run of the node. */
async function measure(name: string): Promise<IDataObject> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with node --expose-gc (npm run bench:bounds)');
	const scenario = SCENARIOS[name];
	const server = spawn(
		process.execPath,
		[
			'--max-old-space-size=4096',
			'--require',
			'tsx/cjs',
			join(repoRoot, 'bench/memory-bounds.ts'),
			'--serve',
			name,
		],
		{ cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const next = lines(server);
	const binaryDir = mkdtempSync(join(tmpdir(), 'cdek-bench-binary-'));
	try {
		const { rootUrl, testKeys, orders } = (await next()) as {
			rootUrl: string;
			testKeys: IDataObject;
			orders: string[];
		};
		if (scenario.binary === 'filesystem') await useFilesystemBinaryData(binaryDir);
		const credentials = new CredentialStore({
			bench: {
				type: 'cdekApi',
				name: 'Bench',
				data: { authentication: 'clientCredentials', ...testKeys, baseUrl: rootUrl },
			},
		});
		const run = async (node: ReturnType<Scenario['node']>) =>
			await runWorkflow({
				nodes: [
					{
						name: 'CDEK',
						type: 'cdek',
						typeVersion: node.typeVersion,
						parameters: node.parameters,
						credentials: { cdekApi: { id: 'bench', name: 'Bench' } },
					},
				],
				input: node.input,
				credentials,
			});
		// Warm-up: every module the run needs is loaded before "idle" is measured.
		await run({
			typeVersion: 2,
			parameters: { resource: 'city', operation: 'getMany', limit: 1 },
			input: [{}],
		});
		server.stdin?.write('stats\n');
		const warmUp = await next();
		gc();
		await new Promise((resolve) => setTimeout(resolve, 200));
		gc();
		const idle = process.memoryUsage().rss;
		let peak = idle;
		let peakHeap = process.memoryUsage().heapUsed;
		const sampler = setInterval(() => {
			const now = process.memoryUsage();
			peak = Math.max(peak, now.rss);
			peakHeap = Math.max(peakHeap, now.heapUsed);
		}, 5);
		const started = Date.now();
		const result = await run(scenario.node(orders));
		const seconds = (Date.now() - started) / 1000;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		server.stdin?.write('stats\n');
		const stats = await next();
		const items = result.status === 'success' ? result.output('CDEK') : [];
		return {
			scenario: name,
			description: scenario.description,
			idleRssMb: mb(idle),
			peakRssAboveIdleMb: mb(peak - idle),
			peakHeapMb: mb(peakHeap),
			seconds,
			status: result.status,
			items: items.length,
			itemErrors: items.filter((item) => item.json.error).length,
			error: result.error?.message,
			listPages: Number(stats.listPages) - Number(warmUp.listPages),
			processAlive: true,
		};
	} finally {
		server.kill('SIGTERM');
		rmSync(binaryDir, { recursive: true, force: true });
	}
}

const [mode, name] = process.argv.slice(2);
if (mode === '--serve') {
	void serve(name);
} else if (mode === '--child') {
	measure(name)
		.then((figures) => {
			process.stdout.write(`${JSON.stringify(figures)}\n`);
			process.exit(0);
		})
		.catch((error: unknown) => {
			process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
			process.exit(1);
		});
} else {
	const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
	for (const scenario of names.length ? names : Object.keys(SCENARIOS)) {
		let figures: IDataObject;
		try {
			const output = execFileSync(
				process.execPath,
				[
					'--expose-gc',
					// BENCH_HEAP_MB caps the heap (e.g. to see a version without bounds die sooner).
					...(process.env.BENCH_HEAP_MB
						? [`--max-old-space-size=${process.env.BENCH_HEAP_MB}`]
						: []),
					'--require',
					'tsx/cjs',
					join(repoRoot, 'bench/memory-bounds.ts'),
					'--child',
					scenario,
				],
				{
					cwd: repoRoot,
					encoding: 'utf8',
					maxBuffer: 64 * MB,
					stdio: ['ignore', 'pipe', 'inherit'],
				},
			);
			figures = JSON.parse(output.trim().split('\n').pop() ?? '{}') as IDataObject;
		} catch (error) {
			// A process that died (out of memory) is a result too.
			const failed = error as { status?: number; signal?: string };
			figures = {
				scenario,
				processAlive: false,
				exit: failed.signal ?? failed.status,
			};
		}
		process.stdout.write(`${JSON.stringify(figures)}\n`);
	}
}
