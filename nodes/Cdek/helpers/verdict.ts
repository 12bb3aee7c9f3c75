import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOptions } from './item-options';
import { OrderView, SETTLED_STATES } from './order-state';
import type { RegistrationType } from './order-state';
import { pause } from '../transport/pause';
import type { CdekClient } from '../transport/client';
import { cancelledError } from '../transport/failures';
import { ORDER_OPERATIONS, quoted } from '../transport/operation-names';

/** The "result" block an item gets when it waited for CDEK's verdict. */
export interface Verdict extends IDataObject {
	state: string;
	requestUuid: string | null;
	errors: IDataObject[];
}

export interface OrderVerdict extends Verdict {
	orderStatus: string | null;
	returnOrderUuid: string | null;
}

/**
 * Where a registered request's verdict is read: an entity whose GET answer lists its requests[] (an order,
 * a courier pickup), and what else of that entity the result block shows.
 */
export interface VerdictSource<V extends Verdict> {
	path: string;
	type: RegistrationType;
	details(entity: OrderView): Omit<V, keyof Verdict>;
}

/**
 * Polls the entity until the registered request is SUCCESSFUL or INVALID (docs/reference/cdek-api.md §7), the
 * time limit passes, or the execution is cancelled.
 */
export async function pollVerdict<V extends Verdict>(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	source: VerdictSource<V>,
	answer: IDataObject,
	options: ItemOptions,
): Promise<V> {
	const accepted = ((answer.requests as IDataObject[] | undefined) ?? [])[0] ?? {};
	const requestUuid = accepted.request_uuid ? String(accepted.request_uuid) : null;
	const deadline = Date.now() + options.waitTimeoutMs;
	const signal = this.getExecutionCancelSignal();
	for (;;) {
		const entity = new OrderView(
			(await client.request(itemIndex, { method: 'GET', path: source.path }, options)).body,
		);
		const request =
			(requestUuid ? entity.request(requestUuid) : undefined) ??
			entity.liveRequest(source.type) ??
			accepted;
		const verdict = {
			state: String(request.state ?? 'ACCEPTED'),
			requestUuid: request.request_uuid ? String(request.request_uuid) : requestUuid,
			errors: (request.errors as IDataObject[] | undefined) ?? [],
			...source.details(entity),
		} as V;
		if (SETTLED_STATES.has(verdict.state)) return verdict;
		const left = deadline - Date.now();
		if (left <= 0) {
			return {
				...verdict,
				stillProcessing: true,
				message: `CDEK has not decided within ${Math.round(options.waitTimeoutMs / 1000)} s. The request stays registered; do not send it again. Check it later with ${quoted(ORDER_OPERATIONS.get)} (Get; requests[].state) or a CDEK Trigger.`,
			};
		}
		if (!(await pause(Math.min(options.pollIntervalMs, left), signal))) {
			throw cancelledError(this.getNode(), {
				method: 'GET',
				url: `${client.root}${source.path}`,
				itemIndex,
			});
		}
	}
}

/**
 * The verdict on an order request. A CREATE is read on the new order; everything else on the order it
 * changes, which is the answer's entity in both cases (docs/reference/cdek-api.md §3, §4, §6).
 */
export async function awaitVerdict(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	type: RegistrationType,
	answer: IDataObject,
	options: ItemOptions,
): Promise<OrderVerdict> {
	const orderUuid = String((answer.entity as IDataObject | undefined)?.uuid ?? '');
	const source: VerdictSource<OrderVerdict> = {
		path: `/orders/${orderUuid}`,
		type,
		details: (order) => ({
			orderStatus: order.status ?? null,
			returnOrderUuid: order.returnOrderUuid ?? null,
		}),
	};
	return (await pollVerdict.call(this, itemIndex, client, source, answer, options)) as OrderVerdict;
}
