import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperties,
	orderUuidProperty,
} from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { orderReadRequest, readOrderRef } from '../../helpers/order-locator';
import { output } from '../../helpers/output';
import { readOrderUuid } from '../../helpers/parameters';
import { simplifiedOrder } from '../../helpers/simplify';
import { cdekNumber, shopOrderNumber } from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES } from '../../transport/operation-names';

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
		displayOptions: onlyInVersion1,
	},
	{ ...orderUuidProperty, displayOptions: { show: { lookupBy: ['uuid'], '@version': [1] } } },
	{
		displayName: 'CDEK Number',
		name: 'cdekNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1106094897',
		description: "CDEK's order number, digits only",
		displayOptions: { show: { lookupBy: ['cdekNumber'], '@version': [1] } },
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
		displayOptions: { show: { lookupBy: ['imNumber'], '@version': [1] } },
	},
	orderLocator(),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return a flat summary (number, current status, return links, last request) instead of CDEK's whole answer",
		displayOptions: fromVersion2,
	},
	...optionsProperties('read'),
];

export const option = {
	name: OPERATION_NAMES.order.get,
	value: 'get',
	description:
		'Find an order by shop order number, CDEK number or UUID and see its status and whether a return is under way',
	action: OPERATION_NAMES.order.get,
};

export const subtitle = OPERATION_NAMES.order.get;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Get',
		value: 'get',
		description: 'Look an order up by UUID, CDEK number or shop order number',
		action: 'Get an order',
	},
	subtitle: 'Get Order',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	"Look up one CDEK order by the shop's order number (e.g. SHOP-1042), CDEK's number (digits, as on the waybill) or its CDEK UUID. Answers with its current status, whether a cancellation, refusal or customer return is already registered, and the return order if there is one. Changes nothing: use it first whenever you are unsure what state an order is in or which action fits.";

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

/** Version 1: "Look Up By" with one parameter per way. */
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
	simplify: boolean;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): LookupPlan {
	const version2 = version >= 2;
	return {
		request: version2
			? orderReadRequest(readOrderRef.call(this, itemIndex))
			: lookupRequest.call(this, itemIndex),
		simplify: version2 && this.getNodeParameter('simplify', itemIndex, true) === true,
		options: itemOptions.call(this, itemIndex, version),
	};
}

/** GET /orders/{uuid} or GET /orders?cdek_number= / ?im_number= (docs/reference/cdek-api.md §5). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ request, simplify, options }: LookupPlan,
): Promise<OperationOutput> {
	const response = await client.request(itemIndex, request, options);
	const body = simplify ? simplifiedOrder(response.body) : response.body;
	return { json: output({ ...response, body }, options.fullResponse) };
}
