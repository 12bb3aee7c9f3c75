/**
 * The 200-item run under random faults, shared by the n8n-core test and the real-n8n e2e test: the
 * orders to act on, the fault mix, and the figures read back from the sandbox and the output items.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Counters, FaultSpec, LoggedRequest, RandomFaultSpec, Sandbox } from '../sandbox';
import { duplicates, returnOrder } from './support';
import type { Duplicate } from './support';

/** Fixed, so a run is reproducible; RELIABILITY_SEED=n tries another fault sequence. */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20261122);
export const FAULT_RATE = 0.2;
export const RUN_TIMEOUT_MS = 500;

/** Every kind of fault the sandbox has, each equally likely. */
export const ALL_FAULT_KINDS: Array<Omit<FaultSpec, 'count'>> = [
	{ kind: 'status', status: 500, body: 'json' },
	{ kind: 'status', status: 502, body: 'html' },
	{ kind: 'status', status: 503 },
	{ kind: 'status', status: 429, retryAfterSeconds: 1 },
	{ kind: 'delay', delayMs: RUN_TIMEOUT_MS * 3 },
	{ kind: 'reset-before' },
	{ kind: 'reset-after' },
	{ kind: 'malformed-json' },
	{ kind: 'expire-token' },
];

/**
 * The kinds drawn at random, a single refused token (`expire-token`) included; besides, every token expires
 * each EXPIRE_EVERY requests, as a token lifetime would.
 */
export const RANDOM_FAULT_KINDS = ALL_FAULT_KINDS;
export const EXPIRE_EVERY = 60;

/** Faults on the orders API; the token endpoint has its own tests (token-renewal.test.ts). */
export const randomFaults = (
	seed = SEED,
	rate = FAULT_RATE,
	kinds = RANDOM_FAULT_KINDS,
): RandomFaultSpec => ({ seed, rate, kinds, path: '/v2/orders' });

/** Expires every issued token each time the sandbox has answered another `requests` API requests. */
export function expireEvery(sandbox: Sandbox, requests = EXPIRE_EVERY): { expiries: () => number } {
	let answered = 0;
	let expiries = 0;
	sandbox.configure({
		log: (line) => {
			if (line.includes('/oauth/token') || ++answered % requests !== 0) return;
			sandbox.expireTokens();
			expiries++;
		},
	});
	return { expiries: () => expiries };
}

export type Operation = 'createRefusal' | 'createClientReturn' | 'delete' | 'create';

export interface RunItem extends IDataObject {
	op: Operation;
	uuid: string;
	number: string;
	order: IDataObject;
}

/** Fresh orders in the right status for each operation: 100 refusals, 40 client returns, 30 deletions, 30 creations. */
export function prepareItems(
	sandbox: Sandbox,
	mix: Record<Operation, number> = {
		createRefusal: 100,
		createClientReturn: 40,
		delete: 30,
		create: 30,
	},
): RunItem[] {
	const item = (op: Operation, uuid: string, number: string): RunItem => ({
		op,
		uuid,
		number,
		order: op === 'create' ? returnOrder(number) : {},
	});
	const items: RunItem[] = [
		...sandbox
			.addOrders(mix.createRefusal, 'SENT_TO_RECIPIENT_CITY', { numberPrefix: 'REF-' })
			.map((o) => item('createRefusal', o.uuid, String(o.number))),
		...sandbox
			.addOrders(mix.createClientReturn, 'DELIVERED', { numberPrefix: 'CR-' })
			.map((o) => item('createClientReturn', o.uuid, String(o.number))),
		...sandbox
			.addOrders(mix.delete, 'CREATED', { numberPrefix: 'DEL-' })
			.map((o) => item('delete', o.uuid, String(o.number))),
		...Array.from({ length: mix.create }, (_, n) => item('create', '', `RET-RANDOM-${n + 1}`)),
	];
	// Interleaved, so every operation meets faults throughout the run.
	return items.sort((a, b) => hash(a.uuid + a.number) - hash(b.uuid + b.number));
}

function hash(text: string): number {
	let h = 2166136261;
	for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
	return h;
}

export interface OutputItem {
	json: IDataObject;
	pairedItem?: unknown;
}

export interface RunFigures {
	items: number;
	faultsInjected: number;
	tokenExpiries: number;
	faultsByKind: Record<string, number>;
	apiRequests: number;
	tokenRequests: number;
	/** Requests sent again to the same method and URL (retries, and reads that check an unknown outcome). */
	repeatedRequests: number;
	/** Changing requests (POST/DELETE) sent again: the retries that could have duplicated something. */
	repeatedChanges: number;
	succeeded: number;
	foundOnTheOrder: number;
	errorsByCause: Record<string, number>;
	duplicateApplied: Duplicate[];
	duplicateRegistered: Duplicate[];
	wallMs: number;
}

/** An error message without the item index and identifiers, to group errors by cause. */
export function cause(message: string): string {
	return message
		.replace(/ \[item \d+\]$/, '')
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
		.replace(/RET-RANDOM-\d+/g, '<number>');
}

const key = (entry: LoggedRequest) =>
	`${entry.method} ${entry.path}?${JSON.stringify(entry.query)}`;

