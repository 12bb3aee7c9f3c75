/** The jobs a benchmark compares: the same refusals done by raw HTTP, by the CDEK node, and by n8n's HTTP Request node. */
export type JobKey =
	| 'raw-seq'
	| 'raw-c10'
	| 'raw-c10-read'
	| 'raw-c50'
	| 'raw-c50-read'
	| 'raw-all'
	| 'cdek-default'
	| 'cdek-nochecks'
	| 'cdek-batch50'
	| 'cdek-fast'
	| 'http-header'
	| 'http-inline'
	| 'cdek-one'
	| 'cdek-disabled';

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
	/** The raw job at equal concurrency and with the same requests: the like-for-like baseline. */
	raw?: JobKey;
}

export const JOBS: Record<JobKey, JobSpec> = {
	'raw-seq': { key: 'raw-seq', short: 'raw sequential', label: '(1) raw undici, sequential, POST only', runner: 'raw', concurrency: 1, readFirst: false },
	'raw-c10': { key: 'raw-c10', short: 'raw ×10', label: '(1) raw undici, 10 at once, POST only', runner: 'raw', concurrency: 10, readFirst: false },
	'raw-c10-read': { key: 'raw-c10-read', short: 'raw ×10 GET+POST', label: '(1) raw undici, 10 at once, GET + POST', runner: 'raw', concurrency: 10, readFirst: true },
	'raw-c50': { key: 'raw-c50', short: 'raw ×50', label: '(1) raw undici, 50 at once, POST only', runner: 'raw', concurrency: 50, readFirst: false },
	'raw-c50-read': { key: 'raw-c50-read', short: 'raw ×50 GET+POST', label: '(1) raw undici, 50 at once, GET + POST', runner: 'raw', concurrency: 50, readFirst: true },
	'raw-all': { key: 'raw-all', short: 'raw all at once', label: '(1) raw undici, all at once, POST only', runner: 'raw', concurrency: Infinity, readFirst: false },
	'cdek-default': {
		key: 'cdek-default',
		short: 'CDEK default',
		label: '(2) CDEK node, default options (GET + POST, 10 at once)',
		runner: 'n8n',
		concurrency: 10,
		readFirst: true,
		raw: 'raw-c10-read',
	},
	'cdek-nochecks': {
		key: 'cdek-nochecks',
		short: 'CDEK checks off',
		label: '(2) CDEK node, Safety Check + Prevent Duplicates off (POST, 10 at once)',
		runner: 'n8n',
		concurrency: 10,
		readFirst: false,
		raw: 'raw-c10',
	},
	'cdek-batch50': {
		key: 'cdek-batch50',
		short: 'CDEK batching ×50',
		label: '(2) CDEK node, Batching: 500 per batch, concurrency 50, no pause (GET + POST)',
		runner: 'n8n',
		concurrency: 50,
		readFirst: true,
		raw: 'raw-c50-read',
	},
	'cdek-fast': {
		key: 'cdek-fast',
		short: 'CDEK checks off, batching ×50',
		label: '(2) CDEK node, Safety Check + Prevent Duplicates off, Batching: 500 per batch, concurrency 50, no pause (POST)',
		runner: 'n8n',
		concurrency: 50,
		readFirst: false,
		raw: 'raw-c50',
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
	'cdek-one': { key: 'cdek-one', short: 'CDEK default, 1 item', label: 'CDEK node, default options, 1 item (baseline)', runner: 'n8n', concurrency: 10, readFirst: true },
	'cdek-disabled': {
		key: 'cdek-disabled',
		short: 'CDEK node disabled',
		label: 'Same workflow, CDEK node disabled (n8n carries the items only)',
		runner: 'n8n',
		concurrency: 10,
		readFirst: false,
	},
};

/** Jobs compared at each latency and size, in the order they run within one repetition. */
export const COMPARED: JobKey[] = [
	'raw-seq',
	'raw-c10',
	'raw-c10-read',
	'raw-c50',
	'raw-c50-read',
	'raw-all',
	'cdek-default',
	'cdek-nochecks',
	'cdek-batch50',
	'cdek-fast',
	'http-header',
	'http-inline',
];

export const BATCH50 = { batchSize: 500, concurrency: 50, batchInterval: 0 };
