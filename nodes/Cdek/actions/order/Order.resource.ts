import type { INodeProperties } from 'n8n-workflow';

import * as createClientReturn from './createClientReturn.operation';
import * as createRefusal from './createRefusal.operation';
import * as get from './get.operation';

export { createClientReturn, createRefusal, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
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
				name: 'Get',
				value: 'get',
				description: 'Look an order up by UUID, CDEK number or shop order number',
				action: 'Get an order',
			},
		],
		default: 'get',
	},
	...createRefusal.description,
	...createClientReturn.description,
	...get.description,
];
