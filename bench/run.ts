/**
 * `npm run bench`: the same bulk refusals done by raw HTTP (1), by the CDEK node in real n8n (2) and by
 * n8n's HTTP Request node (3), against the CDEK sandbox with a fixed latency; prints a table and writes
 * BENCHMARKS.md. Options: --quick (20 ms, 300 items, 1 run, no memory or profile run, writes nothing), --reps=N,
 * --latencies=20,150, --sizes=300,2000, --memory-items=N, --profile-items=N, --no-memory, --no-profile,
 * --no-write, --profile-out=DIR (keep the .cpuprofile), --n8n-node-options="--max-old-space-size=384" (for
 * every n8n process; the report names it).
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, formatSeconds } from '../dev/util/log';
import { registerSecret } from '../dev/util/redact';
import { type ProfileSummary, summarizeProfile } from './cpu-profile';
import { COMPARED, JOBS, type JobKey } from './jobs';
import { loadAverage, machineInfo, otherBusyProcesses } from './machine';
import { type BenchN8n, createBenchN8n, type N8nRun } from './n8n-runs';
import { runRawJob } from './raw-http';
import { type MemoryResult, type Sample, summarize } from './report';
import { type BenchSandbox, startBenchSandbox } from './sandbox-process';
import { type CredentialRef, refusalWorkflow, type Variant } from './workflows';
import { writeBenchmarks } from './write-benchmarks';
import { cdekSandboxCredential } from '../dev/n8n/workflows';

const log = createLogger('bench');

interface Options {
	latencies: number[];
	sizes: number[];
	reps?: number;
	memory: boolean;
	memoryItems: number;
	profile: boolean;
	profileItems: number;
	profileOut?: string;
	n8nNodeOptions?: string;
	write: boolean;
}

function parseOptions(argv: string[]): Options {
	const value = (name: string) =>
		argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	const list = (name: string, fallback: number[]) =>
		value(name)?.split(',').map(Number) ?? fallback;
	const quick = argv.includes('--quick');
	return {
		latencies: list('latencies', quick ? [20] : [20, 150]),
		sizes: list('sizes', quick ? [300] : [300, 2000]),
		reps: value('reps') ? Number(value('reps')) : quick ? 1 : undefined,
		memory: !quick && !argv.includes('--no-memory'),
		memoryItems: Number(value('memory-items') ?? 10000),
		profile: !quick && !argv.includes('--no-profile'),
		profileItems: Number(value('profile-items') ?? 1000),
		profileOut: value('profile-out'),
		n8nNodeOptions: value('n8n-node-options'),
		write: quick ? argv.includes('--write') : !argv.includes('--no-write'),
	};
}

/**
 * Fewer runs where one run is long: the full benchmark stays within about 15 minutes on a 2-core machine.
 * At 150 ms most jobs are latency-bound, so their spread is small.
 */
function repetitions(options: Options, latencyMs: number, items: number): number {
	if (options.reps) return options.reps;
	if (items > 500) return 1;
	return latencyMs <= 50 ? 3 : 2;
}

/** Sequential raw HTTP takes items × latency; it is measured where that stays short. */
const runsSequential = (latencyMs: number, items: number, rep: number) =>
	items <= 500 && (latencyMs < 100 || rep === 0);

const JOB_CODES: Record<JobKey, string> = {
	'raw-seq': 'rseq',
	'raw-c10-read': 'r10r',
	'raw-default': 'rdf',
	'raw-default-read': 'rdfr',
	'raw-all': 'rall',
	'cdek-default': 'dflt',
	'cdek-nochecks': 'nock',
	'cdek-batch10': 'b10',
	'http-header': 'hdr',
	'http-inline': 'inl',
	'cdek-one': 'one',
	'cdek-disabled': 'off',
};

/** n8n wants 15+ characters to import by id and at most 21 to execute by id. */
const workflowId = (latencyMs: number, items: number, job: JobKey) =>
	`bench${latencyMs}x${items}${JOB_CODES[job]}`.padEnd(15, '0');

async function fetchToken(sandbox: BenchSandbox): Promise<string> {
	const response = await fetch(`${sandbox.rootUrl}/oauth/token`, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: sandbox.testKeys.clientId,
			client_secret: sandbox.testKeys.clientSecret,
		}),
	});
	const token = ((await response.json()) as { access_token: string }).access_token;
	registerSecret(token);
	return token;
}

interface Setup {
	sandbox: BenchSandbox;
	n8n: BenchN8n;
}

