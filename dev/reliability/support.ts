/**
 * Shared pieces of the reliability tests: one sandbox per case (so cases can run side by side and
 * counters belong to one case), the operations under test with the request a fault should hit, and
 * readers for outcomes and duplicate counts.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import type { Counters, FaultSpec, Sandbox, SandboxOptions } from '../sandbox';
import type { RunResult } from '../n8n-core/runner';
import { until } from '../util/until';

export type OperationName = 'createRefusal' | 'createClientReturn' | 'create' | 'delete' | 'get';
export const OPERATIONS: OperationName[] = [
	'createRefusal',
	'createClientReturn',
	'create',
	'delete',
	'get',
];

type CounterKind = 'refusals' | 'clientReturns' | 'creates' | 'deletes';

export interface OperationCase {
	parameters: INodeParameters;
	/** The request of this operation that a fault should hit (method + path substring). */
	target: Pick<FaultSpec, 'method' | 'path'>;
	/** Where the sandbox counts this operation, and under which key; none for a lookup. */
	counter?: { kind: CounterKind; key: string };
}

/** A complete client-return order body for Create, unique per shop number. */
export function returnOrder(number: string): IDataObject {
	return {
		number,
		tariff_code: 136,
		sender: { name: 'Ирина Покупатель', phones: [{ number: '+79130000001' }] },
		recipient: { name: 'Магазин, склад возвратов' },
		shipment_point: 'NSK27',
		delivery_point: 'MSK67',
		packages: [
			{
				number: '1',
				weight: 500,
				length: 20,
				width: 15,
				height: 10,
				items: [
					{
						name: 'Кроссовки',
						ware_key: 'SKU-1',
						payment: { value: 0 },
						cost: 1500,
						weight: 500,
						amount: 1,
					},
				],
			},
		],
	};
}

/** Create's parameters for a partial client return entered in the fields (office to an address). */
export function returnOrderFields(number: string): INodeParameters {
	return {
		operation: 'create',
		defineOrder: 'fields',
		number,
		tariffCode: 136,
		senderName: 'Ирина Покупатель',
		senderPhone: '+79130000001',
		recipientName: 'Магазин, склад возвратов',
		recipientPhone: '+74950000002',
		fromKind: 'office',
		fromOfficeCode: 'NSK27',
		toKind: 'address',
		toCityCode: 44,
		toAddress: 'Ленинградский пр., 4',
		packageWeight: 700,
		packageLength: 20,
		packageWidth: 15,
		packageHeight: 10,
		items: {
			item: [
				{
					name: 'Кроссовки, 42',
					wareKey: 'SKU-42',
					cost: 4990,
					payment: 0,
					weight: 700,
					amount: 1,
				},
			],
		},
	};
}

/** The operation on a seeded order in the right status for it (or a new shop number for Create). */
export function operationCase(
	sandbox: Sandbox,
	operation: OperationName,
	options: INodeParameters,
	number = 'RET-REL-1',
): OperationCase {
	const { inTransit, delivered, created } = sandbox.seeds;
	switch (operation) {
		case 'createRefusal':
			return {
				parameters: { operation, orderUuid: inTransit.uuid, options },
				target: { method: 'POST', path: '/refusal' },
				counter: { kind: 'refusals', key: inTransit.uuid },
			};
		case 'createClientReturn':
			return {
				parameters: { operation, orderUuid: delivered.uuid, tariffCode: 136, options },
				target: { method: 'POST', path: '/clientReturn' },
				counter: { kind: 'clientReturns', key: delivered.uuid },
			};
		case 'delete':
			return {
				parameters: { operation, orderUuid: created.uuid, options },
				target: { method: 'DELETE', path: `/v2/orders/${created.uuid}` },
				counter: { kind: 'deletes', key: created.uuid },
			};
		case 'create':
			return {
				parameters: {
					operation,
					defineOrder: 'json',
					orderJson: JSON.stringify(returnOrder(number)),
					options,
				},
				target: { method: 'POST', path: '/v2/orders' },
				counter: { kind: 'creates', key: number },
			};
		case 'get':
			return {
				parameters: { operation, lookupBy: 'uuid', orderUuid: delivered.uuid, options },
				target: { method: 'GET', path: `/v2/orders/${delivered.uuid}` },
			};
	}
}

/** Runs `body` against a sandbox of its own, always stopped afterwards. */
export async function withSandbox<T>(
	options: SandboxOptions,
	body: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
	const sandbox = await startSandbox(options);
	try {
		return await body(sandbox);
	} finally {
		await sandbox.stop();
	}
}

/**
 * A `delay` fault still applies its request after the delay, long after the node gave up on it: waits
 * until the sandbox has answered every request it received (call it once the run has ended).
 */
export async function drainFaults(sandbox: Sandbox): Promise<void> {
	await until('the sandbox to answer every request', () =>
		sandbox.counters().requestsInFlight === 0 ? true : undefined,
	);
}

export interface Duplicate {
	kind: CounterKind;
	key: string;
	registered: number;
	applied: number;
	rejected: number;
}

/**
 * Orders (or shop numbers) on which CDEK applied the same operation more than once, or registered it more
 * than once without rejecting the extra ones. A request CDEK processes after the node gave up waiting for
 * it can land next to the node's resend; CDEK then rejects one of them (similar request, duplicate shop
 * number, final status) — that is not a duplicate. Settle the sandbox first so such pairs are decided.
 */
export function duplicates(counters: Counters): { applied: Duplicate[]; registered: Duplicate[] } {
	const all = (['refusals', 'clientReturns', 'creates', 'deletes'] as const).flatMap((kind) =>
		Object.entries(counters[kind]).map(([key, count]) => ({
			kind,
			key,
			registered: count.registered,
			applied: count.applied,
			rejected: count.rejected,
		})),
	);
	return {
		applied: all.filter((entry) => entry.applied > 1),
		registered: all.filter((entry) => entry.registered - entry.rejected > 1),
	};
}

/** What one item ended as: CDEK's body, or the error message with Continue On Fail, or the node's error. */
export type ItemOutcome =
	| { ok: true; json: IDataObject }
	| { ok: false; error: string; description?: string };

export function itemOutcome(item: INodeExecutionData | undefined, result: RunResult): ItemOutcome {
	if (!item) {
		return {
			ok: false,
			error: result.error?.message ?? 'no output item',
			description: result.error?.description ?? undefined,
		};
	}
	if (typeof item.json.error === 'string') {
		return {
			ok: false,
			error: item.json.error,
			description: (item.json.details as IDataObject | undefined)?.description as string,
		};
	}
	return { ok: true, json: item.json };
}

/** The one output item of a single-item run, or the node's error when it stopped. */
export function singleOutcome(result: RunResult, nodeName = 'CDEK'): ItemOutcome {
	const items = result.ran(nodeName) && result.status === 'success' ? result.output(nodeName) : [];
	return itemOutcome(items[0], result);
}

/** Request counts the sandbox log shows, for figures: retries are requests beyond the first per item and route. */
export function requestsByRoute(sandbox: Sandbox): Record<string, number> {
	return sandbox.counters().requestsByRoute;
}

/** Runs at most `limit` of the started tasks at once (cases are mostly waiting for backoffs and delays). */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
	let running = 0;
	const queue: Array<() => void> = [];
	const next = () => {
		if (running >= limit || queue.length === 0) return;
		running++;
		queue.shift()?.();
	};
	return async (task) =>
		await new Promise((resolve, reject) => {
			queue.push(() => {
				task()
					.then(resolve, reject)
					.finally(() => {
						running--;
						next();
					});
			});
			next();
		});
}
