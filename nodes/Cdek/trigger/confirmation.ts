import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { OrderView } from '../helpers/order-state';
import { parseCdekDateTime } from '../helpers/date-time';
import { CdekClient } from '../transport/client';
import type { CdekRequest } from '../transport/client';
import { statusAliases } from './events';
import type { CdekEvent } from './payload';

/**
 * One GET per event, answered well within CDEK's 15 s delivery timeout (docs/reference/cdek-api.md §8), so
 * that CDEK does not deliver the event again while it is being checked.
 */
const CONFIRM_TIMEOUT_MS = 5000;
const CONFIRM_RETRIES = 1;
const NOT_FOUND_CODES = [
	'v2_entity_not_found',
	'v2_order_not_found',
	'v2_entity_forbidden',
	'v2_order_forbidden',
	'v2_invalid_format',
];

/**
 * Event types whose order can be read back (docs/reference/cdek-api.md §8): ORDER_STATUS and ORDER_MODIFIED
 * carry the order's uuid, DELIV_PROBLEM its CDEK number. The others (an office, a pre-alert) carry no order
 * to check and start the workflow as received; a PRINT_FORM is read back for its orders instead
 * (trigger/print-form-orders.ts).
 */
export const CONFIRMABLE_EVENTS = ['ORDER_STATUS', 'ORDER_MODIFIED', 'DELIV_PROBLEM'];

export type Confirmation =
	| { confirmed: true; status?: IDataObject }
	| { confirmed: false; reason: string; cdekUnavailable?: boolean };

function orderRequest(event: CdekEvent): CdekRequest | undefined {
	if (event.type !== 'DELIV_PROBLEM')
		return { method: 'GET', path: `/orders/${event.uuid.toLowerCase()}` };
	const cdekNumber = String(event.attributes.cdek_number ?? '');
	return /^\d{1,20}$/.test(cdekNumber)
		? { method: 'GET', path: '/orders', qs: { cdek_number: cdekNumber } }
		: undefined;
}

/** What the event says about the order that the order itself contradicts. */
function contradiction(event: CdekEvent, order: OrderView): string | undefined {
	const { attributes } = event;
	if (event.type !== 'DELIV_PROBLEM' && order.uuid.toLowerCase() !== event.uuid.toLowerCase())
		return 'CDEK answered with another order';
	for (const flag of ['is_return', 'is_client_return']) {
		const claimed = attributes[flag];
		const actual = order.entity[flag];
		if (typeof claimed === 'boolean' && typeof actual === 'boolean' && claimed !== actual)
			return `${flag} differs from the order`;
	}
	for (const field of ['cdek_number', 'number']) {
		const claimed = attributes[field];
		const actual = order.entity[field];
		if (claimed != null && actual != null && String(claimed) !== String(actual))
			return `${field} differs from the order`;
	}
	return undefined;
}

/**
 * The status of the order's history the event reports: one with its code (or the other name CDEK has for
 * it), at the event's time when one matches, else the newest of them. The whole history counts, not only
 * the current status: the parcel may have moved on before the check.
 */
function reportedStatus(event: CdekEvent, order: OrderView): IDataObject | undefined {
	const names = statusAliases(String(event.attributes.code));
	const statuses = (Array.isArray(order.entity.statuses) ? order.entity.statuses : []).filter(
		(status): status is IDataObject =>
			typeof status === 'object' && status !== null && names.includes(String(status.code)),
	);
	const claimed = parseCdekDateTime(event.attributes.status_date_time ?? event.date_time);
	const time = (status: IDataObject) => parseCdekDateTime(status.date_time) ?? -Infinity;
	return (
		statuses.find((status) => claimed !== undefined && time(status) === claimed) ??
		[...statuses].sort((a, b) => time(b) - time(a))[0]
	);
}

/** Reads the event's order with the trigger's credential and checks the event against it. */
export async function confirmEvent(
	this: IWebhookFunctions,
	event: CdekEvent,
): Promise<Confirmation> {
	const request = orderRequest(event);
	if (!request) return { confirmed: false, reason: 'the event names no CDEK number to check' };
	let order: OrderView;
	try {
		const client = await CdekClient.create(this);
		const response = await client.request(0, request, {
			timeout: CONFIRM_TIMEOUT_MS,
			retries: CONFIRM_RETRIES,
			expectedErrors: NOT_FOUND_CODES,
		});
		if (response.statusCode >= 400)
			return { confirmed: false, reason: 'CDEK has no such order for this account' };
		order = new OrderView(response.body);
	} catch (error) {
		return {
			confirmed: false,
			reason: `CDEK could not be asked (${(error as Error).message})`,
			cdekUnavailable: true,
		};
	}
	const contradicted = contradiction(event, order);
	if (contradicted) return { confirmed: false, reason: contradicted };
	if (event.type !== 'ORDER_STATUS') return { confirmed: true };
	const status = reportedStatus(event, order);
	if (!status)
		return {
			confirmed: false,
			reason: `the order's status history has no ${String(event.attributes.code)}`,
		};
	return { confirmed: true, status };
}
