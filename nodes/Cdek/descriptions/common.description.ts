import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_LABEL_POLL_INTERVAL_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
	DEFAULT_WAIT_TIMEOUT_SECONDS,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
} from '../helpers/item-options';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../helpers/run-settings';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../transport/client';
import { DEFAULT_RETRIES } from '../transport/retry-policy';
import { ORDER_OPERATIONS, PICKUP_OPERATIONS, quoted } from '../transport/operation-names';

/** displayOptions for parameters of one node version only (n8n's `@version` condition). */
export const onlyInVersion1: IDisplayOptions = { show: { '@version': [1] } };
export const fromVersion2: IDisplayOptions = { show: { '@version': [{ _cnd: { gte: 2 } }] } };

export const orderUuidProperty: INodeProperties = {
	displayName: 'Order UUID',
	name: 'orderUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 72753031-1820-4f99-9240-aab139f05ca5',
	description:
		'The CDEK order UUID (entity.uuid) that CDEK returned when the order was created. Use "Get" by shop order number to find it.',
};

/** Batching, as each version names its pause between batches. */
const batchingOption = (pause: INodeProperties): INodeProperties => ({
	displayName: 'Batching',
	name: 'batching',
	placeholder: 'Add Batching',
	type: 'fixedCollection',
	typeOptions: { multipleValues: false },
	default: { batch: {} },
	description: `Pace the requests for a rate-limited account. Without it, up to ${DEFAULT_CONCURRENCY} items run at once.`,
	options: [
		{
			displayName: 'Batching',
			name: 'batch',
			values: [
				{
					displayName: 'Items per Batch',
					name: 'batchSize',
					type: 'number',
					typeOptions: { minValue: 1, numberPrecision: 0 },
					default: 50,
					description: 'How many items to process before pausing',
				},
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
					default: DEFAULT_CONCURRENCY,
					description: 'How many items of a batch run at the same time (1 = one after another)',
				},
				pause,
			],
		},
	],
});

const proxyOption: INodeProperties = {
	displayName: 'Proxy',
	name: 'proxy',
	type: 'string',
	default: '',
	placeholder: 'e.g. http://proxy.example.com:3128',
	description:
		"HTTP proxy for this node's requests to CDEK, token request included. A proxy that needs a password goes into the CDEK API credential instead. Empty: the credential's proxy, else n8n's own settings (HTTPS_PROXY).",
};

const retriesOption: INodeProperties = {
	displayName: 'Retries',
	name: 'retries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_RETRIES, numberPrecision: 0 },
	default: DEFAULT_RETRIES,
	description:
		'How many times to retry after a CDEK server error (5xx), a rate limit (429, honouring Retry-After), a reset connection or a timeout. Other errors are never retried.',
};

/** Version 1's request options (frozen): Timeout and Batch Interval in milliseconds. */
const requestOptionsV1: INodeProperties[] = [
	batchingOption({
		displayName: 'Batch Interval (Ms)',
		name: 'batchInterval',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 1000,
		description: 'Pause between batches, in milliseconds',
	}),
	{
		displayName: 'Include Response Headers and Status',
		name: 'fullResponse',
		type: 'boolean',
		default: false,
		description:
			"Whether to output {statusCode, headers, body} instead of only CDEK's response body",
	},
	proxyOption,
	retriesOption,
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS },
		default: DEFAULT_TIMEOUT_MS,
		description:
			'Time in milliseconds for each request to CDEK, from connecting to the last byte of the answer, before giving up (a token request gets as long)',
	},
];

/**
 * Version 2's request options: every time in seconds, with the unit in the label, under new parameter names
 * (`timeoutSeconds`, `batchIntervalSeconds`) so that version 1's milliseconds keep their meaning. Labels stay
 * short: n8n cuts an option's label at about 25 characters.
 */
