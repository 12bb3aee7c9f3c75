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
import { ensureSystemTools } from '../dev/util/system-packages';
import { LANE_NAMES, LANES } from './test-lanes';
import { log, printSummary, removeReports, runtimeStep, type StepResult } from './test-steps';

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
