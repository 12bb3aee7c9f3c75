/**
 * BENCHMARKS.md: the measured tables, regenerated on every full run. The hand-written analysis between
 * `<!-- analysis -->` and `<!-- /analysis -->` is kept as it is, and so is the section between `<!-- bounds -->` and
 * `<!-- /bounds -->` (`npm run bench:bounds`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../dev/n8n/package-install';
import { type ProfileSummary, profileMarkdown } from './cpu-profile';
import { JOBS } from './jobs';
import { DEFAULT_CONCURRENCY } from '../nodes/Cdek/helpers/run-settings';
import type { MachineInfo } from './machine';
import type { N8nRun } from './n8n-runs';
import {
	type MemoryResult,
	memoryTable,
	resultsTable,
	type Row,
	targetChecks,
	targetsTable,
} from './report';

export interface BenchmarkReport {
	rows: Row[];
	memory?: MemoryResult;
	profile?: { summary: ProfileSummary; run: N8nRun; items: number };
	machine: MachineInfo;
	/** Extra Node flags the n8n processes ran with, if any. */
	n8nNodeOptions?: string;
	load: { before: number; after: number; busy: string[] };
	durationMs: number;
	write: boolean;
}

const FILE = join(repoRoot, 'BENCHMARKS.md');
const ANALYSIS = /<!-- analysis -->[\s\S]*?<!-- \/analysis -->/;
const BOUNDS = /<!-- bounds -->[\s\S]*?<!-- \/bounds -->/;

const legend = Object.values(JOBS)
	.map((job) => `- **${job.short}**: ${job.label}`)
	.join('\n');

const METHOD = `How it is measured (\`npm run bench\`, code in \`bench/\`):

- The CDEK sandbox runs in its own process with a fixed latency before every CDEK answer and settling off.
  Each n8n job is one workflow: Manual Trigger → HTTP Request \`POST /_sandbox/orders/bulk\` (fresh in-transit
  orders on every run) → Split Out → the node under test. **Node time** is that node's \`executionTime\` in
  runData; **\`n8n execute\`** is the whole command, process start to exit (start-up, the other nodes, saving the
  execution). Raw jobs run in the benchmark process (undici, keep-alive, bodies parsed), timed after their one
  token request.
- Figures are medians of the runs shown; runs of the jobs of one size interleave, so drifting machine load
  spreads over all of them. To keep a full run near 15 minutes: 300 items 3 runs at 20 ms and 2 at 150 ms
  (latency-bound, small spread), 2 000 and 10 000 items 1 run; sequential raw HTTP only for 300 items (it is
  items × latency), once at 150 ms.
- **Requests/s**: CDEK API requests the sandbox counted (token requests aside) / node time. **× raw, same
  concurrency**: node time / the raw job with the same requests at the same concurrency (default → raw
  ×${DEFAULT_CONCURRENCY} GET+POST, checks off → raw ×${DEFAULT_CONCURRENCY}, batching ×10 → raw ×10 GET+POST, HTTP Request → raw all
  at once).
- **n8n CPU ms/item**: CPU time of the \`n8n execute\` process minus that of a 1-item run, per item.
- **Token requests per run**: sandbox counter, one number per run in run order. Every CDEK workflow has its
  own, new credential: its first run must fetch a token, later runs reuse the one n8n stored in the
  credential. The HTTP Request jobs use a token fetched once beforehand.
- **Peak RSS**: \`process.resourceUsage().maxRSS\` of the \`n8n execute\` process, written at exit by a preload.
  Memory runs: 20 ms latency, one run each.`;

export function writeBenchmarks(report: BenchmarkReport): string {
	const { machine, load } = report;
	const checks = targetChecks(report.rows, report.memory);
	const quiet = load.busy.length === 0;
	const sections = [
		'# Benchmarks',
		'',
		`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC in ${(report.durationMs / 60000).toFixed(1)} min at commit ${machine.revision}, on ${machine.cores} cores (${machine.cpuModel}, ${machine.memoryGb} GB), n8n ${machine.n8nVersion} on Node ${machine.n8nNode}${report.n8nNodeOptions ? ` with \`${report.n8nNodeOptions}\`` : ''}, benchmark on Node ${machine.benchNode}. Load average ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after; ${quiet ? 'no other busy processes seen' : `**other processes were busy** (numbers are noisy): ${load.busy.map((line) => `\`${line}\``).join(', ')}`}.`,
		'',
		'## Results',
		'',
		resultsTable(report.rows),
		'',
		legend,
		'',
		'## Targets',
		'',
		targetsTable(checks),
		'',
	];
	if (report.memory) sections.push('## Memory', '', memoryTable(report.memory), '');
	if (report.profile) {
		const { run, items, summary } = report.profile;
		sections.push(
			'## Where n8n-side time goes (CPU profile)',
			'',
			`CDEK node, default options, ${items} items, 20 ms latency, \`n8n execute\` under \`--cpu-prof\` (node time ${(run.nodeMs / 1000).toFixed(2)} s with the profiler on; ${(summary.windowMs / items).toFixed(2)} ms of profile window per item).`,
			'',
			profileMarkdown(summary, items),
			'',
		);
	}
	sections.push('## Method', '', METHOD, '');
	const text = sections.join('\n');
	if (report.write) {
		const previous = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
		const analysis = ANALYSIS.exec(previous)?.[0] ?? '<!-- analysis -->\n<!-- /analysis -->';
		// `npm run bench:bounds` figures, written by hand, stay as they are.
		const bounds = BOUNDS.exec(previous)?.[0];
		const withAnalysis = text.replace('## Results', `${analysis}\n\n## Results`);
		writeFileSync(
			FILE,
			bounds ? withAnalysis.replace('## Method', `${bounds}\n\n## Method`) : withAnalysis,
		);
	}
	return text;
}
