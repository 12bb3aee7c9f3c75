import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemOptions, orderUuidProperty, output, readOrderUuid, requestOptionsProperty } from '../../descriptions/common.description';
import type { CdekClient } from '../../transport/client';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} The order must still be on its way: a refusal sends it back to the shop.`,
	},
	requestOptionsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['createRefusal'] } }, properties);

/** POST /orders/{uuid}/refusal, no body (cdek-api.md §3). CDEK answers 202 ACCEPTED and decides later. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CdekClient): Promise<IDataObject> {
	const uuid = readOrderUuid.call(this, itemIndex);
	const options = itemOptions.call(this, itemIndex);
	const response = await client.request(itemIndex, { method: 'POST', path: `/orders/${uuid}/refusal` }, options);
	return output(response, options.fullResponse);
}
