/**
 * The lanes of `npm test` (scripts/test-all.ts runs them; CONTRIBUTING.md, "Test lanes"): what each runs, the n8n
 * runtime it runs in, and the system programs it needs. The GitHub workflow runs each lane as a job of its own.
 */
import { N8N_1_VERSION, N8N_VERSION } from '../dev/n8n/runtime';
import type { SystemTool } from '../dev/util/system-packages';
import { backgroundCommandStep, bin, jestStep, type StepResult } from './test-steps';

export interface Lane {
	/** The n8n runtime the lane's tests run in. */
	runtime?: string;
	tools: SystemTool[];
	steps(): Promise<StepResult[]>;
}

/**
 * Jest's default on 2 cores is one worker. The integration tests spend much of their time waiting (local HTTP,
 * the node's timers, n8n's engine between requests), so four workers overlap that waiting: on a shared 2-core
 * machine (load ~10) integration took 185 s with two workers, 138 s with three, 115 s with four. Unit and sandbox
 * tests mostly compute.
 */
const COMPUTING_WORKERS = '--maxWorkers=2';
const WAITING_WORKERS = '--maxWorkers=4';

export const LANES: Record<string, Lane> = {
	fast: {
		tools: [],
		steps: async () => {
			// tsc and the lint commands each keep one core busy, the jest projects mostly wait (below): run beside
			// each other, they use both cores; the background steps' output is printed after the jest projects.
			const typecheck = backgroundCommandStep('typecheck', bin('tsc'), ['-p', 'tsconfig.dev.json']);
			const lint = backgroundCommandStep('lint', 'npm', ['run', 'lint']);
			const unit = await jestStep('unit', [COMPUTING_WORKERS]);
			const sandbox = await jestStep('sandbox', [COMPUTING_WORKERS]);
			const integration = await jestStep('integration', [WAITING_WORKERS]);
			return [await typecheck.report(), await lint.report(), unit, sandbox, integration];
		},
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

export const LANE_NAMES = Object.keys(LANES);
