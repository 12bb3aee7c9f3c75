import type { OrderView, RegistrationType } from './order-state';
import { NOT_YET_SHIPPED } from './order-state';
import { ORDER_OPERATIONS, quoted, VERSION_1_NAMES } from '../transport/operation-names';

/** Why an action cannot help this order, and what to do instead. */
export interface Blocked {
	reason: string;
	alternative: string;
}

const statusText = (order: OrderView) =>
	`${order.status ?? 'unknown'}${order.statusReason ? ` (reason ${order.statusReason})` : ''}`;

function closedOrder(order: OrderView): Blocked | undefined {
	if (order.status === 'NOT_DELIVERED') {
		return {
			reason: `the order is already NOT_DELIVERED: CDEK is returning it to the shop`,
			alternative: 'Nothing to do; follow the return order in "related_entities".',
		};
	}
	if (order.status === 'REMOVED') {
		return { reason: 'the order was deleted (REMOVED)', alternative: 'Nothing to do.' };
	}
	if (order.status === 'INVALID') {
		return {
			reason: 'CDEK never accepted this order (INVALID)',
			alternative: 'Fix and re-create the order, or leave it.',
		};
	}
	return undefined;
}

/** The status rules of docs/reference/cdek-api.md §5 and §10, applied before anything is sent. */
export function blockedBy(type: RegistrationType, order: OrderView): Blocked | undefined {
	const closed = closedOrder(order);
	if (closed && type !== 'CREATE') return closed;
	const status = order.status ?? '';
	switch (type) {
		case 'CREATE_REFUSAL':
			if (NOT_YET_SHIPPED.has(status))
				return {
					reason: `the order has not left the shop yet (${statusText(order)}), and CDEK bills a refusal in this status`,
					alternative: `Use ${quoted(ORDER_OPERATIONS.delete)} (Delete) to cancel it free of charge, or turn off the Safety Check to refuse anyway.`,
				};
			if (status === 'DELIVERED')
				return {
					reason: 'the order was already delivered (DELIVERED), so it can no longer be refused',
					alternative: `Use ${quoted(ORDER_OPERATIONS.createClientReturn)} (${VERSION_1_NAMES.createClientReturn}) when the customer sends it back.`,
				};
			return undefined;
		case 'CREATE_CLIENT_RETURN':
			if (status !== 'DELIVERED')
				return {
					reason: `the order is not delivered yet (${statusText(order)}); a client return is only for delivered orders`,
					alternative: NOT_YET_SHIPPED.has(status)
						? `Use ${quoted(ORDER_OPERATIONS.delete)} (Delete) while the order has not left the shop.`
						: `Use ${quoted(ORDER_OPERATIONS.createRefusal)} (${VERSION_1_NAMES.createRefusal}) to have CDEK bring it back to the shop.`,
				};
			if (order.orderType !== 1)
				return {
					reason:
						'a client return is only for online-store orders, and this is a delivery-type order (type 2)',
					alternative: `Use ${quoted(ORDER_OPERATIONS.create)} (${VERSION_1_NAMES.create}, with Client Return on) for this return.`,
				};
			return undefined;
		case 'DELETE':
			if (!NOT_YET_SHIPPED.has(status))
				return {
					reason: `CDEK deletes orders only before they leave the shop (CREATED or ACCEPTED), this one is ${statusText(order)}`,
					alternative:
						status === 'DELIVERED'
							? `Use ${quoted(ORDER_OPERATIONS.createClientReturn)} (${VERSION_1_NAMES.createClientReturn}).`
							: `Use ${quoted(ORDER_OPERATIONS.createRefusal)} (${VERSION_1_NAMES.createRefusal}) to have CDEK bring it back.`,
				};
			return undefined;
		default:
			return undefined;
	}
}

/** What Cancel or Return does with an order (docs/reference/cdek-api.md §5 table, §10). */
export type WayBack =
	| { action: 'delete'; type: 'DELETE' }
	| { action: 'refusal'; type: 'CREATE_REFUSAL' }
	| { action: 'clientReturn'; type: 'CREATE_CLIENT_RETURN' }
	| ({ action: 'none' } & Blocked);

/**
 * The way an order comes back, by its current status: deleted free of charge while it has not left the shop,
 * refused while on its way, returned by the customer once delivered, nothing once it is closed.
 */
export function wayBack(order: OrderView): WayBack {
	const closed = closedOrder(order);
	if (closed) return { action: 'none', ...closed };
	const status = order.status;
	if (!status)
		return {
			action: 'none',
			reason: 'CDEK reported no status for the order',
			alternative: `Look the order up with ${quoted(ORDER_OPERATIONS.get)} (Get) and decide by hand.`,
		};
	if (NOT_YET_SHIPPED.has(status)) return { action: 'delete', type: 'DELETE' };
	if (status === 'DELIVERED') return { action: 'clientReturn', type: 'CREATE_CLIENT_RETURN' };
	return { action: 'refusal', type: 'CREATE_REFUSAL' };
}
