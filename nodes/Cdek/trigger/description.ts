import type { INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { EVENT_OPTIONS, STATUS_OPTIONS } from './events';
import type { OrderKind, TriggerFilters } from './filter';
import { WEBHOOK_URL_EXAMPLE } from './webhook-reach';

const orderStatusOnly = { show: { event: ['ORDER_STATUS'] } };

const CONFIRM_EVENTS_DESCRIPTION =
	"Whether to start the workflow only for events CDEK confirms: the trigger reads the event's order with this credential (one GET per event) and checks the event against it, e.g. that the order's status history holds the status. CDEK does not sign webhooks, so without this anyone who learns the URL can start the workflow. Order Status Changed, Order Modified and Delivery Problem events are confirmed; the other types carry no order to check.";

export const properties: INodeProperties[] = [
	{
		displayName: `CDEK posts events from the internet: if the Webhook URLs above show localhost or a private address (192.168.…, 10.…), CDEK cannot reach them and activation against CDEK's API stops with an error. Start n8n with its public address, e.g. ${WEBHOOK_URL_EXAMPLE}. CDEK allows two webhook subscriptions per account: each active CDEK Trigger takes one, and so does a test ("Execute step") while it waits for an event.`,
		name: 'reachabilityNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		options: EVENT_OPTIONS,
		default: 'ORDER_STATUS',
		description:
			'The CDEK webhook type to subscribe to. Each item the trigger outputs is the CDEK payload {type, date_time, uuid, attributes}.',
	},
	{
		displayName: 'Statuses',
		name: 'statusCodes',
		type: 'multiOptions',
		noDataExpression: true,
		options: STATUS_OPTIONS,
		default: [],
		description:
			'Start the workflow only for these order statuses (attributes.code). Leave empty for every status. Other events are still acknowledged to CDEK.',
		displayOptions: orderStatusOnly,
	},
	{
		displayName: 'Orders',
		name: 'orderKind',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'All Orders', value: 'all', description: 'Every order of the account' },
			{
				name: 'Any Return Order',
				value: 'anyReturn',
				description: 'Return orders and client-return orders',
			},
			{
				name: 'Client-Return Orders Only',
				value: 'clientReturn',
				description: 'Orders created for a client return (attributes.is_client_return)',
			},
			{
				name: 'Return Orders Only',
				value: 'return',
				description:
					'Orders CDEK created to bring a refused or undelivered parcel back (attributes.is_return)',
			},
		],
		default: 'all',
		description:
			'Start the workflow only for these orders. Other events are still acknowledged to CDEK.',
		displayOptions: orderStatusOnly,
	},
	// Version 2 confirms events by default; version 1 keeps what its saved workflows did, the option off.
	// Version 3 confirms every event, always: what CDEK cannot confirm goes to its Unconfirmed output.
	{
		displayName: 'Confirm Events With CDEK',
		name: 'confirmEvents',
		type: 'boolean',
		default: true,
		description: CONFIRM_EVENTS_DESCRIPTION,
		displayOptions: { show: { '@version': [2] } },
	},
	{
		displayName:
			'Every event is read back from CDEK with this credential (one GET, answered within CDEK\'s 15 s). Confirmed: what CDEK\'s own record says, the delivery under "webhook". Unconfirmed: what CDEK could not confirm (CDEK unreachable, a status the order did not have then, an unknown shape), with the reason and the body as it came: connect it to an alert for a person.',
		name: 'outputsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 3 } }] } },
	},
	{
		displayName: 'Confirm Events With CDEK',
		name: 'confirmEvents',
		type: 'boolean',
		default: false,
		description: CONFIRM_EVENTS_DESCRIPTION,
		displayOptions: { show: { '@version': [1] } },
	},
];

/** Whether this node confirms each event with CDEK before starting the workflow. */
export function readConfirmEvents(this: IWebhookFunctions, version: number): boolean {
	return this.getNodeParameter('confirmEvents', version >= 2) === true;
}

/** The node's filters as set in the editor. */
export function readFilters(this: IWebhookFunctions): TriggerFilters {
	const event = this.getNodeParameter('event') as string;
	if (event !== 'ORDER_STATUS') return { event, statusCodes: [], orderKind: 'all' };
	const statusCodes = this.getNodeParameter('statusCodes', []) as unknown;
	return {
		event,
		statusCodes: Array.isArray(statusCodes) ? statusCodes.map(String) : [],
		orderKind: (this.getNodeParameter('orderKind', 'all') as OrderKind) ?? 'all',
	};
}
