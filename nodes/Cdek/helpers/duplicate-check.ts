import type { CdekResponse } from '../transport/client';
import type { CdekRequestRecord, OrderView, RegistrationType } from './order-state';

/**
 * Prevent Duplicates, one rule for every request that changes an order (its creation, a refusal, a client return,
 * a deletion; courier pickups answer the same way): when CDEK already has a request of this type on the order that
 * is under way or done, that request is the answer and nothing is sent again.
 */
export function registeredAlready(
	order: OrderView,
	type: RegistrationType,
): CdekResponse | undefined {
	const live = order.liveRequest(type);
	return live ? alreadyRegistered(order, live) : undefined;
}

/** The body to output for a request CDEK already has: shaped like its 202 answer, and marked. */
export function alreadyRegistered(
	order: Pick<OrderView, 'uuid' | 'relatedEntities'>,
	request: CdekRequestRecord,
): CdekResponse {
	return {
		statusCode: 200,
		headers: {},
		body: {
			entity: { uuid: order.uuid },
			requests: [request],
			related_entities: order.relatedEntities,
			alreadyRegistered: true,
		},
	};
}
