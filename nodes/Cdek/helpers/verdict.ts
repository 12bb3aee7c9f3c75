import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemOptions } from './item-options';
import { OrderView, SETTLED_STATES } from './order-state';
import type { RegistrationType } from './order-state';
import { pause } from '../transport/pause';
import type { CdekClient } from '../transport/client';
import { cancelledError } from '../transport/failures';

/** The "result" block an item gets when it waited for CDEK's verdict. */
export interface Verdict extends IDataObject {
	state: string;
	requestUuid: string | null;
	errors: IDataObject[];
	orderStatus: string | null;
	returnOrderUuid: string | null;
}

/**
 * Polls the order until the registered request is SUCCESSFUL or INVALID (docs/reference/cdek-api.md §7), the time limit
 * passes, or the execution is cancelled. A CREATE is read on the new order; everything else on the order
 * it changes, which is the answer's entity in both cases (§3, §4, §6).
 */
export async function awaitVerdict(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	type: RegistrationType,
	answer: IDataObject,
	options: ItemOptions,
): Promise<Verdict> {
	const orderUuid = String((answer.entity as IDataObject | undefined)?.uuid ?? '');
	const accepted = ((answer.requests as IDataObject[] | undefined) ?? [])[0] ?? {};
	const requestUuid = accepted.request_uuid ? String(accepted.request_uuid) : null;
	const deadline = Date.now() + options.waitTimeoutMs;
	const signal = this.getExecutionCancelSignal();
	const path = `/orders/${orderUuid}`;
	for (;;) {
		const order = new OrderView(
			(await client.request(itemIndex, { method: 'GET', path }, options)).body,
		);
		const request =
			(requestUuid ? order.request(requestUuid) : undefined) ?? order.liveRequest(type) ?? accepted;
		const verdict: Verdict = {
			state: String(request.state ?? 'ACCEPTED'),
			requestUuid: request.request_uuid ? String(request.request_uuid) : requestUuid,
			errors: (request.errors as IDataObject[] | undefined) ?? [],
			orderStatus: order.status ?? null,
			returnOrderUuid: order.returnOrderUuid ?? null,
		};
		if (SETTLED_STATES.has(verdict.state)) return verdict;
		const left = deadline - Date.now();
		if (left <= 0) {
			return {
				...verdict,
				stillProcessing: true,
				message: `CDEK has not decided within ${Math.round(options.waitTimeoutMs / 1000)} s. The request stays registered; do not send it again. Check it later with "Get" (requests[].state) or a CDEK Trigger.`,
			};
		}
		if (!(await pause(Math.min(options.pollIntervalMs, left), signal))) {
			throw cancelledError(this.getNode(), {
				method: 'GET',
				url: `${client.root}${path}`,
				itemIndex,
			});
		}
	}
}
