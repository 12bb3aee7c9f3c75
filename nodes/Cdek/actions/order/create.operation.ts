import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperties,
} from '../../descriptions/common.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { orderProblems } from '../../helpers/order-body';
import type { FieldName } from '../../helpers/order-body';
import type { CdekClient, CdekResponse } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { alreadyRegistered, finish } from '../../helpers/registration';
import { OrderView } from '../../helpers/order-state';
import { orderDifferences } from '../../helpers/order-match';
import {
	optionalText,
	parameterOf,
	shopOrderNumber,
	tariffCode,
	wholeNumberOrDigits,
} from '../../helpers/validation';
import { itemTag } from '../../transport/item-tag';
import { tariffListProperty } from './createClientReturn.operation';
import { OPERATION_NAMES, ORDER_OPERATIONS, quoted } from '../../transport/operation-names';

const fields = { show: { defineOrder: ['fields'] } };
const text = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	displayOptions: fields,
	...extra,
});
const whole = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description,
	displayOptions: fields,
	...extra,
});

const endpoint = (side: 'from' | 'to', who: string): INodeProperties[] => [
	{
		displayName: side === 'from' ? 'Ship From' : 'Deliver To',
		name: `${side}Kind`,
		type: 'options',
		options: [
			{
				name: 'CDEK Office',
				value: 'office',
				description: `${who} uses a CDEK office or pick-up point`,
			},
			{ name: 'Address', value: 'address', description: 'A courier comes to an address' },
		],
		default: 'office',
		displayOptions: fields,
	},
	text(
		`${side === 'from' ? 'From' : 'To'} Office Code`,
		`${side}OfficeCode`,
		'CDEK office code, e.g. MSK67',
		{
			required: true,
			placeholder: 'e.g. MSK67',
			displayOptions: { show: { defineOrder: ['fields'], [`${side}Kind`]: ['office'] } },
		},
	),
	text(`${side === 'from' ? 'From' : 'To'} Address`, `${side}Address`, 'Street address', {
		required: true,
		displayOptions: { show: { defineOrder: ['fields'], [`${side}Kind`]: ['address'] } },
	}),
	whole(
		`${side === 'from' ? 'From' : 'To'} City Code`,
		`${side}CityCode`,
		'CDEK city code (e.g. 44 Moscow, 137 Saint Petersburg); 0 = not sent',
		{
			displayOptions: { show: { defineOrder: ['fields'], [`${side}Kind`]: ['address'] } },
		},
	),
];

const EXAMPLE_ORDER = {
	number: 'RET-SHOP-1005-1',
	tariff_code: 136,
	sender: { name: 'Customer name', phones: [{ number: '+79130000000' }] },
	recipient: { name: 'Shop returns desk', phones: [{ number: '+74950000000' }] },
	shipment_point: 'NSK27',
	delivery_point: 'MSK67',
	packages: [
		{
			number: '1',
			weight: 500,
			length: 20,
			width: 15,
			height: 10,
			items: [
				{
					name: 'Returned item',
					ware_key: 'SKU-1',
					payment: { value: 0 },
					cost: 1500,
					weight: 500,
					amount: 1,
				},
			],
		},
	],
};

/** The Items list. Its "Amount" (units of an item) reads "Quantity" from version 2 on; the parameter stays `amount`. */
const itemsProperty: INodeProperties = {
	displayName: 'Items',
	name: 'items',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Item',
	default: {},
	description: 'What is in the package; online-store orders need at least one',
	displayOptions: fields,
	options: [
		{
			displayName: 'Item',
			name: 'item',
			values: [
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					typeOptions: { numberPrecision: 0 },
					default: 1,
					description: 'Number of units',
				},
				{
					displayName: 'Cost',
					name: 'cost',
					type: 'number',
					default: 0,
					description: 'Declared value per unit',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Item name',
				},
				{
					displayName: 'Payment on Delivery',
					name: 'payment',
					type: 'number',
					default: 0,
					description: 'Cash to collect per unit; 0 = already paid',
				},
				{
					displayName: 'SKU',
					name: 'wareKey',
					type: 'string',
					default: '',
					description: 'Article / ware key (ware_key)',
				},
				{
					displayName: 'Weight (Grams)',
					name: 'weight',
					type: 'number',
					typeOptions: { numberPrecision: 0 },
					default: 0,
					description: 'Weight per unit in grams',
				},
			],
		},
	],
};

