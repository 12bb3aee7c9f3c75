import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, orderUuidProperty } from '../../descriptions/common.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { output } from '../../helpers/output';
import { readOrderUuid } from '../../helpers/parameters';
import { cdekNumber, shopOrderNumber } from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Order UUID',
				value: 'uuid',
				description: 'The UUID CDEK gave the order when it was created',
			},
			{
				name: 'CDEK Number',
				value: 'cdekNumber',
				description: "CDEK's own order number (digits), as on the waybill",
			},
			{
				name: 'Shop Order Number',
				value: 'imNumber',
				description:
					"The shop's own order number (im_number); the most recent order with it is returned",
			},
		],
		default: 'uuid',
	},
	{ ...orderUuidProperty, displayOptions: { show: { lookupBy: ['uuid'] } } },
	{
		displayName: 'CDEK Number',
		name: 'cdekNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1106094897',
		description: "CDEK's order number, digits only",
		displayOptions: { show: { lookupBy: ['cdekNumber'] } },
	},
	{
		displayName: 'Shop Order Number',
		name: 'imNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. SHOP-1001',
		description:
			'The order number in the shop (the "number" field sent when the order was created)',
		displayOptions: { show: { lookupBy: ['imNumber'] } },
	},
	optionsProperty('read'),
];

export const option = {
	name: 'Get',
	value: 'get',
	description: 'Look an order up by UUID, CDEK number or shop order number',
	action: 'Get an order',
};

export const subtitle = 'Get Order';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

function lookupRequest(this: IExecuteFunctions, itemIndex: number): CdekRequest {
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex) as string;
	const node = this.getNode();
	if (lookupBy === 'cdekNumber') {
		const value = this.getNodeParameter('cdekNumber', itemIndex, '') as unknown;
		return {
			method: 'GET',
			path: '/orders',
			qs: { cdek_number: cdekNumber({ node, itemIndex, label: 'CDEK Number', value }) },
		};
	}
	if (lookupBy === 'imNumber') {
		const value = this.getNodeParameter('imNumber', itemIndex, '') as unknown;
		return {
			method: 'GET',
			path: '/orders',
			qs: { im_number: shopOrderNumber({ node, itemIndex, label: 'Shop Order Number', value }) },
		};
	}
	return { method: 'GET', path: `/orders/${readOrderUuid.call(this, itemIndex)}` };
}

interface LookupPlan {
	request: CdekRequest;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): LookupPlan {
	return {
		request: lookupRequest.call(this, itemIndex),
		options: itemOptions.call(this, itemIndex),
	};
}

/** GET /orders/{uuid} or GET /orders?cdek_number= / ?im_number= (docs/reference/cdek-api.md §5). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ request, options }: LookupPlan,
): Promise<OperationOutput> {
	return { json: output(await client.request(itemIndex, request, options), options.fullResponse) };
}
