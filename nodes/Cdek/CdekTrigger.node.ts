import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { properties } from './trigger/description';
import { receiveV1 } from './trigger/receive-v1';
import { receiveV3 } from './trigger/receive-v3';
import { TriggerSubscription } from './trigger/subscriptions';

/**
 * Version 3 has two outputs, Confirmed and Unconfirmed; versions 1 and 2 keep their one. n8n computes outputs
 * given as an expression per node, with the node's version at hand ($nodeVersion).
 */
const OUTPUTS =
	'={{ $nodeVersion >= 3 ? [{ "type": "main", "displayName": "Confirmed" }, { "type": "main", "displayName": "Unconfirmed" }] : ["main"] }}';

export class CdekTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CDEK Trigger',
		name: 'cdekTrigger',
		icon: { light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' },
		group: ['trigger'],
		// Version 2 confirms each event with CDEK by default (Confirm Events With CDEK). Version 3 confirms every
		// event and sends what CDEK cannot confirm to a second output, Unconfirmed.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: '={{"Event: " + $parameter["event"]}}',
		// n8n's node search shows the CDEK node and this trigger as one entry with the trigger's description.
		description:
			'Refuse, cancel and return CDEK (СДЭК) orders, print return labels, plan returns; or start a workflow when CDEK reports an order status',
		defaults: { name: 'CDEK Trigger' },
		inputs: [],
		outputs: OUTPUTS,
		credentials: [{ name: 'cdekApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties,
	};

	// One CDEK subscription per node, its uuid kept in the node's static data. n8n calls checkExists,
	// then create when it returned false, on activation; delete on deactivation.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const subscription = await TriggerSubscription.open(this);
				return await subscription.checkExists();
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const subscription = await TriggerSubscription.open(this);
				await subscription.create();
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const subscription = await TriggerSubscription.open(this);
				await subscription.delete();
				return true;
			},
		},
	};

	/**
	 * CDEK gets 200 for every delivery (else it drops the subscription, docs/reference/cdek-api.md §8), with a
	 * short answer that repeats nothing of the body (trigger/answer.ts), within its 15 s.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const version = this.getNode().typeVersion;
		if (version >= 3) return await receiveV3.call(this);
		return await receiveV1.call(this, version);
	}
}
