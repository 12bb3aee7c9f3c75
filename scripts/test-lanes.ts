/**
 * The lanes of `npm test` (scripts/test-all.ts runs them; CONTRIBUTING.md, "Test lanes"): what each runs, the n8n
 * runtime it runs in, and the system programs it needs. The GitHub workflow runs each lane as a job of its own.
 */
import { N8N_1_VERSION, N8N_VERSION } from '../dev/n8n/runtime';
import type { SystemTool } from '../dev/util/system-packages';
import { bin, commandStep, jestStep, type StepResult } from './test-steps';

export interface Lane {
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

export const LANES: Record<string, Lane> = {
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

export const LANE_NAMES = Object.keys(LANES);