const quantityLabelled = (values: INodeProperties[]): INodeProperties[] =>
	values
		.map((value) => (value.name === 'amount' ? { ...value, displayName: 'Quantity' } : value))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));

const itemsProperties: INodeProperties[] = [
	{ ...itemsProperty, displayOptions: { show: { defineOrder: ['fields'], '@version': [1] } } },
	{
		...itemsProperty,
		displayOptions: { show: { defineOrder: ['fields'], '@version': [{ _cnd: { gte: 2 } }] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: quantityLabelled(
					(itemsProperty.options as Array<{ values: INodeProperties[] }>)[0].values,
				),
			},
		],
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'Client Return',
		name: 'clientReturn',
		type: 'boolean',
		default: true,
		description:
			'Whether this order is a client return (is_client_return): for returning only some items, or an order another carrier delivered. A full return of a CDEK order is "Create Client Return".',
		displayOptions: onlyInVersion1,
	},
	{
		displayName: 'Client Return',
		name: 'clientReturn',
		type: 'boolean',
		default: true,
		description: `Whether this order is a client return (is_client_return): for returning only some items, or an order another carrier delivered. A full return of a CDEK order is ${quoted(ORDER_OPERATIONS.createClientReturn)}.`,
		displayOptions: fromVersion2,
	},
	{
		displayName: 'Define Order',
		name: 'defineOrder',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: 'Using JSON',
				value: 'json',
				description: "CDEK's order body (POST /v2/orders), e.g. for several packages",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Order (JSON)',
		name: 'orderJson',
		type: 'json',
		default: JSON.stringify(EXAMPLE_ORDER, null, 2),
		description: 'The order as CDEK expects it; "Client Return" sets is_client_return',
		displayOptions: { show: { defineOrder: ['json'] } },
	},
	text(
		'Shop Order Number',
		'number',
		'Your number for this order (e.g. RET-1005-1); the node uses it to never create the same order twice',
		{
			required: true,
			placeholder: 'e.g. RET-1005-1',
		},
	),
	whole(
		'Tariff Code',
		'tariffCode',
		'A CDEK tariff of your contract, e.g. 136 (office to office)',
		{
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			displayOptions: { show: { defineOrder: ['fields'], '@version': [1] } },
		},
	),
	// Version 2: the contract's tariffs as a list, no default (a tariff 0 is never a choice).
	{
		...tariffListProperty,
		description:
			'The CDEK tariff for this order, one of your contract. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { defineOrder: ['fields'], '@version': [{ _cnd: { gte: 2 } }] } },
	},
	text('Sender Name', 'senderName', 'Who hands the parcel over; for a return, the customer'),
	text('Sender Phone', 'senderPhone', 'International format, e.g. +79131234567'),
	text('Recipient Name', 'recipientName', 'Who receives the parcel; for a return, the shop', {
		required: true,
	}),
	text('Recipient Phone', 'recipientPhone', 'International format, e.g. +74951234567'),
	...endpoint('from', 'The sender'),
	...endpoint('to', 'The recipient'),
	whole('Package Weight (Grams)', 'packageWeight', 'Total weight in grams', {
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
	}),
	whole('Package Length (Cm)', 'packageLength', 'Required from 100 g'),
	whole('Package Width (Cm)', 'packageWidth', 'Required from 100 g'),
	whole('Package Height (Cm)', 'packageHeight', 'Required from 100 g'),
	...itemsProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fields,
		options: [
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '' },
			{
				displayName: 'Order Type',
				name: 'orderType',
				type: 'options',
				options: [
					{ name: 'Online Store', value: 1 },
					{ name: 'Delivery', value: 2 },
				],
				default: 1,
			},
			{ displayName: 'Package Number', name: 'packageNumber', type: 'string', default: '1' },
			{ displayName: 'Recipient Company', name: 'recipientCompany', type: 'string', default: '' },
			{
				displayName: 'Recipient Email',
				name: 'recipientEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Sender Company', name: 'senderCompany', type: 'string', default: '' },
			{
				displayName: 'Sender Email',
				name: 'senderEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
		],
	},
	...optionsProperties('create'),
];

