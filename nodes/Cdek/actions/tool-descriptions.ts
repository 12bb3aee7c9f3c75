import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI model reads about "CDEK Tool", one text per operation: what it does, what to give it, when to use it
 * rather than another, and what its answer means. n8n shows it in the tool node as "Tool Description" (editable)
 * and hands it to the AI Agent and to MCP clients.
 *
 * How n8n (2.41 and 1.123 alike) uses it: its loader gives a `usableAsTool` node's tool variant a "Tool
 * Description" of its own only when the node has no `toolDescription` parameter (convertNodeToAiTool), and a tool's
 * description is a non-empty `toolDescription` as it stands, else "<the operation's action> in CDEK"
 * (NodeHelpers.getToolDescriptionForNode, n8n-io/n8n packages/workflow/src/node-helpers.ts). `@tool` in
 * displayOptions is true only in the tool variant.
 */
export const TOOL_DESCRIPTIONS: Record<string, string> = {
	'order.get':
		"Look up one CDEK order by the shop's order number (e.g. SHOP-1042), CDEK's number (digits, as on the waybill) or its CDEK UUID. Answers with its current status, whether a cancellation, refusal or customer return is already registered, and the return order if there is one. Changes nothing: use it first whenever you are unsure what state an order is in or which action fits.",
	'order.cancelOrReturn':
		"Use this when a customer wants to cancel an order or send it back. Give the order by the shop's order number, CDEK number or UUID: the tool reads the order's status at CDEK and does the one thing that status allows: cancels it free of charge before it ships, refuses delivery while it is on its way (CDEK brings it back to the shop), or registers the customer's return once it was delivered. It never registers the same thing twice (a repeat answers that it is already registered) and does nothing for a closed order. The answer's action says what was done (delete, refusal, clientReturn or none), summary says it in words, nextStep what is left to do. heldBack: true or action none means nothing was done: tell the customer the reason and the alternative.",
	'order.createRefusal':
		'Refuse delivery of an order that is on its way, so that CDEK brings it back to the shop. Only for an order that has left the shop and is not delivered yet. An order not shipped yet (CDEK would bill the refusal) or already delivered is held back: the answer has heldBack: true, the reason and the alternative to tell the customer. When unsure which action fits, use the cancel-or-return tool or look the order up first.',
	'order.createClientReturn':
		"Register a customer's return of a delivered online-store order: CDEK creates a return order the customer hands in at a pickup point. Only for a delivered order; any other is held back with heldBack: true, the reason and the alternative. When unsure whether the order was delivered, look it up first or use the cancel-or-return tool.",
	'order.delete':
		'Cancel an order free of charge before it leaves the shop (CDEK deletes it). An order already on its way or delivered is held back with heldBack: true, the reason and the alternative (a refusal, or a customer return).',
	'order.getLabel':
		"Print the label of an order for the customer, e.g. the barcode label of a registered return, given the order's shop number, CDEK number or UUID. Answers with the order's numbers and the PDF's file name once CDEK made it (stillProcessing: true when CDEK needs longer: ask again later).",
	'order.create':
		'Create a new CDEK order from the data the workflow gives it (e.g. a return order for some items). Not for a customer who sends a delivered order back: use the cancel-or-return tool for that.',
	'tariff.calculate':
		'Price and delivery time of the CDEK tariffs between two cities (CDEK city codes) for a parcel of a given weight, one entry per tariff, cheapest first by default. Use it to tell a customer what a return costs and how long it takes; find city codes with the city tool.',
	'office.getMany':
		'List CDEK pickup points and parcel lockers of a city (by CDEK city code) with their code, address and working hours, e.g. those that accept parcels, where a customer can hand in a return.',
	'city.getMany':
		"Find CDEK's city code of a city by its name (e.g. Новосибирск): the tariff, pickup point and courier tools need the code, not the name.",
	'courierPickup.create':
		'Book a CDEK courier to collect a parcel at an address on a date and in a time window (for an order, or standalone). It never books a second pickup for the same order. Check the possible dates with the available-days tool first.',
	'courierPickup.get':
		'Read a booked courier pickup by its UUID: its date, time window, number and status.',
	'courierPickup.delete': 'Cancel a booked courier pickup, by its UUID, before the courier came.',
	'courierPickup.getAvailableDays':
		'List the days on which a CDEK courier can come to a city or an address, to choose a pickup date.',
};

const toolDescriptionBase: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description:
		'What the AI model reads about this tool: what it does and when to use it. Prefilled for the chosen operation.',
};

/** "Tool Description" of the operation, shown only in the tool node (n8n's `@tool`) and prefilled per operation. */
export function toolDescriptionProperty(resource: string, operation: string): INodeProperties {
	return {
		...toolDescriptionBase,
		default: TOOL_DESCRIPTIONS[`${resource}.${operation}`] ?? '',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	};
}
