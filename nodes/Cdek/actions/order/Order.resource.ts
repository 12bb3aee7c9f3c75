import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createClientReturn from './createClientReturn.operation';
import * as createRefusal from './createRefusal.operation';
import * as deleteOrder from './delete.operation';
import * as get from './get.operation';

export { create, createClientReturn, createRefusal, deleteOrder, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an order, by default a client return (is_client_return): for returning only some items, or an order another carrier delivered',
				action: 'Create an order',
			},
			{
				name: 'Create Client Return',
				value: 'createClientReturn',
				description: 'Register a return of a delivered order that the customer sends back, with a tariff',
				action: 'Create a client return for an order',
			},
			{
				name: 'Create Refusal',
				value: 'createRefusal',
				description: 'Register a refusal so that CDEK returns an undelivered order to the shop',
				action: 'Create a refusal for an order',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Cancel an order free of charge while it has not left the shop (CREATED or ACCEPTED)',
				action: 'Delete an order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Look an order up by UUID, CDEK number or shop order number',
				action: 'Get an order',
			},
		],
		default: 'get',
	},
	...create.description,
	...createRefusal.description,
	...createClientReturn.description,
	...deleteOrder.description,
	...get.description,
];
