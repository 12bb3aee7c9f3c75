import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperties,
} from '../../descriptions/common.description';
import { ORDER_OPERATIONS, quoted } from '../../transport/operation-names';
import type { CreateField } from './create.fields';
import { itemFieldLabels, labelOf } from './create.fields';
import { tariffListProperty } from './createClientReturn.operation';

const fields = { show: { defineOrder: ['fields'] } };
const text = (
	name: CreateField,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName: labelOf(name),
	name,
	type: 'string',
	default: '',
	description,
	displayOptions: fields,
	...extra,
});
const whole = (
	name: CreateField,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName: labelOf(name),
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
	text(`${side}OfficeCode`, 'CDEK office code, e.g. MSK67', {
		required: true,
		placeholder: 'e.g. MSK67',
		displayOptions: { show: { defineOrder: ['fields'], [`${side}Kind`]: ['office'] } },
	}),
	text(`${side}Address`, 'Street address', {
		required: true,
		displayOptions: { show: { defineOrder: ['fields'], [`${side}Kind`]: ['address'] } },
	}),
	whole(`${side}CityCode`, 'CDEK city code (e.g. 44 Moscow, 137 Saint Petersburg); 0 = not sent', {
		displayOptions: { show: { defineOrder: ['fields'], [`${side}Kind`]: ['address'] } },
	}),
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

/** The Items list of a version: each entry's fields sorted by their label. */
const itemsProperty = (version: number, displayOptions: IDisplayOptions): INodeProperties => {
	const label = itemFieldLabels(version);
	const values: INodeProperties[] = [
		{
			displayName: label.amount,
			name: 'amount',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			default: 1,
			description: 'Number of units',
		},
		{
			displayName: label.cost,
			name: 'cost',
			type: 'number',
			default: 0,
			description: 'Declared value per unit',
		},
		{
			displayName: label.name,
			name: 'name',
			type: 'string',
			default: '',
			description: 'Item name',
		},
		{
			displayName: label.payment,
			name: 'payment',
			type: 'number',
			default: 0,
			description: 'Cash to collect per unit; 0 = already paid',
		},
		{
			displayName: label.wareKey,
			name: 'wareKey',
			type: 'string',
			default: '',
			description: 'Article / ware key (ware_key)',
		},
		{
			displayName: label.weight,
			name: 'weight',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			default: 0,
			description: 'Weight per unit in grams',
		},
	];
	return {
		displayName: labelOf('items'),
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		description: 'What is in the package; online-store orders need at least one',
		displayOptions,
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: values.sort((a, b) => a.displayName.localeCompare(b.displayName)),
			},
		],
	};
};

const itemsProperties: INodeProperties[] = [
	itemsProperty(1, { show: { defineOrder: ['fields'], '@version': [1] } }),
	itemsProperty(2, { show: { defineOrder: ['fields'], '@version': [{ _cnd: { gte: 2 } }] } }),
];

/** Create Return Order's panel, every version's parameters written out. */
export const properties: INodeProperties[] = [
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
		'number',
		'Your number for this order (e.g. RET-1005-1); the node uses it to never create the same order twice',
		{
			required: true,
			placeholder: 'e.g. RET-1005-1',
		},
	),
	whole('tariffCode', 'A CDEK tariff of your contract, e.g. 136 (office to office)', {
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		displayOptions: { show: { defineOrder: ['fields'], '@version': [1] } },
	}),
	// Version 2: the contract's tariffs as a list, no default (a tariff 0 is never a choice).
	{
		...tariffListProperty,
		description:
			'The CDEK tariff for this order, one of your contract. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { defineOrder: ['fields'], '@version': [{ _cnd: { gte: 2 } }] } },
	},
	text('senderName', 'Who hands the parcel over; for a return, the customer'),
	text('senderPhone', 'International format, e.g. +79131234567'),
	text('recipientName', 'Who receives the parcel; for a return, the shop', {
		required: true,
	}),
	text('recipientPhone', 'International format, e.g. +74951234567'),
	...endpoint('from', 'The sender'),
	...endpoint('to', 'The recipient'),
	whole('packageWeight', 'Total weight in grams', {
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
	}),
	whole('packageLength', 'Required from 100 g'),
	whole('packageWidth', 'Required from 100 g'),
	whole('packageHeight', 'Required from 100 g'),
	...itemsProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fields,
		options: [
			{ displayName: labelOf('comment'), name: 'comment', type: 'string', default: '' },
			{
				displayName: labelOf('orderType'),
				name: 'orderType',
				type: 'options',
				options: [
					{ name: 'Online Store', value: 1 },
					{ name: 'Delivery', value: 2 },
				],
				default: 1,
			},
			{
				displayName: labelOf('packageNumber'),
				name: 'packageNumber',
				type: 'string',
				default: '1',
			},
			{
				displayName: labelOf('recipientCompany'),
				name: 'recipientCompany',
				type: 'string',
				default: '',
			},
			{
				displayName: labelOf('recipientEmail'),
				name: 'recipientEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: labelOf('senderCompany'), name: 'senderCompany', type: 'string', default: '' },
			{
				displayName: labelOf('senderEmail'),
				name: 'senderEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
		],
	},
	...optionsProperties('create'),
];
