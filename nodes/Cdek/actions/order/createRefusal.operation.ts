import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemOptions, optionsProperty, orderUuidProperty, readOrderUuid } from '../../descriptions/common.description';
import type { CdekClient } from '../../transport/client';
import { registerOnOrder } from './registration';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} The order must still be on its way: a refusal sends it back to the shop.`,
	},
	optionsProperty('register'),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['createRefusal'] } }, properties);

/** POST /orders/{uuid}/refusal, no body (cdek-api.md §3). CDEK answers 202 ACCEPTED and decides later. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CdekClient): Promise<IDataObject> {
	const orderUuid = readOrderUuid.call(this, itemIndex);
	const options = itemOptions.call(this, itemIndex);
	return await registerOnOrder.call(
		this,
		itemIndex,
		client,
		{ type: 'CREATE_REFUSAL', orderUuid, request: { method: 'POST', path: `/orders/${orderUuid}/refusal` } },
		options,
	);
}