/** One CDEK credential per workflow, so that the first run of each starts without a stored token. */
async function importEverything(setup: Setup, options: Options): Promise<void> {
	const { sandbox, n8n } = setup;
	const token = await fetchToken(sandbox);
	const headerAuth: CredentialRef = {
		id: 'benchHeaderAuth01',
		name: 'bench: CDEK token (Header Auth)',
	};
	const credentials: object[] = [
		{
			...headerAuth,
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${token}` },
		},
	];
	const workflows: object[] = [];
	const add = (latencyMs: number, items: number, job: JobKey) => {
		const id = workflowId(latencyMs, items, job);
		const credential = { id: `c${id}`, name: `bench: CDEK ${id}` };
		let variant: Variant;
		if (job === 'http-header')
			variant = { kind: 'httpHeaderAuth', credential: headerAuth, rootUrl: sandbox.rootUrl };
		else if (job === 'http-inline')
			variant = { kind: 'httpInlineHeader', token, rootUrl: sandbox.rootUrl };
		else {
			credentials.push(cdekSandboxCredential(credential, sandbox));
			variant = {
				kind: 'cdek',
				credential,
				checks: JOBS[job].readFirst,
				batching: JOBS[job].batching,
				disabled: job === 'cdek-disabled',
			};
		}
		workflows.push(refusalWorkflow(id, sandbox.controlUrl, items, variant));
	};
	for (const latencyMs of options.latencies)
		for (const items of options.sizes)
			for (const job of COMPARED) if (JOBS[job].runner === 'n8n') add(latencyMs, items, job);
	for (const items of options.sizes) add(options.latencies[0], items, 'cdek-disabled');
	add(20, 1, 'cdek-one');
	if (options.memory)
		for (const job of ['cdek-disabled', 'cdek-default', 'http-header'] as const)
			add(20, options.memoryItems, job);
	if (options.profile) add(20, options.profileItems, 'cdek-default');
	log(`importing ${credentials.length} credentials and ${workflows.length} workflows`);
	await n8n.instance.importCredentials(credentials as never);
	await n8n.instance.importWorkflows(workflows);
}

async function runJob(
	setup: Setup,
	latencyMs: number,
	items: number,
	job: JobKey,
	rep: number,
): Promise<Sample & { run?: N8nRun }> {
	const { sandbox, n8n } = setup;
	await sandbox.reset();
	if (JOBS[job].runner === 'raw') {
		const uuids = await sandbox.addOrders(items, 'SENT_TO_RECIPIENT_CITY');
		const result = await runRawJob({
			rootUrl: sandbox.rootUrl,
			...sandbox.testKeys,
			uuids,
			concurrency: JOBS[job].concurrency,
			readFirst: JOBS[job].readFirst,
		});
		const counters = await sandbox.counters();
		return {
			latencyMs,
			items,
			job,
			rep,
			nodeMs: result.ms,
			apiRequests: sandbox.apiRequests(counters),
			tokenRequests: counters.tokenRequests,
		};
	}
	const run = await n8n.run(workflowId(latencyMs, items, job), items);
	const counters = await sandbox.counters();
	return {
		latencyMs,
		items,
		job,
		rep,
		nodeMs: run.nodeMs,
		totalMs: run.totalMs,
		apiRequests: sandbox.apiRequests(counters),
		tokenRequests: counters.tokenRequests,
		maxRssMb: run.maxRssMb,
		cpuMs: run.cpuMs,
		run,
	};
}

/** A run that fails (e.g. n8n killed by a memory-starved machine) is tried once more before the benchmark gives up. */
async function runJobOnce(
	setup: Setup,
	latencyMs: number,
	items: number,
	job: JobKey,
	rep: number,
): Promise<Sample & { run?: N8nRun }> {
	try {
		return await runJob(setup, latencyMs, items, job, rep);
	} catch (error) {
		log(
			`${JOBS[job].short}, ${items} items at ${latencyMs} ms failed; trying once more: ${(error as Error).message.split('\n')[0]}`,
		);
		return await runJob(setup, latencyMs, items, job, rep);
	}
}

function describe(sample: Sample): string {
	const extra =
		sample.totalMs === undefined
			? ''
			: `, execute ${formatSeconds(sample.totalMs)}, RSS ${sample.maxRssMb?.toFixed(0)} MB`;
	return `${sample.latencyMs} ms ${sample.items} items ${JOBS[sample.job].short} #${sample.rep + 1}: ${formatSeconds(sample.nodeMs)}${extra}, ${sample.apiRequests} requests, ${sample.tokenRequests} token`;
}

async function profileRun(
	setup: Setup,
	options: Options,
): Promise<{ summary: ProfileSummary; run: N8nRun }> {
	const dir = join(setup.n8n.instance.userFolder, 'cpu-profiles');
	mkdirSync(dir, { recursive: true });
	const profiled = await createBenchN8n({
		userFolder: setup.n8n.instance.userFolder,
		nodeOptions: `${options.n8nNodeOptions ?? ''} --cpu-prof --cpu-prof-dir=${dir}`,
	});
	await setup.sandbox.setLatency(20);
	await setup.sandbox.reset();
	const run = await profiled.run(
		workflowId(20, options.profileItems, 'cdek-default'),
		options.profileItems,
	);
	await profiled.dispose();
	const file = readdirSync(dir).find((name) => name.includes(`.${run.pid}.`));
	if (!file) throw new Error(`no CPU profile of process ${run.pid} in ${dir}`);
	if (options.profileOut) {
		mkdirSync(options.profileOut, { recursive: true });
		copyFileSync(join(dir, file), join(options.profileOut, file));
	}
	return { summary: summarizeProfile(join(dir, file)), run };
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const started = Date.now();
	// Before the package is built and packed: the revision measured.
	const machine = await machineInfo();
	const busyBefore = await otherBusyProcesses();
	const loadBefore = loadAverage();
	if (busyBefore.length)
		log(`other processes are busy; numbers will be noisy:\n  ${busyBefore.join('\n  ')}`);
	const sandbox = await startBenchSandbox(20);
	let n8n: BenchN8n | undefined;
	const samples: Sample[] = [];
	let one: Sample | undefined;
	let memory: MemoryResult | undefined;
	let profile: { summary: ProfileSummary; run: N8nRun } | undefined;
	try {
		n8n = await createBenchN8n({ nodeOptions: options.n8nNodeOptions });
		const setup = { sandbox, n8n };
		await importEverything(setup, options);
		one = await runJobOnce(setup, 20, 1, 'cdek-one', 0);
		log(describe(one));
		for (const latencyMs of options.latencies) {
			await sandbox.setLatency(latencyMs);
			for (const items of options.sizes) {
				if (latencyMs === options.latencies[0]) {
					// What n8n spends on the same workflow without our node: the CPU baseline for this size.
					const carried = await runJobOnce(setup, latencyMs, items, 'cdek-disabled', 0);
					log(describe(carried));
					samples.push(carried);
				}
				for (let rep = 0; rep < repetitions(options, latencyMs, items); rep++) {
					for (const job of COMPARED) {
						if (job === 'raw-seq' && !runsSequential(latencyMs, items, rep)) continue;
						const sample = await runJobOnce(setup, latencyMs, items, job, rep);
						log(describe(sample));
						samples.push(sample);
					}
				}
			}
		}
		if (options.memory) {
			await sandbox.setLatency(20);
			const disabled = await runJobOnce(setup, 20, options.memoryItems, 'cdek-disabled', 0);
			log(describe(disabled));
			const full = await runJobOnce(setup, 20, options.memoryItems, 'cdek-default', 0);
			log(describe(full));
			// The same items through n8n's HTTP Request node: how much of the peak is n8n's per-request cost.
			const httpNode = await runJobOnce(setup, 20, options.memoryItems, 'http-header', 0);
			log(describe(httpNode));
			memory = {
				items: options.memoryItems,
				baselineMb: one.maxRssMb ?? NaN,
				disabledMb: disabled.maxRssMb ?? NaN,
				nodeMb: full.maxRssMb ?? NaN,
				nodeMs: full.nodeMs,
				tokenRequests: full.tokenRequests,
				httpHeaderMb: httpNode.maxRssMb ?? NaN,
				httpHeaderMs: httpNode.nodeMs,
			};
		}
		if (options.profile) profile = await profileRun(setup, options);
	} finally {
		await n8n?.dispose();
		await sandbox.stop();
	}
	const busyAfter = await otherBusyProcesses();
	const text = writeBenchmarks({
		rows: summarize(samples),
		memory,
		profile: profile && { ...profile, items: options.profileItems },
		machine,
		n8nNodeOptions: options.n8nNodeOptions,
		load: {
			before: loadBefore,
			after: loadAverage(),
			busy: [...new Set([...busyBefore, ...busyAfter])],
		},
		durationMs: Date.now() - started,
		write: options.write,
	});
	process.stdout.write(`${text}\n`);
	log(`done in ${formatSeconds(Date.now() - started)}`);
}

main().catch((error) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exit(1);
});
