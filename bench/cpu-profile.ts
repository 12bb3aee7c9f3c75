/**
 * Where n8n-side time goes while the CDEK node runs: summarises a V8 `.cpuprofile` written by
 * `n8n execute` under `--cpu-prof`. The window is from the first to the last sample with a frame of our
 * router, item pool or HTTP client on the stack; every sample inside it (n8n, axios, GC, idle) is counted, since that is what a
 * node run costs. Async continuations start new stacks, so a sample is attributed to its innermost frame
 * of ours ("our call site") and to the first frame it called outside our code ("callee").
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface Cost {
	name: string;
	ms: number;
}

export interface ProfileSummary {
	windowMs: number;
	idleMs: number;
	gcMs: number;
	/** Self time grouped by where the leaf frame lives (our package, n8n-core, axios, node:…). */
	byArea: Cost[];
	/** The same, in a few groups: waiting, HTTP stack, expressions, GC, our code, … */
	byGroup: Cost[];
	/** Self time of single functions, all code. */
	topSelf: Cost[];
	/** Inclusive time of each function of ours (time with it anywhere on the stack). */
	oursInclusive: Cost[];
	/** Innermost frame of ours → first frame outside our code that it called (or "self"). */
	oursCallees: Cost[];
}

const OUR_PACKAGE = '/n8n-nodes-cdek/dist/';
const RUNTIME_FILES = /\/(actions\/router|helpers\/item-pool|transport\/client)\.js$/;

function frameName(frame: CallFrame): string {
	const file = frame.url.replace(/^file:\/\//, '');
	const ours = file.indexOf(OUR_PACKAGE);
	const short =
		ours >= 0
			? file.slice(ours + OUR_PACKAGE.length)
			: (file.split('/node_modules/').pop() ?? file);
	return `${frame.functionName || '(anonymous)'} ${short ? `${short}:${frame.lineNumber + 1}` : ''}`.trim();
}

function area(frame: CallFrame): string {
	const url = frame.url;
	if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
	if (url.includes(OUR_PACKAGE)) return 'n8n-nodes-cdek (ours)';
	if (url.startsWith('node:internal/')) return `node:internal/${url.split('/')[1]}`;
	if (url.startsWith('node:')) return url.split('/')[0];
	const at = url.lastIndexOf('/node_modules/');
	if (at < 0) return url;
	const [scope, name] = url.slice(at + '/node_modules/'.length).split('/');
	return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

/** Rough grouping of areas; `node:events` and streams count as HTTP since sockets are what emits here. */
const GROUPS: Array<[string, RegExp]> = [
	['waiting (idle)', /^\(idle\)$/],
	['garbage collection', /^\(garbage collector\)$/],
	['our code (self)', /^n8n-nodes-cdek/],
	[
		'expressions (@n8n/expression-runtime, n8n-workflow, luxon)',
		/^(@n8n\/expression-runtime|n8n-workflow|luxon)$/,
	],
	[
		"HTTP (n8n's axios stack, node:net/http/url/streams/events)",
		/^(axios|follow-redirects|proxy-from-env|@n8n\/backend-network|form-data|node:(net|_http_.*|http|https|tls|url|events|dns|internal\/(streams|url|net|http|dns|tls)))$/,
	],
	['module loading', /^node:internal\/modules$/],
	['n8n (core, engine, database)', /^(n8n|n8n-core|@n8n\/.*|@n8n_io\/.*|sqlite3|typeorm)$/],
];

function groupOf(areaName: string): string {
	return GROUPS.find(([, pattern]) => pattern.test(areaName))?.[0] ?? 'other';
}

function add(map: Map<string, number>, key: string, us: number): void {
	map.set(key, (map.get(key) ?? 0) + us);
}

const top = (map: Map<string, number>, count: number): Cost[] =>
	[...map.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([name, us]) => ({ name, ms: us / 1000 }));

export function summarizeProfile(file: string, count = 15): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (let current: number | undefined = id; current !== undefined; current = parent.get(current))
			stack.push(byId.get(current)!);
		return stack; // leaf first
	};
	const isOurs = (node: ProfileNode) => node.callFrame.url.includes(OUR_PACKAGE);
	// Descriptions are also evaluated while n8n loads node types at start-up: only these files run when items do.
	const isOurRuntime = (node: ProfileNode) =>
		isOurs(node) && RUNTIME_FILES.test(node.callFrame.url);
	const hasOurs = profile.samples.map((id) => stackOf(id).some(isOurRuntime));
	const first = hasOurs.indexOf(true);
	const last = hasOurs.lastIndexOf(true);

	let windowUs = 0;
	let idleUs = 0;
	let gcUs = 0;
	const byArea = new Map<string, number>();
	const byGroup = new Map<string, number>();
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const callees = new Map<string, number>();
	for (let index = Math.max(first, 0); first >= 0 && index <= last; index++) {
		// timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
		const us = profile.timeDeltas[index + 1] ?? 0;
		windowUs += us;
		const stack = stackOf(profile.samples[index]);
		const leaf = stack[0].callFrame;
		if (leaf.functionName === '(idle)') idleUs += us;
		if (leaf.functionName === '(garbage collector)') gcUs += us;
		add(byArea, area(leaf), us);
		add(byGroup, groupOf(area(leaf)), us);
		add(self, frameName(leaf), us);
		const seen = new Set<string>();
		for (const node of stack.filter(isOurs)) {
			const name = frameName(node.callFrame);
			if (!seen.has(name)) add(inclusive, name, us);
			seen.add(name);
		}
		const innermost = stack.findIndex(isOurs);
		if (innermost >= 0) {
			const callee = innermost === 0 ? 'self' : frameName(stack[innermost - 1].callFrame);
			add(callees, `${frameName(stack[innermost].callFrame)} → ${callee}`, us);
		}
	}
	return {
		windowMs: windowUs / 1000,
		idleMs: idleUs / 1000,
		gcMs: gcUs / 1000,
		byArea: top(byArea, count),
		byGroup: top(byGroup, GROUPS.length + 1),
		topSelf: top(self, count),
		oursInclusive: top(inclusive, count),
		oursCallees: top(callees, count),
	};
}

