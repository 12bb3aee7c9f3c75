import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { orderProblems } from '../../helpers/order-body';
import type { CdekClient, CdekResponse } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { alreadyRegistered, finish } from '../../helpers/registration';
import { OrderView } from '../../helpers/order-state';

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

const properties: INodeProperties[] = [
	{
		displayName: 'Client Return',
		name: 'clientReturn',
		type: 'boolean',
		default: true,
		description:
			'Whether this order is a client return (is_client_return): for returning only some items, or an order another carrier delivered. A full return of a CDEK order is "Create Client Return".',
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
		{ required: true, typeOptions: { minValue: 1, numberPrecision: 0 } },
	),
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
	{
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
	},
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
	optionsProperty('create'),
];

export const option = {
	name: 'Create',
	value: 'create',
	description:
		'Create an order, by default a client return (is_client_return): for returning only some items, or an order another carrier delivered',
	action: 'Create an order',
};

export const subtitle = 'Create Order';

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
	name: unknown,
	phone: unknown,
	company: unknown,
	email: unknown,
): IDataObject | undefined {
	const fieldsSet = omitEmpty({ name, company, email } as IDataObject);
	if (typeof phone === 'string' && phone.trim()) fieldsSet.phones = [{ number: phone.trim() }];
	return Object.keys(fieldsSet).length ? fieldsSet : undefined;
}

function fromFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const get = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const extra = get('additionalFields', {}) as IDataObject;
	const body: IDataObject = {
		type: extra.orderType ?? 1,
		number: String(get('number')).trim(),
		tariff_code: get('tariffCode', 0) as number,
	};
	if (extra.comment) body.comment = extra.comment;
	const sender = party(
		get('senderName'),
		get('senderPhone'),
		extra.senderCompany,
		extra.senderEmail,
	);
	if (sender) body.sender = sender;
	body.recipient =
		party(
			get('recipientName'),
			get('recipientPhone'),
			extra.recipientCompany,
			extra.recipientEmail,
		) ?? {};
	for (const side of ['from', 'to'] as const) {
		const [location, office] =
			side === 'from' ? ['from_location', 'shipment_point'] : ['to_location', 'delivery_point'];
		if (get(`${side}Kind`) === 'office') body[office] = String(get(`${side}OfficeCode`)).trim();
		else
			body[location] = omitEmpty({
				code: get(`${side}CityCode`, 0),
				address: String(get(`${side}Address`)).trim(),
			} as IDataObject);
	}
	const items = ((get('items', {}) as IDataObject).item as IDataObject[] | undefined) ?? [];
	body.packages = [
		{
			number: extra.packageNumber || '1',
			...omitEmpty({
				weight: get('packageWeight', 0),
				length: get('packageLength', 0),
				width: get('packageWidth', 0),
				height: get('packageHeight', 0),
			} as IDataObject),
			items: items.map((item) => ({
				name: item.name,
				ware_key: item.wareKey,
				payment: { value: item.payment ?? 0 },
				cost: item.cost,
				weight: item.weight,
				amount: item.amount,
			})),
		},
	];
	return body;
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
				`Order (JSON) is not valid JSON: ${(error as Error).message} [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(
			this.getNode(),
			`Order (JSON) must be a JSON object (CDEK's order body) [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return { ...(parsed as IDataObject) };
}

/** The order this shop number already has in CDEK, when its creation is under way or done. */
async function existingOrder(
	client: CdekClient,
	itemIndex: number,
	number: string,
	options: ItemOptions,
): Promise<CdekResponse | undefined> {
	const response = await client.request(
		itemIndex,
		{ method: 'GET', path: '/orders', qs: { im_number: number } },
		{ ...options, expectedErrors: ['v2_entity_not_found_im_number'] },
	);
	if (response.statusCode >= 400) return undefined;
	const order = new OrderView(response.body);
	const live = order.liveRequest('CREATE');
	return live ? alreadyRegistered(order, live) : undefined;
}

interface CreatePlan {
	body: IDataObject;
	/** The shop order number, when the body has one: the key that finds the order again. */
	number?: string;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CreatePlan {
	const body =
		this.getNodeParameter('defineOrder', itemIndex) === 'json'
			? fromJson.call(this, itemIndex)
			: fromFields.call(this, itemIndex);
	if (this.getNodeParameter('clientReturn', itemIndex, true) === true) body.is_client_return = true;
	const problems = orderProblems(body);
	if (problems.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The order is not complete: ${problems.join('; ')} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					'Nothing was sent to CDEK. Fill in the fields named above (CDEK requires them).',
			},
		);
	}
	const number = typeof body.number === 'string' ? body.number : undefined;
	return { body, number, options: itemOptions.call(this, itemIndex) };
}

/** POST /orders (docs/reference/cdek-api.md §6), by default with is_client_return: partial returns and other carriers' orders. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ body, number, options }: CreatePlan,
): Promise<OperationOutput> {
	if (number && options.preventDuplicates) {
		const existing = await existingOrder(client, itemIndex, number, options);
		if (existing) {
			return { json: await finish.call(this, itemIndex, client, 'CREATE', existing, options) };
		}
	}
	const response = await client.request(
		itemIndex,
		{ method: 'POST', path: '/orders', body },
		{
			...options,
			findApplied: number
				? async () => await existingOrder(client, itemIndex, number, options)
				: undefined,
		},
	);
	return { json: await finish.call(this, itemIndex, client, 'CREATE', response, options) };
}