export function figures(
	sandbox: Sandbox,
	counters: Counters,
	outputs: OutputItem[],
	wallMs: number,
	tokenExpiries = 0,
): RunFigures {
	const log = sandbox.requestLog().filter((entry) => entry.path.startsWith('/v2/orders'));
	const seen = new Set<string>();
	let repeatedRequests = 0;
	let repeatedChanges = 0;
	for (const entry of log) {
		const id = key(entry);
		if (seen.has(id)) {
			repeatedRequests++;
			if (entry.method !== 'GET') repeatedChanges++;
		}
		seen.add(id);
	}
	const faultsByKind: Record<string, number> = {};
	for (const entry of log)
		if (entry.fault) faultsByKind[entry.fault] = (faultsByKind[entry.fault] ?? 0) + 1;
	const errorsByCause: Record<string, number> = {};
	for (const { json } of outputs) {
		if (typeof json.error === 'string')
			errorsByCause[cause(json.error)] = (errorsByCause[cause(json.error)] ?? 0) + 1;
	}
	const { applied, registered } = duplicates(counters);
	return {
		items: outputs.length,
		faultsInjected: counters.faultsInjected,
		tokenExpiries,
		faultsByKind,
		apiRequests: log.length,
		tokenRequests: counters.tokenRequests,
		repeatedRequests,
		repeatedChanges,
		succeeded: outputs.filter(({ json }) => typeof json.error !== 'string').length,
		foundOnTheOrder: outputs.filter(({ json }) => json.alreadyRegistered === true).length,
		errorsByCause,
		duplicateApplied: applied,
		duplicateRegistered: registered,
		wallMs,
	};
}

export function printFigures(title: string, run: RunFigures): void {
	const lines = [
		`${title}: ${run.items} items in ${(run.wallMs / 1000).toFixed(1)} s`,
		`  faults injected: ${run.faultsInjected} ${JSON.stringify(run.faultsByKind)}; token expiries: ${run.tokenExpiries}`,
		`  API requests: ${run.apiRequests} (repeated: ${run.repeatedRequests}, of which POST/DELETE: ${run.repeatedChanges}); token requests: ${run.tokenRequests}`,
		`  succeeded: ${run.succeeded} (found already registered: ${run.foundOnTheOrder}); errors: ${run.items - run.succeeded} ${JSON.stringify(run.errorsByCause)}`,
		`  duplicates applied: ${run.duplicateApplied.length}; registered twice: ${run.duplicateRegistered.length} ${JSON.stringify(run.duplicateRegistered)}`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

/** The operations of the random run, each in its own CDEK node named `CDEK {op}`. */
export const RUN_OPERATIONS: Operation[] = [
	'createRefusal',
	'createClientReturn',
	'delete',
	'create',
];
/**
 * 10 items at a time: the 500 ms timeout that turns delay faults into quick timeouts is shorter than the
 * time 100 items in flight queue for n8n's CPU on a 2-core machine (at the default concurrency the run
 * still lost and duplicated nothing, but 15–26 items ran out of retries on timeouts; docs/RELIABILITY.md).
 */
const runOptions = {
	timeout: RUN_TIMEOUT_MS,
	batching: { batch: { batchSize: 200, concurrency: 10, batchInterval: 0 } },
};
export const RUN_PARAMETERS: Record<Operation, IDataObject> = {
	createRefusal: {
		operation: 'createRefusal',
		orderUuid: '={{ $json.uuid }}',
		options: runOptions,
	},
	createClientReturn: {
		operation: 'createClientReturn',
		orderUuid: '={{ $json.uuid }}',
		tariffCode: 136,
		options: runOptions,
	},
	delete: { operation: 'delete', orderUuid: '={{ $json.uuid }}', options: runOptions },
	create: {
		operation: 'create',
		defineOrder: 'json',
		orderJson: '={{ $json.order }}',
		options: runOptions,
	},
};
const REQUEST_TYPES: Record<Operation, string> = {
	createRefusal: 'CREATE_REFUSAL',
	createClientReturn: 'CREATE_CLIENT_RETURN',
	delete: 'DELETE',
	create: 'CREATE',
};

/**
 * Checks that every CDEK node gave one output item per input item, in order and paired, each either CDEK's
 * answer to the right request or an error that names its item; returns all output items.
 */
export function checkRunOutputs(
	items: RunItem[],
	outputOf: (nodeName: string) => OutputItem[],
): OutputItem[] {
	const outputs: OutputItem[] = [];
	for (const op of RUN_OPERATIONS) {
		const input = items.filter((item) => item.op === op);
		const output = outputOf(`CDEK ${op}`);
		expect(output).toHaveLength(input.length);
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		output.forEach((item, index) => {
			if (typeof item.json.error === 'string') {
				expect(item.json.error).toMatch(new RegExp(` \\[item ${index + 1}\\]$`));
				expect(item.json.details).toEqual(
					expect.objectContaining({ itemIndex: index, description: expect.any(String) }),
				);
				return;
			}
			expect(item.json.requests).toEqual([expect.objectContaining({ type: REQUEST_TYPES[op] })]);
			if (op !== 'create')
				expect(item.json.entity).toEqual(expect.objectContaining({ uuid: input[index].uuid }));
		});
		outputs.push(...output);
	}
	return outputs;
}