/** `items`: adds a "ms per item" column. */
export function profileMarkdown(summary: ProfileSummary, items?: number): string {
	const perItem = (ms: number) => (items ? ` ${(ms / items).toFixed(3)} |` : '');
	const table = (title: string, costs: Cost[]) =>
		[
			`| ${title} | ms | % of window |${items ? ' ms per item |' : ''}`,
			`|---|---:|---:|${items ? '---:|' : ''}`,
			...costs.map(
				(cost) =>
					`| \`${cost.name}\` | ${cost.ms.toFixed(0)} | ${((100 * cost.ms) / summary.windowMs).toFixed(1)} |${perItem(cost.ms)}`,
			),
		].join('\n');
	return [
		`Window: ${summary.windowMs.toFixed(0)} ms (idle ${summary.idleMs.toFixed(0)} ms, GC ${summary.gcMs.toFixed(0)} ms).`,
		'',
		table('Self time by group (leaf frame)', summary.byGroup),
		'',
		table('Self time by area (leaf frame)', summary.byArea),
		'',
		table('Functions of ours, inclusive', summary.oursInclusive),
		'',
		table('Our innermost frame → what it called', summary.oursCallees),
		'',
		table('Top self time, all code', summary.topSelf),
	].join('\n');
}

if (require.main === module) {
	const file = process.argv[2];
	if (!file) throw new Error('usage: tsx bench/cpu-profile.ts <file.cpuprofile> [rows] [items]');
	const items = process.argv[4] ? Number(process.argv[4]) : undefined;
	process.stdout.write(
		`${profileMarkdown(summarizeProfile(file, Number(process.argv[3] ?? 15)), items)}\n`,
	);
}
