/** Medians, ratios and target checks over benchmark samples, rendered as Markdown tables. */
import { COMPARED, JOBS, type JobKey } from './jobs';

export interface Sample {
	latencyMs: number;
	items: number;
	job: JobKey;
	rep: number;
	/** Raw: the job's time. n8n: runData executionTime of the node under test. */
	nodeMs: number;
	/** n8n only: `n8n execute` from start to exit. */
	totalMs?: number;
	/** CDEK API requests the sandbox counted (token requests aside). */
	apiRequests: number;
	tokenRequests: number;
	maxRssMb?: number;
	cpuMs?: number;
}

export interface Row {
	latencyMs: number;
	items: number;
	job: JobKey;
	runs: number;
	nodeMs: number;
	totalMs?: number;
	requestsPerSecond?: number;
	vsRaw?: number;
	vsHeaderAuth?: number;
	vsInline?: number;
	/** n8n CPU per item beyond the same workflow with our node disabled (start-up and the other nodes excluded). */
	cpuPerItemMs?: number;
	tokenRequests: number[];
	peakRssMb?: number;
}

const SHOWN: JobKey[] = [...COMPARED, 'cdek-disabled'];

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const defined = (values: Array<number | undefined>): number[] =>
	values.filter((value): value is number => value !== undefined && !Number.isNaN(value));

export function summarize(samples: Sample[]): Row[] {
	const groups = new Map<string, Sample[]>();
	for (const sample of samples) {
		const key = `${sample.latencyMs}|${sample.items}|${sample.job}`;
		groups.set(key, [...(groups.get(key) ?? []), sample]);
	}
	const carriedCpu = new Map(
		samples
			.filter((sample) => sample.job === 'cdek-disabled')
			.map((sample) => [sample.items, sample.cpuMs]),
	);
	const rows: Row[] = [...groups.values()].map((group) => {
		const { latencyMs, items, job } = group[0];
		const nodeMs = median(group.map((sample) => sample.nodeMs));
		const totals = defined(group.map((sample) => sample.totalMs));
		const rss = defined(group.map((sample) => sample.maxRssMb));
		const cpu = defined(group.map((sample) => sample.cpuMs));
		const baselineCpuMs = job === 'cdek-disabled' ? undefined : carriedCpu.get(items);
		return {
			latencyMs,
			items,
			job,
			runs: group.length,
			nodeMs,
			totalMs: totals.length ? median(totals) : undefined,
			requestsPerSecond:
				nodeMs > 0
					? median(group.map((sample) => sample.apiRequests)) / (nodeMs / 1000)
					: undefined,
			// Start-up CPU varies by a second or so between runs: per item, that is noise below a few hundred items.
			cpuPerItemMs:
				cpu.length && baselineCpuMs !== undefined && items >= 300
					? (median(cpu) - baselineCpuMs) / items
					: undefined,
			tokenRequests: [...group].sort((a, b) => a.rep - b.rep).map((sample) => sample.tokenRequests),
			peakRssMb: rss.length ? Math.max(...rss) : undefined,
		};
	});
	const find = (row: Row, job: JobKey | undefined) =>
		job &&
		rows.find(
			(other) =>
				other.latencyMs === row.latencyMs && other.items === row.items && other.job === job,
		);
	for (const row of rows) {
		if (JOBS[row.job].runner !== 'n8n' || row.job === 'cdek-disabled') continue;
		const raw = find(row, JOBS[row.job].raw);
		const header = find(row, 'http-header');
		const inline = find(row, 'http-inline');
		if (raw) row.vsRaw = row.nodeMs / raw.nodeMs;
		if (header) row.vsHeaderAuth = row.nodeMs / header.nodeMs;
		if (inline) row.vsInline = row.nodeMs / inline.nodeMs;
	}
	const order = (row: Row) => [row.latencyMs, row.items, SHOWN.indexOf(row.job)];
	return rows.sort((a, b) => {
		const [x, y] = [order(a), order(b)];
		return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
	});
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : (ms / 1000).toFixed(2));
const times = (ratio: number | undefined) => (ratio === undefined ? '' : `${ratio.toFixed(2)}×`);
const fixed = (value: number | undefined, digits = 0) =>
	value === undefined ? '' : value.toFixed(digits);

export function resultsTable(rows: Row[]): string {
	const header = [
		'| Latency | Items | Job | Runs | Node time s | `n8n execute` s | Requests/s | × raw, same concurrency | × HTTP Req. Header Auth | × HTTP Req. inline | n8n CPU ms/item | Token requests per run | Peak RSS MB |',
		'|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
	];
	const lines = rows
		.filter((row) => SHOWN.includes(row.job))
		.map((row) =>
			[
				`${row.latencyMs} ms`,
				row.items,
				JOBS[row.job].short,
				row.runs,
				seconds(row.nodeMs),
				seconds(row.totalMs),
				fixed(row.requestsPerSecond),
				times(row.vsRaw),
				times(row.vsHeaderAuth),
				times(row.vsInline),
				fixed(row.cpuPerItemMs, 1),
				row.tokenRequests.join(', '),
				fixed(row.peakRssMb),
			].join(' | '),
		)
		.map((line) => `| ${line} |`);
	return [...header, ...lines].join('\n');
}

