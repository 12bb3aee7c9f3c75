/**
 * The steps `npm test` and its lanes run (scripts/test-all.ts): a command, a jest project read back from its JSON
 * report, an n8n runtime made ready; and the summary that ends with one line `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, formatSeconds } from '../dev/util/log';
import { repoRoot } from '../dev/n8n/package-install';
import { ensureRuntime } from '../dev/n8n/runtime';

export const log = createLogger('test');

export interface StepResult {
	name: string;
	ok: boolean;
	passed: number;
	failed: number;
	note: string;
	ms: number;
}

/** Runs with the terminal attached (colours, live output) and in our process group, so Ctrl-C reaches it. */
function runAttached(command: string, args: string[]): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit' });
		child.once('error', (error) => {
			log(`cannot run ${command}: ${error.message}`);
			resolve(127);
		});
		child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
	});
}

export const bin = (name: string): string => join(repoRoot, 'node_modules', '.bin', name);

const commandResult = (name: string, code: number, started: number): StepResult => ({
	name,
	ok: code === 0,
	passed: 0,
	failed: 0,
	note: code === 0 ? 'ok' : `exit ${code}`,
	ms: Date.now() - started,
});

/**
 * A command run beside other steps: its output is kept and printed when `report()` is awaited, so the outputs
 * do not interleave.
 */
export function backgroundCommandStep(
	name: string,
	command: string,
	args: string[],
): { report(): Promise<StepResult> } {
	const started = Date.now();
	log(`${name} (in the background, output at the end): ${command} ${args.join(' ')}`);
	const output: Buffer[] = [];
	const done = new Promise<number>((resolve) => {
		const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
		child.once('error', (error) => {
			output.push(Buffer.from(`cannot run ${command}: ${error.message}\n`));
			resolve(127);
		});
		child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
	});
	const result = done.then((code) => commandResult(name, code, started));
	return {
		async report() {
			const step = await result;
			log(`${name}: ${step.note} (${formatSeconds(step.ms)})`);
			process.stdout.write(Buffer.concat(output));
			return step;
		},
	};
}

interface JestSummary {
	numPassedTests: number;
	numFailedTests: number;
	numRuntimeErrorTestSuites: number;
	numTotalTestSuites: number;
}

let reportsDir: string | undefined;
const reportFile = (name: string): string => {
	reportsDir ??= mkdtempSync(join(tmpdir(), 'n8n-nodes-cdek-jest-'));
	return join(reportsDir, `${name}.json`);
};
export const removeReports = (): void => {
	if (reportsDir) rmSync(reportsDir, { recursive: true, force: true });
};

/** Jest ignores `testTimeout` inside a project entry, so long-running projects get it on the command line. */
export async function jestStep(project: string, extraArgs: string[] = []): Promise<StepResult> {
	const started = Date.now();
	const report = reportFile(project);
	log(`jest project ${project}`);
	const code = await runAttached(bin('jest'), [
		'--selectProjects',
		project,
		'--passWithNoTests',
		'--json',
		'--outputFile',
		report,
		...extraArgs,
	]);
	const ms = Date.now() - started;
	if (!existsSync(report))
		return {
			name: project,
			ok: false,
			passed: 0,
			failed: 0,
			note: `jest exited ${code} without a report`,
			ms,
		};
	const summary = JSON.parse(readFileSync(report, 'utf8')) as JestSummary;
	// A suite that cannot even load (syntax error, failing import) has no failed tests but must count.
	const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
	const note =
		summary.numTotalTestSuites === 0
			? 'no test files yet'
			: `${summary.numPassedTests} passed, ${failed} failed`;
	return { name: project, ok: code === 0, passed: summary.numPassedTests, failed, note, ms };
}

/** Starts installing (or finding) a runtime at once; the step's time is how long it took to be ready. */
export function runtimeStep(version: string): Promise<StepResult> {
	const started = Date.now();
	const step = (ok: boolean, note: string): StepResult => ({
		name: `n8n ${version} runtime`,
		ok,
		passed: 0,
		failed: 0,
		note,
		ms: Date.now() - started,
	});
	return ensureRuntime(version).then(
		() => step(true, 'ready'),
		(error: Error) => {
			log(error.message);
			return step(false, 'install failed (see above)');
		},
	);
}

export function printSummary(results: StepResult[]): void {
	const width = Math.max(...results.map((result) => result.name.length));
	console.log('\nSummary');
	for (const result of results)
		console.log(
			`  ${result.ok ? '✔' : '✖'} ${result.name.padEnd(width)}  ${result.note} (${formatSeconds(result.ms)})`,
		);
	const passed = results.reduce((sum, result) => sum + result.passed, 0);
	const failed = results.reduce((sum, result) => sum + result.failed, 0);
	const failedSteps = results.filter((result) => !result.ok).map((result) => result.name);
	if (failedSteps.length > 0) console.log(`  failed steps: ${failedSteps.join(', ')}`);
	console.log(`${passed} passed, ${failed} failed`);
}