const requestOptionsV2: INodeProperties[] = [
	batchingOption({
		displayName: 'Batch Pause (Seconds)',
		name: 'batchIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'Pause between batches',
	}),
	{
		displayName: 'Include Full Response',
		name: 'fullResponse',
		type: 'boolean',
		default: false,
		description:
			"Whether to output {statusCode, headers, body} (CDEK's HTTP status and headers too) instead of only CDEK's response body",
	},
	proxyOption,
	retriesOption,
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
		default: DEFAULT_TIMEOUT_SECONDS,
		description:
			'How long each request to CDEK may take, from connecting to the last byte of the answer, before the node gives up (a token request gets as long)',
	},
];

const preventDuplicatesOption: INodeProperties = {
	displayName: 'Prevent Duplicates',
	name: 'preventDuplicates',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the order first and, when the same request is already registered (accepted, waiting or successful), return it marked "alreadyRegistered" instead of sending another',
};

const safetyCheckOption: INodeProperties = {
	displayName: 'Safety Check',
	name: 'safetyCheck',
	type: 'boolean',
	default: true,
	description:
		'Whether to read the order first and refuse locally, with the right alternative, when the action cannot help it (e.g. a refusal CDEK would bill for an order that has not left the shop)',
};

const pickupPreventDuplicatesOption: INodeProperties = {
	...preventDuplicatesOption,
	description:
		'Whether to check first whether CDEK already has this pickup (the order\'s pickup, or the deletion) and, if so, return it marked "alreadyRegistered" instead of sending another',
};

const waitForVerdictOption: INodeProperties = {
	displayName: "Wait for CDEK's Verdict",
	name: 'waitForVerdict',
	type: 'boolean',
	default: false,
	description:
		'Whether to poll the order after CDEK accepted the request until it is SUCCESSFUL or INVALID, and add a "result" block to the output',
};

/** Version 1's verdict options, inside Options. */
const verdictOptionsV1: INodeProperties[] = [
	waitForVerdictOption,
	{
		displayName: 'Verdict Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		description: "How often to read the order while waiting for CDEK's verdict",
		displayOptions: { show: { waitForVerdict: [true] } },
	},
	{
		displayName: 'Verdict Time Limit (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_WAIT_TIMEOUT_SECONDS,
		description:
			'How long to wait for the verdict; after it the item says "still processing" and what to do',
		displayOptions: { show: { waitForVerdict: [true] } },
	},
];

/** How often to poll and how long to wait, in seconds: the verdict's (version 2) and a label's. */
const pollInterval = (defaultSeconds: number, description: string): INodeProperties => ({
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 0.1 },
	default: defaultSeconds,
	description,
});

const timeLimit = (description: string): INodeProperties => ({
	displayName: 'Time Limit (Seconds)',
	name: 'waitTimeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_WAIT_TIMEOUT_SECONDS,
	description,
});

const onceWaiting = (waiting: boolean): IDisplayOptions => ({
	show: { '@version': [{ _cnd: { gte: 2 } }], waitForVerdict: [waiting] },
});

/**
 * Version 2's verdict parameters, beside the checks: the toggle, its two times (only while it is on), and, while
 * it is off, what CDEK's "ACCEPTED" means and how to learn the verdict.
 */
const verdictParametersV2: INodeProperties[] = [
	{ ...waitForVerdictOption, displayOptions: fromVersion2 },
	{
		...pollInterval(
			DEFAULT_POLL_INTERVAL_SECONDS,
			"How often to read the order while waiting for CDEK's verdict",
		),
		displayOptions: onceWaiting(true),
	},
	{
		...timeLimit(
			'How long to wait for the verdict; after it the item says "still processing" and what to do',
		),
		displayOptions: onceWaiting(true),
	},
	{
		displayName: `CDEK queues the request ("ACCEPTED") and decides a little later; each output item says so and what comes next. To get the verdict in this run, turn on Wait for CDEK's Verdict. Or look it up later (${quoted(ORDER_OPERATIONS.get)}, ${quoted(PICKUP_OPERATIONS.get)}), or start a workflow from the CDEK Trigger (Order Status Changed).`,
		name: 'queuedNotice',
		type: 'notice',
		default: '',
		displayOptions: onceWaiting(false),
	},
];

