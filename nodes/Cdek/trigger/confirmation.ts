import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { OrderView } from '../helpers/order-state';
import { parseCdekDateTime } from '../helpers/date-time';
import { statusCodeOf } from '../helpers/status-code';
import type { CdekRequest } from '../transport/client';
import { readFromCdek } from './cdek-read';
import type { CdekEvent } from './payload';
import { statusAtEventTime } from './status-at-time';

/**
 * Event types whose order can be read back by versions 1 and 2 (docs/reference/cdek-api.md §8): ORDER_STATUS and
 * ORDER_MODIFIED carry the order's uuid, DELIV_PROBLEM its CDEK number. The others start as received there; a
 * PRINT_FORM is read back for its orders instead (trigger/print-form-orders.ts). Version 3 confirms every type
 * (trigger/verification.ts).
 */
export const CONFIRMABLE_EVENTS = ['ORDER_STATUS', 'ORDER_MODIFIED', 'DELIV_PROBLEM'];

export type Confirmation =
	| { confirmed: true; status?: IDataObject; order: OrderView }
	| { confirmed: false; reason: string; cdekUnavailable?: boolean };

export function orderRequest(event: CdekEvent): CdekRequest | undefined {
	if (event.type !== 'DELIV_PROBLEM')
		return { method: 'GET', path: `/orders/${event.uuid.toLowerCase()}` };
	const cdekNumber = String(event.attributes.cdek_number ?? '').trim();
	return /^\d{1,20}$/.test(cdekNumber)
		? { method: 'GET', path: '/orders', qs: { cdek_number: cdekNumber } }
		: undefined;
}

const flag = (value: unknown) =>
	value === true || value === 'true'
		? true
		: value === false || value === 'false'
			? false
			: undefined;

/** What the event says about the order that the order itself contradicts. */
export function contradiction(event: CdekEvent, order: OrderView): string | undefined {
	const { attributes } = event;
	if (event.type !== 'DELIV_PROBLEM' && order.uuid.toLowerCase() !== event.uuid.toLowerCase())
		return 'CDEK answered with another order';
	for (const name of ['is_return', 'is_client_return']) {
		const claimed = flag(attributes[name]);
		const actual = flag(order.entity[name]);
		if (claimed !== undefined && actual !== undefined && claimed !== actual)
			return `${name} differs from the order`;
	}
	for (const field of ['cdek_number', 'number']) {
		const claimed = attributes[field];
		const actual = order.entity[field];
		if (claimed != null && actual != null && String(claimed).trim() !== String(actual).trim())
			return `${field} differs from the order`;
	}
	return undefined;
}

/** The time an ORDER_STATUS event says the order reached its status. */
export function claimedStatusTime(event: CdekEvent): number | undefined {
	return parseCdekDateTime(event.attributes.status_date_time) ?? parseCdekDateTime(event.date_time);
}

/** Reads the event's order with the trigger's credential and checks the event against it. */
export async function confirmEvent(
	this: IWebhookFunctions,
	event: CdekEvent,
): Promise<Confirmation> {
	const request = orderRequest(event);
	if (!request) return { confirmed: false, reason: 'the event names no CDEK number to check' };
	const read = await readFromCdek(this, request, 'CDEK has no such order for this account');
	if (!read.found)
		return { confirmed: false, reason: read.reason, cdekUnavailable: read.unavailable };
	const order = new OrderView(read.body);
	const contradicted = contradiction(event, order);
	if (contradicted) return { confirmed: false, reason: contradicted };
	if (event.type !== 'ORDER_STATUS') return { confirmed: true, order };
	const code = statusCodeOf(event.attributes) ?? '';
	const status = statusAtEventTime(order.entity.statuses, code, claimedStatusTime(event));
	if (!status)
		return {
			confirmed: false,
			reason: `the order was not in status ${code} at the event's time`,
		};
	return { confirmed: true, status, order };
}