export interface MemoryResult {
	items: number;
	baselineMb: number;
	disabledMb: number;
	nodeMb: number;
	nodeMs: number;
	tokenRequests: number;
	httpHeaderMb: number;
	httpHeaderMs: number;
}

export function memoryTable(memory: MemoryResult): string {
	return [
		'| Run (20 ms latency) | Peak RSS of `n8n execute` MB | Over baseline MB |',
		'|---|---:|---:|',
		`| CDEK node, default options, 1 item (baseline) | ${memory.baselineMb.toFixed(0)} | 0 |`,
		`| ${memory.items} items, CDEK node disabled (n8n carries the items only) | ${memory.disabledMb.toFixed(0)} | ${(memory.disabledMb - memory.baselineMb).toFixed(0)} |`,
		`| ${memory.items} items, CDEK node, default options (node ${seconds(memory.nodeMs)} s, ${memory.tokenRequests} token request) | ${memory.nodeMb.toFixed(0)} | ${(memory.nodeMb - memory.baselineMb).toFixed(0)} |`,
		`| ${memory.items} items, HTTP Request node, Header Auth (node ${seconds(memory.httpHeaderMs)} s) | ${memory.httpHeaderMb.toFixed(0)} | ${(memory.httpHeaderMb - memory.baselineMb).toFixed(0)} |`,
	].join('\n');
}

interface TargetCheck {
	target: string;
	where: string;
	measured: string;
	met: boolean;
}

export function targetChecks(rows: Row[], memory?: MemoryResult): TargetCheck[] {
	const checks: TargetCheck[] = [];
	const blocks = [...new Set(rows.map((row) => `${row.latencyMs}|${row.items}`))];
	for (const block of blocks) {
		const [latencyMs, items] = block.split('|').map(Number);
		const where = `${latencyMs} ms, ${items} items`;
		const get = (job: JobKey) =>
			rows.find((row) => row.latencyMs === latencyMs && row.items === items && row.job === job);
		const dflt = get('cdek-default');
		const nochecks = get('cdek-nochecks');
		if (dflt?.vsHeaderAuth !== undefined)
			checks.push({
				target: 'Default options faster than (3) with a Header Auth credential',
				where,
				measured: times(dflt.vsHeaderAuth),
				met: dflt.vsHeaderAuth < 1,
			});
		for (const row of [dflt, nochecks]) {
			if (row?.vsInline !== undefined)
				checks.push({
					target: `${JOBS[row.job].short}: within 1.2× of (3) with an inline header`,
					where,
					measured: times(row.vsInline),
					met: row.vsInline <= 1.2,
				});
		}
		for (const row of [dflt, nochecks, get('cdek-batch10')]) {
			if (row?.vsRaw !== undefined)
				checks.push({
					target: `${JOBS[row.job].short}: within 1.3× of (1) at equal concurrency`,
					where,
					measured: times(row.vsRaw),
					met: row.vsRaw <= 1.3,
				});
		}
	}
	const cdekRows = rows.filter((row) => row.job.startsWith('cdek-') && row.job !== 'cdek-disabled');
	const tokenOk =
		cdekRows.every(
			(row) =>
				row.tokenRequests[0] === 1 && row.tokenRequests.slice(1).every((count) => count === 0),
		) &&
		(memory === undefined || memory.tokenRequests === 1);
	checks.push({
		target: 'Exactly 1 token request (fresh credential; 0 once n8n stored the token)',
		where: 'every CDEK run',
		measured: [...new Set(cdekRows.map((row) => row.tokenRequests.join(', ')))]
			.map((list) => `[${list}]`)
			.join(' '),
		met: tokenOk,
	});
	if (memory) {
		const over = memory.nodeMb - memory.baselineMb;
		checks.push({
			target: '≤ 150 MB over baseline at 10 000 items',
			where: `${memory.items} items`,
			measured: `${over.toFixed(0)} MB`,
			met: over <= 150,
		});
	}
	return checks;
}

export function targetsTable(checks: TargetCheck[]): string {
	return [
		'| Target | Where | Measured | Met |',
		'|---|---|---:|---|',
		...checks.map(
			(check) =>
				`| ${check.target} | ${check.where} | ${check.measured} | ${check.met ? 'yes' : '**no**'} |`,
		),
	].join('\n');
}
