import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemOptions, optionsProperty, orderUuidProperty, readOrderUuid } from '../../descriptions/common.description';
import type { CdekClient } from '../../transport/client';
import { registerOnOrder } from './registration';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} CDEK deletes an order only while it has not left the shop (CREATED or ACCEPTED).`,
	},
	optionsProperty('register'),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['delete'] } }, properties);

/** DELETE /orders/{uuid} (cdek-api.md §10): the free cancellation before the parcel moves; the order ends REMOVED. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CdekClient): Promise<IDataObject> {
	const orderUuid = readOrderUuid.call(this, itemIndex);
	const options = itemOptions.call(this, itemIndex);
	return await registerOnOrder.call(
		this,
		itemIndex,
		client,
		{ type: 'DELETE', orderUuid, request: { method: 'DELETE', path: `/orders/${orderUuid}` } },
		options,
	);
}
