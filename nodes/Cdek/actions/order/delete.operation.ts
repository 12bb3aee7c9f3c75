import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	onlyInVersion1,
	optionsProperties,
	orderUuidProperty,
} from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { orderRequestExecute, prepareOrderRequest } from '../../helpers/registration';
import { OPERATION_NAMES } from '../../transport/operation-names';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} CDEK deletes an order only while it has not left the shop (CREATED or ACCEPTED).`,
		displayOptions: onlyInVersion1,
	},
	orderLocator('CDEK deletes an order only while it has not left the shop (CREATED or ACCEPTED)'),
	...optionsProperties('register'),
];

export const option = {
	name: OPERATION_NAMES.order.delete,
	value: 'delete',
	description:
		'Cancel an order free of charge while it has not left the shop (status CREATED or ACCEPTED)',
	action: OPERATION_NAMES.order.delete,
};

export const subtitle = OPERATION_NAMES.order.delete;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Delete',
		value: 'delete',
		description:
			'Cancel an order free of charge while it has not left the shop (CREATED or ACCEPTED)',
		action: 'Delete an order',
	},
	subtitle: 'Delete Order',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Cancel an order free of charge before it leaves the shop (CDEK deletes it). An order already on its way or delivered is held back with heldBack: true, the reason and the alternative (a refusal, or a customer return).';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['delete'] } },
	properties,
);

export const prepare = prepareOrderRequest;

/** DELETE /orders/{uuid} (docs/reference/cdek-api.md §10): the free cancellation before the parcel moves; the order ends REMOVED. */
export const execute = orderRequestExecute('DELETE', 'DELETE');