export const option = {
	name: OPERATION_NAMES.order.create,
	value: 'create',
	description:
		'Create a new CDEK order, by default a return: to send back only some items, or an order another carrier delivered',
	action: OPERATION_NAMES.order.create,
};

export const subtitle = OPERATION_NAMES.order.create;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Create',
		value: 'create',
		description:
			'Create an order, by default a client return (is_client_return): for returning only some items, or an order another carrier delivered',
		action: 'Create an order',
	},
	subtitle: 'Create Order',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Create a new CDEK order from the data the workflow gives it (e.g. a return order for some items). Not for a customer who sends a delivered order back: use the cancel-or-return tool for that.';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

const omitEmpty = (object: IDataObject): IDataObject =>
	Object.fromEntries(
		Object.entries(object).filter(
			([, value]) => value !== '' && value !== undefined && value !== 0,
		),
	);

function party(
	name: string | undefined,
	phone: string | undefined,
	company: string | undefined,
	email: string | undefined,
): IDataObject | undefined {
	const fieldsSet = omitEmpty({ name, company, email });
	if (phone) fieldsSet.phones = [{ number: phone }];
	return Object.keys(fieldsSet).length ? fieldsSet : undefined;
}

/** The whole-number fields: 0 means "not sent". CDEK's numbers are 32-bit (docs/reference/cdek-api.md §6). */
const MAX_FIELD_NUMBER = 2147483647;

/**
 * The order body from the fields. Every value is checked for its kind first: an expression that gives an
 * object, a list or null is refused with the field's name instead of being sent as "[object Object]".
 */
function fromFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const raw = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const parameter = parameterOf(node, itemIndex);
	const textOf = (label: string, value: unknown) =>
		optionalText(parameter(label, value), 'text (or a number)');
	const field = (label: string, name: string) => textOf(label, raw(name));
	const count = (label: string, name: string) =>
		wholeNumberOrDigits(parameter(label, raw(name, 0)), 0, MAX_FIELD_NUMBER);
	const extra = raw('additionalFields', {}) as IDataObject;
	const body: IDataObject = {
		type: extra.orderType ?? 1,
		number: shopOrderNumber(parameter('Shop Order Number', raw('number'))),
		tariff_code: tariffCode(parameter('Tariff Code', raw('tariffCode', 0))),
	};
	const comment = textOf('Comment', extra.comment);
	if (comment) body.comment = comment;
	const sender = party(
		field('Sender Name', 'senderName'),
		field('Sender Phone', 'senderPhone'),
		textOf('Sender Company', extra.senderCompany),
		textOf('Sender Email', extra.senderEmail),
	);
	if (sender) body.sender = sender;
	body.recipient =
		party(
			field('Recipient Name', 'recipientName'),
			field('Recipient Phone', 'recipientPhone'),
			textOf('Recipient Company', extra.recipientCompany),
			textOf('Recipient Email', extra.recipientEmail),
		) ?? {};
	for (const side of ['from', 'to'] as const) {
		const [location, office] =
			side === 'from' ? ['from_location', 'shipment_point'] : ['to_location', 'delivery_point'];
		const prefix = side === 'from' ? 'From' : 'To';
		if (raw(`${side}Kind`) === 'office') {
			body[office] = field(`${prefix} Office Code`, `${side}OfficeCode`) ?? '';
		} else {
			body[location] = omitEmpty({
				code: count(`${prefix} City Code`, `${side}CityCode`),
				address: field(`${prefix} Address`, `${side}Address`),
			});
		}
	}
	const listed = (raw('items', {}) as IDataObject | undefined)?.item;
	const items = Array.isArray(listed) ? (listed as IDataObject[]) : [];
	body.packages = [
		{
			number: textOf('Package Number', extra.packageNumber) ?? '1',
			...omitEmpty({
				weight: count('Package Weight (Grams)', 'packageWeight'),
				length: count('Package Length (Cm)', 'packageLength'),
				width: count('Package Width (Cm)', 'packageWidth'),
				height: count('Package Height (Cm)', 'packageHeight'),
			}),
			items: items.map((item, index) => ({
				name: textOf(itemFieldLabel('Name', index, items.length), item.name),
				ware_key: textOf(itemFieldLabel('SKU', index, items.length), item.wareKey),
				payment: { value: item.payment ?? 0 },
				cost: item.cost,
				weight: item.weight,
				amount: item.amount,
			})),
		},
	];
	return body;
}

