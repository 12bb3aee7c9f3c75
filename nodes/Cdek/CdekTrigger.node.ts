import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ignoredAnswer, properties, readFilters } from './trigger/description';
import { eventVerdict } from './trigger/filter';
import { TriggerSubscription } from './trigger/subscriptions';

export class CdekTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CDEK Trigger',
		name: 'cdekTrigger',
		icon: { light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Event: " + $parameter["event"]}}',
		description:
			'Starts the workflow when CDEK (СДЭК) sends a webhook, e.g. an order status change',
		defaults: { name: 'CDEK Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
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

	/** CDEK gets 200 for every delivery (else it drops the subscription); only matching events start a run. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const verdict = eventVerdict(this.getBodyData(), readFilters.call(this));
		if (!verdict.start) {
			this.logger.debug(`CDEK Trigger: no workflow run because ${verdict.reason}`);
			return { webhookResponse: ignoredAnswer(verdict.reason) };
		}
		return { workflowData: [this.helpers.returnJsonArray(verdict.payload)] };
	}
}
