/**
 * Runs a benchmark workflow with `n8n execute` and reads what a run cost: the target node's time from
 * runData, the whole command's wall time, and the n8n process's peak RSS and CPU time (written at exit by
 * preload/measure-exit.cjs).
 *
 * n8n's stdout goes to a file, not a pipe: `n8n execute` prints the whole execution (tens of MB for
 * thousands of items) and exits right after, and through a pipe the end of that output is lost.
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawOutput } from '../dev/n8n/n8n-cli';
import { createN8n, type N8nInstance } from '../dev/n8n/n8n-instance';
import { findFreePort } from '../dev/util/ports';
import { spawnInGroup, stopProcessGroup, waitForExit } from '../dev/util/processes';
import { TARGET_NODE } from './workflows';

const EXIT_WITH_PARENT = join(__dirname, '..', 'dev', 'n8n', 'preload', 'exit-with-parent.cjs');
const MEASURE_EXIT = join(__dirname, 'preload', 'measure-exit.cjs');

export interface N8nRun {
	/** runData executionTime of the node under test (ms). */
	nodeMs: number;
	/** Wall time of `n8n execute`, process start to exit (ms). */
	totalMs: number;
	items: number;
	maxRssMb: number;
	cpuMs: number;
	/** Process id of `n8n execute` (names its CPU profile). */
	pid: number;
}

export interface BenchN8n {
	instance: N8nInstance;
	run(workflowId: string, expectedItems: number): Promise<N8nRun>;
	dispose(): Promise<void>;
}

/** `nodeOptions`: extra Node flags for the n8n processes, e.g. `--cpu-prof --cpu-prof-dir=…`. */
export async function createBenchN8n(
	options: { userFolder?: string; nodeOptions?: string } = {},
): Promise<BenchN8n> {
	const instance = await createN8n({
		withPackage: !options.userFolder,
		userFolder: options.userFolder,
		env: {
			NODE_OPTIONS:
				`--require "${EXIT_WITH_PARENT}" --require "${MEASURE_EXIT}" ${options.nodeOptions ?? ''}`.trim(),
			N8N_BENCH_MEASURE_FILE: '',
		},
	});
	const measureFile = join(instance.userFolder, 'bench-measure.jsonl');
	instance.env.N8N_BENCH_MEASURE_FILE = measureFile;
	return {
		instance,
		async run(workflowId, expectedItems) {
			writeFileSync(measureFile, '');
			const { exitCode, totalMs, stdout, stderr } = await execute(instance, workflowId);
			const execution = parseRawOutput(stdout) as any;
			const runs = execution?.data?.resultData?.runData?.[TARGET_NODE];
			const items = runs?.[0]?.data?.main?.[0]?.length ?? 0;
			if (exitCode !== 0 || execution?.status !== 'success' || items !== expectedItems) {
				const error = execution?.data?.resultData?.error?.message ?? '';
				throw new Error(
					`${workflowId}: exit ${exitCode}, status ${execution?.status}, ${items}/${expectedItems} items ${error}\n${stderr.slice(-3000)}`,
				);
			}
			const measured = existsSync(measureFile)
				? readFileSync(measureFile, 'utf8')
						.split('\n')
						.filter(Boolean)
						.map(
							(line) =>
								JSON.parse(line) as {
									pid: number;
									command: string;
									maxRssKb: number;
									cpuMs: number;
								},
						)
						.find((line) => line.command === 'execute')
				: undefined;
			return {
				nodeMs: runs[0].executionTime as number,
				totalMs,
				items,
				maxRssMb: measured ? measured.maxRssKb / 1024 : NaN,
				cpuMs: measured?.cpuMs ?? NaN,
				pid: measured?.pid ?? 0,
			};
		},
		dispose: () => instance.dispose(),
	};
}

async function execute(
	instance: N8nInstance,
	workflowId: string,
): Promise<{ exitCode: number | null; totalMs: number; stdout: string; stderr: string }> {
	const outFile = join(instance.userFolder, 'bench-execute.out');
	const errFile = join(instance.userFolder, 'bench-execute.err');
	const out = openSync(outFile, 'w');
	const err = openSync(errFile, 'w');
	const env = { ...instance.env, N8N_RUNNERS_BROKER_PORT: String(await findFreePort()) };
	const started = performance.now();
	const child = spawnInGroup(
		instance.runtime.nodeBin,
		[instance.runtime.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			cwd: instance.userFolder,
			env,
			stdio: ['ignore', out, err],
		},
	);
	closeSync(out);
	closeSync(err);
	const { code } = await waitForExit(child);
	const totalMs = performance.now() - started;
	// Task runners n8n started go with it.
	await stopProcessGroup(child, 0);
	const result = {
		exitCode: code,
		totalMs,
		stdout: readFileSync(outFile, 'utf8'),
		stderr: readFileSync(errFile, 'utf8'),
	};
	rmSync(outFile, { force: true });
	rmSync(errFile, { force: true });
	return result;
}
