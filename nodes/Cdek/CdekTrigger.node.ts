import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CONFIRMABLE_EVENTS, confirmEvent } from './trigger/confirmation';
import { STARTED_ANSWER, answer, ignoredAnswer } from './trigger/answer';
import { properties, readConfirmEvents, readFilters } from './trigger/description';
import { eventVerdict } from './trigger/filter';
import { bodySize, payloadProblem } from './trigger/payload';
import type { CdekEvent } from './trigger/payload';
import { withPrintFormOrders } from './trigger/print-form-orders';
import { SeenEvents, confirmedStatusKey, eventKey } from './trigger/seen-events';
import { TriggerSubscription } from './trigger/subscriptions';

export class CdekTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CDEK Trigger',
		name: 'cdekTrigger',
		icon: { light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' },
		group: ['trigger'],
		// Version 2 confirms each event with CDEK by default (Confirm Events With CDEK).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"Event: " + $parameter["event"]}}',
		// n8n's node search shows the CDEK node and this trigger as one entry with the trigger's description.
		description:
			'Refuse, cancel and return CDEK (СДЭК) orders, print return labels, plan returns; or start a workflow when CDEK reports an order status',
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

	/**
	 * CDEK gets 200 for every delivery (else it drops the subscription, docs/reference/cdek-api.md §8), with a
	 * short answer that repeats nothing of the body (trigger/answer.ts). The workflow starts once per event,
	 * only for a body of CDEK's shape that passes the filters and, when confirmation is on, that CDEK confirms.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData();
		const ignore = (reason: string) => {
			this.logger.debug(`CDEK Trigger: no workflow run because ${reason}`);
			return answer(this, ignoredAnswer(reason));
		};
		const problem = payloadProblem(body, bodySize(this.getRequestObject(), body));
		if (problem) return ignore(problem);
		const event = body as CdekEvent;
		const verdict = eventVerdict(event, readFilters.call(this));
		if (!verdict.start) return ignore(verdict.reason);

		const seen = SeenEvents.of(
			this.getWorkflowStaticData('node'),
			`${String(this.getWorkflow().id ?? '')}|${this.getNode().id}`,
		);
		const key = eventKey(event);
		if (seen.has(key)) return ignore('CDEK delivered this event before');
		if (!seen.claim([key])) return ignore('this event is being handled already');
		try {
			const keys = [key];
			if (readConfirmEvents.call(this) && CONFIRMABLE_EVENTS.includes(event.type)) {
				const confirmation = await confirmEvent.call(this, event);
				if (!confirmation.confirmed) {
					const message = `CDEK Trigger: ${event.type} for ${event.uuid} not confirmed, no workflow run: ${confirmation.reason}`;
					// A genuine event CDEK could not confirm is lost: worth a warning; a forged one is not.
					if (confirmation.cdekUnavailable) this.logger.warn(message);
					else this.logger.debug(message);
					return answer(this, ignoredAnswer('CDEK did not confirm this event'));
				}
				if (confirmation.status) {
					const confirmed = confirmedStatusKey(event.uuid, confirmation.status);
					if (confirmed !== key && seen.has(confirmed))
						return ignore('CDEK delivered this event before');
					keys.push(confirmed);
				}
			}
			let { payload } = verdict;
			if (event.type === 'PRINT_FORM') {
				// PRINT_FORM names the print form only: read it for its orders (an unknown form starts nothing).
				const printForm = await withPrintFormOrders(this, payload);
				if (!printForm.start) return ignore(printForm.reason);
				payload = printForm.payload;
			}
			seen.remember(keys);
			return answer(this, STARTED_ANSWER, [this.helpers.returnJsonArray(payload)]);
		} finally {
			seen.release([key]);
		}
	}
}
