/**
 * Fault injection for /v2 and /payment requests: explicit faults (first match wins, FIFO) and seeded random faults
 * for reliability runs. Nothing about CDEK here is measured: CDEK documents no 429 and real 5xx may be non-JSON
 * (docs/reference/cdek-api.md §7, §9).
 */
import type { FaultKind, FaultSpec, RandomFaultSpec } from './types';

export const FAULT_KINDS: FaultKind[] = [
	'status',
	'delay',
	'hold',
	'reset-before',
	'reset-after',
	'malformed-json',
	'expire-token',
];
export const DEFAULT_FAULT_DELAY_MS = 3000;

interface ActiveFault {
	spec: FaultSpec;
	remaining: number;
	matches: (method: string, path: string) => boolean;
}

interface RandomFaults {
	spec: RandomFaultSpec;
	next: () => number;
	matches: (method: string, path: string) => boolean;
	kinds: FaultSpec[];
}

/** mulberry32: a tiny deterministic PRNG, so a seed reproduces the same fault sequence. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * "/regex/flags" strings are regexes when the inner part has a regex metacharacter; anything else (e.g.
 * "/v2/orders/") is a plain substring.
 */
export function pathMatcher(path: string | RegExp | undefined): (p: string) => boolean {
	if (path === undefined || path === '') return () => true;
	if (path instanceof RegExp)
		return (p) => new RegExp(path.source, path.flags.replace('g', '')).test(p);
	const asRegex = /^\/(.+)\/([imsu]*)$/.exec(path);
	if (asRegex && /[\\^$.*+?()[\]{}|]/.test(asRegex[1])) {
		const re = new RegExp(asRegex[1], asRegex[2]);
		return (p) => re.test(p);
	}
	return (p) => p.includes(path);
}

function matcher(spec: { path?: string | RegExp; method?: string }) {
	const pathOk = pathMatcher(spec.path);
	const method = spec.method?.toUpperCase();
	return (m: string, p: string) => (!method || method === m) && pathOk(p);
}

export function validateFault(spec: unknown): FaultSpec {
	const f = (spec ?? {}) as FaultSpec;
	if (!FAULT_KINDS.includes(f.kind))
		throw new Error(`Unknown fault kind: ${String(f.kind)} (one of ${FAULT_KINDS.join(', ')})`);
	if (f.count !== undefined && (!Number.isInteger(f.count) || f.count === 0 || f.count < -1)) {
		throw new Error('count must be a positive integer or -1 (until cleared)');
	}
	if (f.status !== undefined && (!Number.isInteger(f.status) || f.status < 100 || f.status > 599)) {
		throw new Error('status must be an HTTP status code');
	}
	if (f.body !== undefined && f.body !== 'json' && f.body !== 'html')
		throw new Error("body must be 'json' or 'html'");
	return { ...f };
}

export class FaultInjector {
	private faults: ActiveFault[] = [];
	private random: RandomFaults[] = [];

	add(spec: FaultSpec): void {
		const valid = validateFault(spec);
		this.faults.push({ spec: valid, remaining: valid.count ?? 1, matches: matcher(valid) });
	}

	addRandom(spec: RandomFaultSpec): void {
		if (!Number.isFinite(spec.seed)) throw new Error('seed must be a number');
		if (!(spec.rate >= 0 && spec.rate <= 1)) throw new Error('rate must be between 0 and 1');
		if (!Array.isArray(spec.kinds) || spec.kinds.length === 0)
			throw new Error('kinds must be a non-empty array');
		const kinds = spec.kinds.map((k) => validateFault(typeof k === 'string' ? { kind: k } : k));
		// A held request waits for the test to release it: chosen on purpose, never drawn at random.
		if (kinds.some((k) => k.kind === 'hold')) throw new Error('hold is not a random fault kind');
		this.random.push({ spec, next: mulberry32(spec.seed), matches: matcher(spec), kinds });
	}

	/** The fault for this request, if any (consumes one `count`). */
	take(method: string, path: string): FaultSpec | undefined {
		const explicit = this.faults.find((f) => f.matches(method, path));
		if (explicit) {
			if (explicit.remaining > 0 && --explicit.remaining === 0)
				this.faults = this.faults.filter((f) => f !== explicit);
			return explicit.spec;
		}
		for (const r of this.random) {
			if (!r.matches(method, path)) continue;
			// Two draws per matching request whatever the outcome, so the sequence depends only on the request order.
			const hit = r.next() < r.spec.rate;
			const pick = r.kinds[Math.floor(r.next() * r.kinds.length)];
			if (hit) return pick;
		}
		return undefined;
	}

	list(): { faults: Array<FaultSpec & { remaining: number }>; random: RandomFaultSpec[] } {
		return {
			faults: this.faults.map((f) => ({
				...f.spec,
				path: f.spec.path?.toString(),
				remaining: f.remaining,
			})),
			random: this.random.map((r) => ({ ...r.spec, path: r.spec.path?.toString() })),
		};
	}

	clear(): void {
		this.faults = [];
		this.random = [];
	}
}

export function nginxErrorPage(status: number): string {
	const reason = REASONS[status] ?? 'Error';
	return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

const REASONS: Record<number, string> = {
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};
