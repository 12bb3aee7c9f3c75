import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import type { CdekRequest } from '../transport/client';
import { readOrderUuid } from './parameters';
import { cdekNumber, invalidParameter, orderUuid, shopOrderNumber } from './validation';

/** An order as the user named it, checked before anything is sent. */
export type OrderRef =
	| { by: 'uuid'; uuid: string }
	| { by: 'imNumber'; number: string }
	| { by: 'cdekNumber'; number: string };

const MODE_LABELS: Record<OrderRef['by'], string> = {
	uuid: 'Order (UUID)',
	imNumber: 'Order (Shop No.)',
	cdekNumber: 'Order (CDEK No.)',
};

/** The item's order locator parameter (descriptions/order-locator.description.ts), checked. */
export function readOrderRef(this: IExecuteFunctions, itemIndex: number, name = 'order'): OrderRef {
	const locator = this.getNodeParameter(
		name,
		itemIndex,
		{},
	) as Partial<INodeParameterResourceLocator>;
	const node = this.getNode();
	const mode = locator?.mode as OrderRef['by'] | undefined;
	if (!mode || !(mode in MODE_LABELS)) {
		throw invalidParameter(
			{ node, itemIndex, label: 'Order', value: mode },
			'one of "UUID", "Shop No." or "CDEK No."',
		);
	}
	const parameter = { node, itemIndex, label: MODE_LABELS[mode], value: locator.value as unknown };
	if (mode === 'uuid') return { by: 'uuid', uuid: orderUuid(parameter) };
	if (mode === 'cdekNumber') {
		// Typed as printed in groups, e.g. "1109 9407 57".
		const digits =
			typeof parameter.value === 'string' && /^[\d\s]+$/.test(parameter.value)
				? parameter.value.replace(/\s+/g, '')
				: parameter.value;
		return { by: 'cdekNumber', number: cdekNumber({ ...parameter, value: digits }) };
	}
	return { by: 'imNumber', number: shopOrderNumber(parameter) };
}

/** The GET that reads the order (docs/reference/cdek-api.md §5): by UUID, or by number (the newest with it). */
export function orderReadRequest(ref: OrderRef): CdekRequest {
	if (ref.by === 'uuid') return { method: 'GET', path: `/orders/${ref.uuid}` };
	const qs = ref.by === 'cdekNumber' ? { cdek_number: ref.number } : { im_number: ref.number };
	return { method: 'GET', path: '/orders', qs };
}

/** For messages: "shop order number SHOP-1042", "CDEK number 1106094897", "order 72753031-…". */
export function describeOrderRef(ref: OrderRef): string {
	if (ref.by === 'uuid') return `order ${ref.uuid}`;
	return `${ref.by === 'cdekNumber' ? 'CDEK number' : 'shop order number'} ${ref.number}`;
}

/** The order an item names: version 1 by its "Order UUID" parameter, version 2 by the "Order" locator. */
export function readOrderParameter(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
): OrderRef {
	if (version >= 2) return readOrderRef.call(this, itemIndex);
	return { by: 'uuid', uuid: readOrderUuid.call(this, itemIndex) };
}

/**
 * Why the order CDEK answered a lookup by number with is not the one asked for, if it is not: acting on it would act
 * on another order. An answer without the number (a sparse entity, docs/reference/cdek-api.md §5) is taken as is.
 */
export function mismatch(ref: OrderRef, entity: { [key: string]: unknown }): string | undefined {
	if (ref.by === 'uuid') return undefined;
	const key = ref.by === 'cdekNumber' ? 'cdek_number' : 'number';
	const actual = entity[key];
	if (actual === undefined || actual === null) return undefined;
	if (String(actual).trim().toLowerCase() === ref.number.toLowerCase()) return undefined;
	return `CDEK answered the lookup of ${describeOrderRef(ref)} with order ${String(entity.uuid ?? '(no uuid)')}, whose ${key} is ${String(actual)}`;
}
