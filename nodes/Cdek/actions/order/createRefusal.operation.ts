import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	onlyInVersion1,
	optionsProperties,
	orderUuidProperty,
} from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { orderRequestExecute, prepareOrderRequest } from '../../helpers/registration';
import { OPERATION_NAMES, VERSION_1_NAMES } from '../../transport/operation-names';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} The order must still be on its way: a refusal sends it back to the shop.`,
		displayOptions: onlyInVersion1,
	},
	orderLocator('It must still be on its way: a refusal sends it back to the shop'),
	...optionsProperties('register'),
];

export const option = {
	name: OPERATION_NAMES.order.createRefusal,
	value: 'createRefusal',
	description:
		'The order is on its way: CDEK stops delivering it and brings it back to the shop (CDEK charges for the return)',
	action: OPERATION_NAMES.order.createRefusal,
};

export const subtitle = OPERATION_NAMES.order.createRefusal;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: VERSION_1_NAMES.createRefusal,
		value: 'createRefusal',
		description: 'Register a refusal so that CDEK returns an undelivered order to the shop',
		action: 'Create a refusal for an order',
	},
	subtitle: 'Create Refusal',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Refuse delivery of an order that is on its way, so that CDEK brings it back to the shop. Only for an order that has left the shop and is not delivered yet. An order not shipped yet (CDEK would bill the refusal) or already delivered is held back: the answer has heldBack: true, the reason and the alternative to tell the customer. When unsure which action fits, use the cancel-or-return tool or look the order up first.';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createRefusal'] } },
	properties,
);

export const prepare = prepareOrderRequest;

/** POST /orders/{uuid}/refusal, no body (docs/reference/cdek-api.md §3). CDEK answers 202 ACCEPTED and decides later. */
export const execute = orderRequestExecute('CREATE_REFUSAL', 'POST', '/refusal');
