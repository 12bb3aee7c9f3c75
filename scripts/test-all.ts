/**
 * `npm test`: typecheck, lint, the jest projects in order (unit, sandbox, integration; then e2e and browser in
 * real n8n 2.41.1, and e2e-n8n1 in real n8n 1.123.81, one test file at a time), and one summary line
 * `N passed, N failed`. Both n8n runtimes install in the background from the start (on a cold cache they take
 * most of the time), while the steps that need no n8n run. Every step runs even if an earlier one failed; the
 * exit code is non-zero if any failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, formatSeconds } from '../dev/util/log';
import { repoRoot } from '../dev/n8n/package-install';
import { ensureRuntime, N8N_1_VERSION, N8N_VERSION } from '../dev/n8n/runtime';

const log = createLogger('test');

interface StepResult {
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

async function commandStep(name: string, command: string, args: string[]): Promise<StepResult> {
	const started = Date.now();
	log(`${name}: ${command} ${args.join(' ')}`);
	const code = await runAttached(command, args);
	return {
		name,
		ok: code === 0,
		passed: 0,
		failed: 0,
		note: code === 0 ? 'ok' : `exit ${code}`,
		ms: Date.now() - started,
	};
}

interface JestSummary {
	numPassedTests: number;
	numFailedTests: number;
	numRuntimeErrorTestSuites: number;
	numTotalTestSuites: number;
}

const JEST = join(repoRoot, 'node_modules', '.bin', 'jest');
const reportsDir = mkdtempSync(join(tmpdir(), 'n8n-nodes-cdek-jest-'));

/** Jest ignores `testTimeout` inside a project entry, so long-running projects get it on the command line. */
async function jestStep(project: string, extraArgs: string[] = []): Promise<StepResult> {
	const started = Date.now();
	const report = join(reportsDir, `${project}.json`);
	log(`jest project ${project}`);
	const code = await runAttached(JEST, [
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
function runtimeInstall(version: string): Promise<StepResult> {
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

function printSummary(results: StepResult[]): void {
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

async function main(): Promise<void> {
	const results: StepResult[] = [];
	// One after the other: both would download at once otherwise, and the first is needed first.
	const runtime = runtimeInstall(N8N_VERSION);
	const runtime1 = runtime.then(() => runtimeInstall(N8N_1_VERSION));
	results.push(
		await commandStep('typecheck', join(repoRoot, 'node_modules', '.bin', 'tsc'), [
			'-p',
			'tsconfig.dev.json',
		]),
	);
	results.push(await commandStep('lint', 'npm', ['run', 'lint']));
	for (const project of ['unit', 'sandbox', 'integration']) results.push(await jestStep(project));
	const ready = await runtime;
	results.push(ready);
	if (ready.ok) {
		results.push(await jestStep('e2e', ['--runInBand', '--testTimeout=600000']));
		results.push(await jestStep('browser', ['--runInBand', '--testTimeout=900000']));
	}
	const ready1 = await runtime1;
	results.push(ready1);
	if (ready1.ok) results.push(await jestStep('e2e-n8n1', ['--runInBand', '--testTimeout=600000']));
	rmSync(reportsDir, { recursive: true, force: true });
	printSummary(results);
	process.exitCode = results.every((result) => result.ok) ? 0 : 1;
}

void main();
