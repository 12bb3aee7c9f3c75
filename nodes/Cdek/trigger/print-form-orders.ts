import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CdekClient } from '../transport/client';

/** The print form's `attributes.type` and where CDEK keeps that form (docs/reference/cdek-api.md §8, §11). */
const FORM_PATHS: Record<string, string> = { BARCODE: 'barcodes', WAYBILL: 'orders' };
/** CDEK waits 15 s for the answer to a delivery, then delivers again (docs/reference/cdek-api.md §8): stay well inside. */
const LOOKUP = { timeout: 5000, retries: 1 };

export type PrintFormEvent =
	| { start: true; payload: IDataObject }
	| { start: false; reason: string };

/**
 * A PRINT_FORM event names the print form only, no order (docs/reference/cdek-api.md §8, §11). The trigger reads the
 * form with its credential and adds the orders it lists (`orders` as CDEK lists them, `orderUuids`). A form CDEK does
 * not know for this account (a forged event) starts nothing; when CDEK cannot be asked, the event still starts the workflow, with
 * `orderLookupError` saying why the orders are missing.
 */
export async function withPrintFormOrders(
	context: IWebhookFunctions,
	payload: IDataObject,
): Promise<PrintFormEvent> {
	// The payload's shape, a UUID included, was checked before (trigger/payload.ts).
	const uuid = String(payload.uuid);
	const attributes = (payload.attributes ?? {}) as IDataObject;
	const kind = FORM_PATHS[String(attributes.type ?? '').toUpperCase()] ?? 'barcodes';
	try {
		const client = await CdekClient.create(context);
		const { statusCode, body } = await client.request(
			0,
			{ method: 'GET', path: `/print/${kind}/${uuid.toLowerCase()}` },
			{ ...LOOKUP, expectedErrors: ['v2_entity_not_found', 'v2_entity_forbidden'] },
		);
		if (statusCode >= 400)
			return { start: false, reason: 'CDEK has no such print form for this account' };
		const entity = (body.entity ?? {}) as IDataObject;
		const orders = (Array.isArray(entity.orders) ? entity.orders : []) as IDataObject[];
		const orderUuids = orders
			.map((order) => order?.order_uuid)
			.filter((value): value is string => typeof value === 'string');
		return { start: true, payload: { ...payload, orders, orderUuids } };
	} catch (error) {
		return {
			start: true,
			payload: {
				...payload,
				orders: [],
				orderUuids: [],
				orderLookupError: (error as Error).message,
			},
		};
	}
}