/** A field of one entry of Items as the panel shows it: "Items → SKU", "Items → SKU (entry 2)" when several. */
const itemFieldLabel = (label: string, index: number, count: number) =>
	`Items → ${label}${count > 1 ? ` (entry ${index + 1})` : ''}`;

const PANEL_LABELS: Record<string, string> = {
	tariff_code: 'Tariff Code',
	type: 'Order Type',
	number: 'Shop Order Number',
	'recipient.name': 'Recipient Name',
	'recipient.phones[0].number': 'Recipient Phone',
	'sender.name': 'Sender Name',
	'sender.phones[0].number': 'Sender Phone',
	shipment_point: 'From Office Code',
	from_location: 'From Address',
	'from_location.address': 'From Address',
	delivery_point: 'To Office Code',
	to_location: 'To Address',
	'to_location.address': 'To Address',
	'packages[0].number': 'Package Number',
	'packages[0].weight': 'Package Weight (Grams)',
	'packages[0].length': 'Package Length (Cm)',
	'packages[0].width': 'Package Width (Cm)',
	'packages[0].height': 'Package Height (Cm)',
	'packages[0].items': 'Items',
};

/**
 * How a problem of a body built from fields names its field: with the panel's label ("Items → SKU"), not CDEK's
 * path (`packages[0].items[0].ware_key`), which the user never saw.
 */
function panelFieldName(version: number, itemCount: number): FieldName {
	const itemLabels: Record<string, string> = {
		name: 'Name',
		ware_key: 'SKU',
		'payment.value': 'Payment on Delivery',
		cost: 'Cost',
		weight: 'Weight (Grams)',
		amount: version >= 2 ? 'Quantity' : 'Amount',
	};
	return (path) => {
		const item = /^packages\[0\]\.items\[(\d+)\](?:\.(.+))?$/.exec(path);
		if (!item) return PANEL_LABELS[path] ?? path;
		const field = item[2] === undefined ? 'Item' : (itemLabels[item[2]] ?? item[2]);
		return itemFieldLabel(field, Number(item[1]), itemCount);
	};
}

function fromJson(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = this.getNodeParameter('orderJson', itemIndex, '{}') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`Order (JSON) is not valid JSON: ${(error as Error).message} ${itemTag(itemIndex)}`,
				{ itemIndex },
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(
			this.getNode(),
			`Order (JSON) must be a JSON object (CDEK's order body) ${itemTag(itemIndex)}`,
			{ itemIndex },
		);
	}
	return { ...(parsed as IDataObject) };
}

/**
 * The order CDEK holds under this shop number, unless the number is free: none, or only an order CDEK
 * rejected (INVALID), which does not keep the number (docs/reference/cdek-api.md §6).
 */
async function numberHolder(
	client: CdekClient,
	itemIndex: number,
	number: string,
	options: ItemOptions,
): Promise<OrderView | undefined> {
	const response = await client.request(
		itemIndex,
		{ method: 'GET', path: '/orders', qs: { im_number: number } },
		{ ...options, expectedErrors: ['v2_entity_not_found_im_number'] },
	);
	if (response.statusCode >= 400) return undefined;
	const order = new OrderView(response.body);
	const created = order.requests.filter((request) => request.type === 'CREATE');
	const rejected =
		order.status === 'INVALID' ||
		(created.length > 0 && created.every((request) => request.state === 'INVALID'));
	return order.uuid && !rejected ? order : undefined;
}

