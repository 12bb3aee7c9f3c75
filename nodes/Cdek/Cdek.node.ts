import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as order from './actions/order/Order.resource';
import { router } from './actions/router';

export class Cdek implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CDEK',
		name: 'cdek',
		icon: { light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ ({ create: "Create Order", createClientReturn: "Create Client Return", createRefusal: "Create Refusal", delete: "Delete Order", get: "Get Order" })[$parameter["operation"]] }}',
		description: 'Register refusals and client returns with CDEK (СДЭК) and look orders up',
		defaults: { name: 'CDEK' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cdekApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Order', value: 'order' }],
				default: 'order',
			},
			...order.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
