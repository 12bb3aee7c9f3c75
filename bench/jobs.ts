/** The jobs a benchmark compares: the same refusals done by raw HTTP, by the CDEK node, and by n8n's HTTP Request node. */
import { DEFAULT_CONCURRENCY } from '../nodes/Cdek/helpers/run-settings';

export type JobKey =
	| 'raw-seq'
	| 'raw-c10-read'
	| 'raw-default'
	| 'raw-default-read'
	| 'raw-all'
	| 'cdek-default'
	| 'cdek-nochecks'
	| 'cdek-batch10'
	| 'http-header'
	| 'http-inline'
	| 'cdek-one'
	| 'cdek-disabled';

export interface Batching {
	batchSize: number;
	concurrency: number;
	batchInterval: number;
}

export interface JobSpec {
	key: JobKey;
	/** For the table. */
	short: string;
	label: string;
	runner: 'raw' | 'n8n';
	/** Orders in flight at once; Infinity = all at once. */
	concurrency: number;
	/** GET /orders/{uuid} before POST /refusal (Safety Check / Prevent Duplicates). */
	readFirst: boolean;
	/** The CDEK node's Batching option, when the job sets it. */
	batching?: Batching;
	/** The raw job at equal concurrency and with the same requests: the like-for-like baseline. */
	raw?: JobKey;
}

const C = DEFAULT_CONCURRENCY;
/** Paced: one tenth of the default rate of requests in flight, as for a rate-limited account. */
export const BATCH10: Batching = { batchSize: 500, concurrency: 10, batchInterval: 0 };

export const JOBS: Record<JobKey, JobSpec> = {
	'raw-seq': {
		key: 'raw-seq',
		short: 'raw sequential',
		label: '(1) raw undici, sequential, POST only',
		runner: 'raw',
		concurrency: 1,
		readFirst: false,
	},
	'raw-c10-read': {
		key: 'raw-c10-read',
		short: 'raw ×10 GET+POST',
		label: '(1) raw undici, 10 at once, GET + POST',
		runner: 'raw',
		concurrency: 10,
		readFirst: true,
	},
	'raw-default': {
		key: 'raw-default',
		short: `raw ×${C}`,
		label: `(1) raw undici, ${C} at once, POST only`,
		runner: 'raw',
		concurrency: C,
		readFirst: false,
	},
	'raw-default-read': {
		key: 'raw-default-read',
		short: `raw ×${C} GET+POST`,
		label: `(1) raw undici, ${C} at once, GET + POST`,
		runner: 'raw',
		concurrency: C,
		readFirst: true,
	},
	'raw-all': {
		key: 'raw-all',
		short: 'raw all at once',
		label: '(1) raw undici, all at once, POST only',
		runner: 'raw',
		concurrency: Infinity,
		readFirst: false,
	},
	'cdek-default': {
		key: 'cdek-default',
		short: 'CDEK default',
		label: `(2) CDEK node, default options (GET + POST, ${C} at once)`,
		runner: 'n8n',
		concurrency: C,
		readFirst: true,
		raw: 'raw-default-read',
	},
	'cdek-nochecks': {
		key: 'cdek-nochecks',
		short: 'CDEK checks off',
		label: `(2) CDEK node, Safety Check + Prevent Duplicates off (POST, ${C} at once)`,
		runner: 'n8n',
		concurrency: C,
		readFirst: false,
		raw: 'raw-default',
	},
	'cdek-batch10': {
		key: 'cdek-batch10',
		short: 'CDEK batching ×10',
		label: '(2) CDEK node, Batching: 500 per batch, concurrency 10, no pause (GET + POST)',
		runner: 'n8n',
		concurrency: BATCH10.concurrency,
		readFirst: true,
		batching: BATCH10,
		raw: 'raw-c10-read',
	},
	'http-header': {
		key: 'http-header',
		short: 'HTTP Request, Header Auth',
		label: '(3) HTTP Request node, token in a Header Auth credential (POST, all at once)',
		runner: 'n8n',
		concurrency: Infinity,
		readFirst: false,
		raw: 'raw-all',
	},
	'http-inline': {
		key: 'http-inline',
		short: 'HTTP Request, inline header',
		label: '(3) HTTP Request node, token typed into a header (POST, all at once)',
		runner: 'n8n',
		concurrency: Infinity,
		readFirst: false,
		raw: 'raw-all',
	},
	'cdek-one': {
		key: 'cdek-one',
		short: 'CDEK default, 1 item',
		label: 'CDEK node, default options, 1 item (baseline)',
		runner: 'n8n',
		concurrency: C,
		readFirst: true,
	},
	'cdek-disabled': {
		key: 'cdek-disabled',
		short: 'CDEK node disabled',
		label: 'Same workflow, CDEK node disabled (n8n carries the items only)',
		runner: 'n8n',
		concurrency: C,
		readFirst: false,
	},
};

/** Jobs compared at each latency and size, in the order they run within one repetition. */
export const COMPARED: JobKey[] = [
	'raw-seq',
	'raw-c10-read',
	'raw-default',
	'raw-default-read',
	'raw-all',
	'cdek-default',
	'cdek-nochecks',
	'cdek-batch10',
	'http-header',
	'http-inline',
];