/** Our order when CDEK already has it (same shop number and the same order), to report instead of resending. */
async function ourOrder(
	client: CdekClient,
	itemIndex: number,
	plan: CreatePlan & { number: string },
): Promise<CdekResponse | undefined> {
	const holder = await numberHolder(client, itemIndex, plan.number, plan.options);
	const live = holder?.liveRequest('CREATE');
	return holder && live && orderDifferences(holder, plan.body).length === 0
		? alreadyRegistered(holder, live)
		: undefined;
}

function numberTakenError(
	this: IExecuteFunctions,
	itemIndex: number,
	number: string,
	holder: OrderView,
	differences: string[],
): NodeOperationError {
	const cdekNumber = holder.entity.cdek_number
		? `, CDEK number ${String(holder.entity.cdek_number)}`
		: '';
	return new NodeOperationError(
		this.getNode(),
		`Shop order number "${number}" already belongs to another CDEK order (${holder.uuid}${cdekNumber}, status ${holder.status ?? 'unknown'}): ${differences.join('; ')} ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description:
				'Nothing was sent. CDEK accepts each shop order number once and would reject this order (error_validate_im_dep_number_has_already_had_integration). Give this order a shop number of its own, e.g. with a suffix.',
		},
	);
}

interface CreatePlan {
	body: IDataObject;
	/** The shop order number, when the body has one: the key that finds the order again. */
	number?: string;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): CreatePlan {
	const asJson = this.getNodeParameter('defineOrder', itemIndex) === 'json';
	const body = asJson ? fromJson.call(this, itemIndex) : fromFields.call(this, itemIndex);
	if (this.getNodeParameter('clientReturn', itemIndex, true) === true) body.is_client_return = true;
	const fromPanel = () => {
		const items = (body.packages as IDataObject[])[0].items as unknown[];
		return panelFieldName(version, items.length);
	};
	const problems = orderProblems(body, asJson ? undefined : fromPanel());
	if (problems.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The order is not complete: ${problems.join('; ')} ${itemTag(itemIndex)}`,
			{
				itemIndex,
				description: asJson
					? "Nothing was sent to CDEK. Complete the order JSON's fields named above (CDEK requires them)."
					: 'Nothing was sent to CDEK. Fill in the fields named above (CDEK requires them).',
			},
		);
	}
	const number = typeof body.number === 'string' ? body.number : undefined;
	return { body, number, options: itemOptions.call(this, itemIndex, version) };
}

/**
 * POST /orders (docs/reference/cdek-api.md §6), by default with is_client_return: partial returns and other
 * carriers' orders. With Prevent Duplicates the shop number is looked up first: the same order is reported
 * as already registered, another order holding the number fails the item (helpers/order-match.ts).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: CreatePlan,
): Promise<OperationOutput> {
	const { body, number, options } = plan;
	if (number && options.preventDuplicates) {
		const holder = await numberHolder(client, itemIndex, number, options);
		if (holder) {
			const live = holder.liveRequest('CREATE');
			const differences = orderDifferences(holder, body);
			if (!live) differences.push('CDEK lists no creation request of it that is under way or done');
			if (differences.length > 0 || !live)
				throw numberTakenError.call(this, itemIndex, number, holder, differences);
			const existing = alreadyRegistered(holder, live);
			return { json: await finish.call(this, itemIndex, client, 'CREATE', existing, options) };
		}
	}
	const response = await client.request(
		itemIndex,
		{ method: 'POST', path: '/orders', body },
		{
			...options,
			findApplied: number
				? async () => await ourOrder(client, itemIndex, { ...plan, number })
				: undefined,
		},
	);
	return { json: await finish.call(this, itemIndex, client, 'CREATE', response, options) };
}
