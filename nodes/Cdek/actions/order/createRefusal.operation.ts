import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, orderUuidProperty } from '../../descriptions/common.description';
import { orderRequestExecute } from './registration';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} The order must still be on its way: a refusal sends it back to the shop.`,
	},
	optionsProperty('register'),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['createRefusal'] } }, properties);

/** POST /orders/{uuid}/refusal, no body (cdek-api.md §3). CDEK answers 202 ACCEPTED and decides later. */
export const execute = orderRequestExecute('CREATE_REFUSAL', 'POST', '/refusal');
