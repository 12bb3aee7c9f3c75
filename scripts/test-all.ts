/**
 * `npm test` runs every lane; `npm run test:fast` (and test:e2e, test:browser, test:e2e-n8n1) runs one:
 * `tsx scripts/test-all.ts [lane…]`. Each ends with one summary line `N passed, N failed`.
 *
 *   fast      typecheck, lint, unit, sandbox, integration: no n8n runtime, nothing from the system
 *   e2e       real n8n 2.41.1 (needs redis-server, for queue mode)
 *   browser   the real `npm start` in headless Chromium (needs chromium)
 *   e2e-n8n1  the e2e subset in real n8n 1.123.81
 *
 * First the system programs the lanes need are found or installed, or the run stops at once naming the command
 * to run (dev/util/system-packages.ts). The n8n runtimes the lanes need install in the background from the start
 * (on a cold cache they take most of the time), one after the other. Every step runs even if an earlier one
 * failed; the exit code is non-zero if any failed.
 */
import { N8N_1_VERSION, N8N_VERSION } from '../dev/n8n/runtime';
import { ensureSystemTools, type SystemTool } from '../dev/util/system-packages';
import {
	bin,
	commandStep,
	jestStep,
	log,
	printSummary,
	removeReports,
	runtimeStep,
	type StepResult,
} from './test-steps';

interface Lane {
	/** The n8n runtime the lane's tests run in. */
	runtime?: string;
	tools: SystemTool[];
	steps(): Promise<StepResult[]>;
}

/**
 * Jest's default on 2 cores is one worker; the integration tests spend much of their time waiting on local HTTP
 * and the node's own timers, so two workers overlap that waiting (measured: CONTRIBUTING.md, "Test lanes").
 */
const FAST_JEST_WORKERS = '--maxWorkers=2';

const LANES: Record<string, Lane> = {
	fast: {
		tools: [],
		steps: async () => [
			await commandStep('typecheck', bin('tsc'), ['-p', 'tsconfig.dev.json']),
			await commandStep('lint', 'npm', ['run', 'lint']),
			await jestStep('unit', [FAST_JEST_WORKERS]),
			await jestStep('sandbox', [FAST_JEST_WORKERS]),
			await jestStep('integration', [FAST_JEST_WORKERS]),
		],
	},
	e2e: {
		runtime: N8N_VERSION,
		tools: ['redis-server'],
		steps: async () => [await jestStep('e2e', ['--runInBand', '--testTimeout=600000'])],
	},
	browser: {
		runtime: N8N_VERSION,
		tools: ['chromium'],
		steps: async () => [await jestStep('browser', ['--runInBand', '--testTimeout=900000'])],
	},
	'e2e-n8n1': {
		runtime: N8N_1_VERSION,
		tools: [],
		steps: async () => [await jestStep('e2e-n8n1', ['--runInBand', '--testTimeout=600000'])],
	},
};

const LANE_NAMES = Object.keys(LANES);

function chosenLanes(args: string[]): string[] | undefined {
	const unknown = args.filter((name) => !LANES[name]);
	if (unknown.length === 0) return args.length > 0 ? args : LANE_NAMES;
	log(`unknown lane ${unknown.join(', ')}; lanes: ${LANE_NAMES.join(', ')}`);
	return undefined;
}

/** Installs the runtimes one after the other (both would download at once otherwise; the first is needed first). */
function startRuntimes(versions: string[]): Map<string, Promise<StepResult>> {
	const ready = new Map<string, Promise<StepResult>>();
	let previous: Promise<unknown> = Promise.resolve();
	for (const version of versions) {
		const step = previous.then(() => runtimeStep(version));
		ready.set(version, step);
		previous = step;
	}
	return ready;
}

async function main(): Promise<void> {
	const names = chosenLanes(process.argv.slice(2));
	if (!names) return void (process.exitCode = 2);
	const lanes = names.map((name) => LANES[name]);
	const tools = [...new Set(lanes.flatMap((lane) => lane.tools))];
	const system = await ensureSystemTools(tools, log);
	if (!system.ok) {
		log(system.message);
		process.exitCode = 1;
		return;
	}
	const runtimes = startRuntimes([
		...new Set(lanes.flatMap((lane) => (lane.runtime ? [lane.runtime] : []))),
	]);
	const results: StepResult[] = [];
	const reported = new Set<string>();
	for (const lane of lanes) {
		if (lane.runtime) {
			const ready = await runtimes.get(lane.runtime)!;
			if (!reported.has(lane.runtime)) results.push(ready);
			reported.add(lane.runtime);
			if (!ready.ok) continue;
		}
		results.push(...(await lane.steps()));
	}
	removeReports();
	printSummary(results);
	process.exitCode = results.every((result) => result.ok) ? 0 : 1;
}

void main();