/** What Get Return Label PDF prints and how long it waits for CDEK (docs/reference/cdek-api.md §11). */
const labelOptions: INodeProperties[] = [
	{
		displayName: 'Copies',
		name: 'copies',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
		default: 1,
		description:
			"How many copies to print. Without this option CDEK's default applies: 1 for a barcode label, 2 for a waybill (one for the parcel, one for the sender).",
	},
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: ['A4', 'A5', 'A6', 'A7'].map((size) => ({ name: size, value: size })),
		default: 'A4',
		description:
			'Paper size of the barcode label; A6 or A7 suit label printers. Without this option CDEK prints A4.',
		displayOptions: { show: { '/labelType': ['barcode'] } },
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'Russian', value: 'RUS' },
			{ name: 'English', value: 'ENG' },
		],
		default: 'RUS',
		description: 'Language of the printed form',
	},
	pollInterval(
		DEFAULT_LABEL_POLL_INTERVAL_SECONDS,
		'How often to ask CDEK whether the PDF is ready',
	),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		description: 'The name of the output binary field to put the PDF in',
	},
	timeLimit(
		'How long to wait for CDEK to make the PDF (and to number a fresh return order); after it the item says "still processing"',
	),
];

const sortByName = (properties: INodeProperties[]) =>
	[...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));

/**
 * What an operation does with the order, which decides its checks and options: 'register' (refusal, client return,
 * deletion: Safety Check, Prevent Duplicates, verdict), 'create' (Create and Cancel or Return, which follow the
 * status themselves: no Safety Check), 'pickup' (courier pickups: duplicates of the order's or the pickup's own
 * requests), 'label' (what a label prints), 'read' and 'list' (nothing registered).
 */
export type OptionsKind = 'read' | 'register' | 'create' | 'label' | 'list' | 'pickup';

function checksOf(kind: OptionsKind): INodeProperties[] {
	if (kind === 'register') return [safetyCheckOption, preventDuplicatesOption];
	if (kind === 'create') return [preventDuplicatesOption];
	if (kind === 'pickup') return [pickupPreventDuplicatesOption];
	return [];
}

const registers = (kind: OptionsKind) => checksOf(kind).length > 0;

/** A label is a file and a list outputs one item per entry: no CDEK answer to show with headers. */
const withoutFullResponse = (kind: OptionsKind, options: INodeProperties[]) =>
	kind === 'label' || kind === 'list'
		? options.filter((option) => option.name !== 'fullResponse')
		: options;

function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: sortByName(options),
	};
}

/**
 * The parameters every operation ends with. Version 1 (frozen): one Options collection holding the request
 * options, the checks and the verdict, times of requests in milliseconds. Version 2: the checks and Wait for
 * CDEK's Verdict as parameters of their own, visible with their state, the verdict's times next to it; Options
 * keeps the request options, every time in seconds. `own` are the operation's own options, listed by name.
 */
export function optionsProperties(
	kind: OptionsKind,
	own: INodeProperties[] = [],
): INodeProperties[] {
	const extraV1 =
		kind === 'label'
			? labelOptions
			: registers(kind)
				? [...checksOf(kind), ...verdictOptionsV1]
				: [];
	return [
		...(registers(kind)
			? [
					...checksOf(kind).map((check) => ({ ...check, displayOptions: fromVersion2 })),
					...verdictParametersV2,
				]
			: []),
		{
			...optionsCollection([...own, ...withoutFullResponse(kind, requestOptionsV1), ...extraV1]),
			displayOptions: onlyInVersion1,
		},
		{
			...optionsCollection([
				...own,
				...withoutFullResponse(kind, requestOptionsV2),
				...(kind === 'label' ? labelOptions : []),
			]),
			displayOptions: fromVersion2,
		},
	];
}

/** Return All and Limit of a "Get Many" operation, over CDEK's paging. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** n8n's Simplify switch: about ten flat fields per entry, or CDEK's raw entry. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

export const countryCodeFilter: INodeProperties = {
	displayName: 'Country Code',
	name: 'countryCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. RU',
	description: 'Two-letter country code (ISO 3166-1), e.g. RU, KZ, BY',
};

export const postalCodeFilter = (description: string): INodeProperties => ({
	displayName: 'Postal Code',
	name: 'postalCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. 630099',
	description,
});
