import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { readFromCdek } from './cdek-read';

/** The print form's `attributes.type` and where CDEK keeps that form (docs/reference/cdek-api.md §8, §11). */
const FORM_PATHS: Record<string, string> = { BARCODE: 'barcodes', WAYBILL: 'orders' };

export type PrintFormEvent =
	| { start: true; payload: IDataObject }
	| { start: false; reason: string; cdekUnavailable?: boolean };

/**
 * Versions 1 and 2: a PRINT_FORM event names the print form only, no order (docs/reference/cdek-api.md §8, §11).
 * The trigger reads the form with its credential and adds the orders it lists (`orders` as CDEK lists them,
 * `orderUuids`). A form CDEK does not know for this account (a forged event) starts nothing. When CDEK cannot be
 * asked, a node that confirms events (`failClosed`) starts nothing either, since the event may be forged; one
 * that does not starts the workflow with `orderLookupError` saying why the orders are missing.
 */
export async function withPrintFormOrders(
	context: IWebhookFunctions,
	payload: IDataObject,
	failClosed: boolean,
): Promise<PrintFormEvent> {
	// The payload's shape, a UUID included, was checked before (trigger/payload.ts).
	const uuid = String(payload.uuid);
	const attributes = (payload.attributes ?? {}) as IDataObject;
	const kind =
		FORM_PATHS[
			String(attributes.type ?? '')
				.trim()
				.toUpperCase()
		] ?? 'barcodes';
	const read = await readFromCdek(
		context,
		{ method: 'GET', path: `/print/${kind}/${uuid.toLowerCase()}` },
		'CDEK has no such print form for this account',
	);
	if (!read.found && !read.unavailable) return { start: false, reason: read.reason };
	if (!read.found) {
		if (failClosed)
			return {
				start: false,
				reason: `the print form could not be confirmed: ${read.reason}`,
				cdekUnavailable: true,
			};
		return {
			start: true,
			payload: { ...payload, orders: [], orderUuids: [], orderLookupError: read.reason },
		};
	}
	const entity = (read.body.entity ?? {}) as IDataObject;
	const orders = (Array.isArray(entity.orders) ? entity.orders : []) as IDataObject[];
	const orderUuids = orders
		.map((order) => order?.order_uuid)
		.filter((value): value is string => typeof value === 'string');
	return { start: true, payload: { ...payload, orders, orderUuids } };
}
