import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { OrderView } from '../helpers/order-state';
import { statusCodeOf } from '../helpers/status-code';
import { readFromCdek } from './cdek-read';
import { claimedStatusTime, contradiction, orderRequest } from './confirmation';
import { intakeItem, orderItem, orderStatusItem, printFormItem } from './confirmed-items';
import type { CdekEvent } from './payload';
import { eventKey, statusKey } from './seen-events';
import { statusAtEventTime } from './status-at-time';

/** Why version 3 sent an event to its Unconfirmed output. */
export type UnconfirmedCause =
	| 'CDEK_UNREACHABLE'
	| 'NOT_CONFIRMED'
	| 'NOT_CONFIRMABLE'
	| 'UNKNOWN_SHAPE';

export type Verification =
	| { confirmed: true; item: IDataObject; key: string; order?: IDataObject }
	| { confirmed: false; cause: UnconfirmedCause; reason: string };

/** The print form's `attributes.type` and where CDEK keeps that form (docs/reference/cdek-api.md §8, §11). */
const FORM_PATHS: Record<string, string> = { BARCODE: 'barcodes', WAYBILL: 'orders' };
/** Event types whose `uuid` is the order's (docs/reference/cdek-api.md §8). */
const ORDER_EVENTS = ['ORDER_MODIFIED', 'DELIV_AGREEMENT', 'ACCOMPANYING_WAYBILL'];

const notConfirmed = (reason: string): Verification => ({
	confirmed: false,
	cause: 'NOT_CONFIRMED',
	reason,
});

function unread(read: { unavailable: boolean; reason: string }): Verification {
	return read.unavailable
		? { confirmed: false, cause: 'CDEK_UNREACHABLE', reason: read.reason }
		: notConfirmed(read.reason);
}

async function orderOf(
	context: IWebhookFunctions,
	event: CdekEvent,
): Promise<{ order: OrderView; body: IDataObject } | Verification> {
	const request = orderRequest(event) ?? {
		method: 'GET' as const,
		path: `/orders/${event.uuid.toLowerCase()}`,
	};
	const read = await readFromCdek(context, request, 'CDEK has no such order for this account');
	if (!read.found) return unread(read);
	const order = new OrderView(read.body);
	const contradicted = contradiction(event, order);
	return contradicted ? notConfirmed(contradicted) : { order, body: read.body };
}

async function orderStatus(context: IWebhookFunctions, event: CdekEvent): Promise<Verification> {
	const read = await orderOf(context, event);
	if ('confirmed' in read) return read;
	const code = statusCodeOf(event.attributes) ?? '';
	const status = statusAtEventTime(read.order.entity.statuses, code, claimedStatusTime(event));
	if (!status) return notConfirmed(`the order was not in status ${code} at the event's time`);
	const cdekCode = statusCodeOf(status) ?? code;
	return {
		confirmed: true,
		item: orderStatusItem(event, read.body, { ...status, code: cdekCode }),
		key: statusKey(read.order.uuid || event.uuid, cdekCode, status.date_time),
		order: read.order.entity,
	};
}

async function deliveryProblem(
	context: IWebhookFunctions,
	event: CdekEvent,
): Promise<Verification> {
	const read = await orderOf(context, event);
	if ('confirmed' in read) return read;
	const claimed = String(event.attributes.code ?? '').trim();
	const problems = Array.isArray(read.order.entity.delivery_problem)
		? (read.order.entity.delivery_problem as IDataObject[])
		: [];
	const problem = problems.find((entry) => String(entry?.code ?? '').trim() === claimed);
	if (!problem) return notConfirmed(`the order lists no delivery problem ${claimed.slice(0, 20)}`);
	return {
		confirmed: true,
		item: orderItem(event, read.body, {
			problemCode: String(problem.code).trim(),
			problemTime: problem.create_date ?? null,
		}),
		key: eventKey(event),
	};
}

async function printForm(context: IWebhookFunctions, event: CdekEvent): Promise<Verification> {
	const formType = String(event.attributes.type ?? '')
		.trim()
		.toUpperCase();
	const kind = FORM_PATHS[formType] ?? 'barcodes';
	const read = await readFromCdek(
		context,
		{ method: 'GET', path: `/print/${kind}/${event.uuid.toLowerCase()}` },
		'CDEK has no such print form for this account',
	);
	if (!read.found) return unread(read);
	return {
		confirmed: true,
		item: printFormItem(event, read.body, kind === 'orders' ? 'WAYBILL' : 'BARCODE'),
		key: eventKey(event),
	};
}

async function courierInfo(context: IWebhookFunctions, event: CdekEvent): Promise<Verification> {
	const read = await readFromCdek(
		context,
		{ method: 'GET', path: `/intakes/${event.uuid.toLowerCase()}` },
		'CDEK has no such courier pickup for this account',
	);
	if (!read.found) return unread(read);
	return { confirmed: true, item: intakeItem(event, read.body), key: eventKey(event) };
}

/**
 * Version 3: every event is read back from CDEK with the trigger's credential before it reaches the main output,
 * and the main output carries CDEK's record, not the payload's claims. What cannot be read back is not confirmed:
 * fail closed.
 */
export async function verifyEvent(
	context: IWebhookFunctions,
	event: CdekEvent,
): Promise<Verification> {
	if (event.type === 'ORDER_STATUS') return await orderStatus(context, event);
	if (event.type === 'DELIV_PROBLEM') return await deliveryProblem(context, event);
	if (event.type === 'PRINT_FORM') return await printForm(context, event);
	if (event.type === 'COURIER_INFO') return await courierInfo(context, event);
	if (ORDER_EVENTS.includes(event.type)) {
		const read = await orderOf(context, event);
		if ('confirmed' in read) return read;
		return { confirmed: true, item: orderItem(event, read.body), key: eventKey(event) };
	}
	return {
		confirmed: false,
		cause: 'NOT_CONFIRMABLE',
		reason: `CDEK offers no read of a ${event.type} event's object to confirm it with`,
	};
}
