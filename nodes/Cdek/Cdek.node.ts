import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { NODE_VERSIONS, properties, subtitle } from './actions/resources';
import { router } from './actions/router';
import { getTariffs } from './methods/loadOptions';

export class Cdek implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CDEK',
		name: 'cdek',
		icon: { light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' },
		group: ['output'],
		version: NODE_VERSIONS,
		defaultVersion: Math.max(...NODE_VERSIONS),
		subtitle,
		description:
			'Register refusals and client returns with CDEK (СДЭК), plan them with tariffs, pickup points and courier pickups, print return labels and look orders up',
		defaults: { name: 'CDEK' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cdekApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getTariffs } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
