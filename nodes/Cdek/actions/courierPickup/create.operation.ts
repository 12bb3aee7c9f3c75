import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperties,
} from '../../descriptions/common.description';
import { orderLocatorProperty } from '../../descriptions/order-locator.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { readOrderRef } from '../../helpers/order-locator';
import type { OrderRef } from '../../helpers/order-locator';
import {
	PICKUP_EXISTS,
	existingPickup,
	finishPickup,
	refusesAsExisting,
} from '../../helpers/pickup-registration';
import { pickupSchedule, todayIn } from '../../helpers/pickup-time';
import { readOrder } from '../../helpers/registration';
import type { PickupSchedule } from '../../helpers/pickup-time';
import {
	centimetres,
	cityCode,
	grams,
	optionalText,
	SOME_TEXT,
	requiredText,
} from '../../helpers/validation';
import type { CdekClient, CdekRequest, CdekResponse } from '../../transport/client';
import { answerError } from '../../transport/failures';
import { itemNumber, itemTag } from '../../transport/item-tag';
import { oneAtATimePerOrder, sentInRun } from '../../helpers/order-queue';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES, quoted } from '../../transport/operation-names';

const standalone = { show: { pickupFor: ['standalone'] } };
const whole = (
	displayName: string,
	name: string,
	description: string,
	defaultValue: number,
	minValue: number,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue, numberPrecision: 0 },
	default: defaultValue,
	description,
	displayOptions: standalone,
});
const text = (displayName: string, name: string, description: string, placeholder: string) => ({
	displayName,
	name,
	type: 'string' as const,
	required: true,
	default: '',
	placeholder,
	description,
	displayOptions: standalone,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Pickup For',
		name: 'pickupFor',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'An Order',
				value: 'order',
				description:
					'A courier collects the parcel of an order whose tariff starts at the door (e.g. a return with tariff 139); the address and parcel come from the order',
			},
			{
				name: 'Standalone',
				value: 'standalone',
				description:
					'A courier collects a parcel at an address; CDEK creates the waybill itself (tariff 158)',
			},
		],
		default: 'order',
	},
	{
		...orderLocatorProperty,
		description: `${orderLocatorProperty.description}. Its tariff must start at the door and it must be new (ACCEPTED or CREATED).`,
		displayOptions: { show: { pickupFor: ['order'] } },
	},
	text(
		'What Is Collected',
		'cargoDescription',
		'A short description of the parcel',
		'e.g. Return: 1 parcel',
	),
	text('Sender Name', 'senderName', 'Who hands the parcel to the courier', 'e.g. Анна Иванова'),
	text('Sender Phone', 'senderPhone', 'International format', 'e.g. +79161234567'),
	whole(
		'City Code',
		'cityCode',
		'CDEK city code of the address, e.g. 270 (Novosibirsk); 0 = CDEK finds the city in the address',
		0,
		0,
	),
	text(
		'Address',
		'address',
		'Where the courier comes, with the city',
		'e.g. Новосибирск, Красный пр., 1, кв. 5',
	),
	whole('Weight (Grams)', 'weight', 'Weight of the parcel in grams', 1000, 1),
	whole('Length (Cm)', 'length', '0 = not given', 0, 0),
	whole('Width (Cm)', 'width', '0 = not given', 0, 0),
	whole('Height (Cm)', 'height', '0 = not given', 0, 0),
	{
		displayName: 'Pickup Date',
		name: 'intakeDate',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2026-05-14',
		description:
			"The day the courier comes, YYYY-MM-DD, from today to 31 days ahead (tomorrow: $now.plus(1, 'day').toFormat('yyyy-MM-dd') in an expression); Get Available Days lists CDEK's days",
		displayOptions: onlyInVersion1,
	},
	{
		displayName: 'Pickup Date',
		name: 'intakeDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: `The day the courier comes, from today to 31 days ahead (the time of day is not used; tomorrow in an expression: $now.plus(1, 'day')). ${quoted(OPERATION_NAMES.courierPickup.getAvailableDays)} lists CDEK's days.`,
		displayOptions: fromVersion2,
	},
	{
		displayName: 'Time From',
		name: 'timeFrom',
		type: 'string',
		required: true,
		default: '10:00',
		placeholder: 'e.g. 10:00',
		description: 'Start of the window, HH:mm, 09:00 at the earliest (local time of the address)',
	},
	{
		displayName: 'Time To',
		name: 'timeTo',
		type: 'string',
		required: true,
		default: '18:00',
		placeholder: 'e.g. 18:00',
		description:
			'End of the window, HH:mm, 22:00 at the latest; CDEK advises a window of at least 3 hours',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				description: 'For the courier, at most 255 characters',
			},
			{
				displayName: 'Need Call',
				name: 'needCall',
				type: 'boolean',
				default: false,
				description: 'Whether the courier calls before coming',
			},
		],
	},
	...optionsProperties('pickup'),
];

export const option = {
	name: OPERATION_NAMES.courierPickup.create,
	value: 'create',
	description:
		'Order a courier to collect a parcel, e.g. a return from the customer (for an order whose tariff starts at the door, or standalone)',
	action: OPERATION_NAMES.courierPickup.create,
};

export const subtitle = OPERATION_NAMES.courierPickup.create;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Create',
		value: 'create',
		description:
			'Order a courier to collect a parcel, e.g. a return from the customer (for an order whose tariff starts at the door, or standalone)',
		action: 'Create a courier pickup',
	},
	subtitle: 'Create Courier Pickup',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Book a CDEK courier to collect a parcel at an address on a date and in a time window (for an order, or standalone). It never books a second pickup for the same order. Check the possible dates with the available-days tool first.';

export const description = updateDisplayOptions(
	{ show: { resource: ['courierPickup'], operation: ['create'] } },
	properties,
);

interface PickupPlan {
	/** For an order; absent for a standalone pickup. */
	order?: OrderRef;
	body: IDataObject;
	hint?: string;
	options: ItemOptions;
}

function standaloneFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const value = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const parameter = (label: string, name: string, fallback?: unknown) => ({
		node,
		itemIndex,
		label,
		value: value(name, fallback),
	});
	const from: IDataObject = {
		address: requiredText(parameter('Address', 'address'), 'the street address with the city'),
	};
	const code = value('cityCode', 0);
	if (code !== 0 && code !== '' && code !== null && code !== undefined)
		from.code = cityCode(parameter('City Code', 'cityCode'));
	const fields: IDataObject = {
		name: requiredText(
			parameter('What Is Collected', 'cargoDescription'),
			'a description of the parcel',
		),
		from_location: from,
		sender: {
			name: requiredText(parameter('Sender Name', 'senderName'), 'the name of the sender'),
			phones: [
				{ number: requiredText(parameter('Sender Phone', 'senderPhone'), 'a phone number', 24) },
			],
		},
		weight: grams(parameter('Weight (Grams)', 'weight', 0)),
	};
	for (const [side, label] of [
		['length', 'Length (Cm)'],
		['width', 'Width (Cm)'],
		['height', 'Height (Cm)'],
	]) {
		const size = centimetres(parameter(label, side, 0));
		if (size > 0) fields[side] = size;
	}
	return fields;
}

function scheduleOf(this: IExecuteFunctions, itemIndex: number): PickupSchedule {
	const timeZone = this.getTimezone();
	return pickupSchedule({
		node: this.getNode(),
		itemIndex,
		date: this.getNodeParameter('intakeDate', itemIndex, '') as unknown,
		timeFrom: this.getNodeParameter('timeFrom', itemIndex, '') as unknown,
		timeTo: this.getNodeParameter('timeTo', itemIndex, '') as unknown,
		today: todayIn(timeZone),
		timeZone,
	});
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): PickupPlan {
	const forOrder = this.getNodeParameter('pickupFor', itemIndex, 'order') !== 'standalone';
	const order = forOrder ? readOrderRef.call(this, itemIndex) : undefined;
	const fields = forOrder ? {} : standaloneFields.call(this, itemIndex);
	const schedule = scheduleOf.call(this, itemIndex);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const comment = optionalText(
		{
			node: this.getNode(),
			itemIndex,
			label: 'Comment',
			value: extra.comment,
		},
		SOME_TEXT,
	);
	const body: IDataObject = {
		intake_date: schedule.date,
		intake_time_from: schedule.timeFrom,
		intake_time_to: schedule.timeTo,
		...fields,
		...(comment ? { comment } : {}),
		need_call: extra.needCall === true,
	};
	return { order, body, hint: schedule.hint, options: itemOptions.call(this, itemIndex, version) };
}

/**
 * POST /intakes (docs/reference/cdek-api.md §12). For an order: never a second pickup, since CDEK allows one
 * per order; with Prevent Duplicates the order's pickups are read first, and CDEK's
 * v2_intake_exists_by_order is answered with the pickup it already has. Items of one run that name the same order
 * go one after another, and only the first sends: the others report its pickup (CDEK may refuse a second one only
 * in its verdict, after accepting it).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ order, body, hint, options }: PickupPlan,
): Promise<OperationOutput> {
	const finish = async (response: CdekResponse, orderUuid?: string) => ({
		json: await finishPickup.call(this, itemIndex, client, 'CREATE', response, options, {
			hint,
			orderUuid,
		}),
	});
	if (!order) {
		const request: CdekRequest = { method: 'POST', path: '/intakes', body };
		return await finish(await client.request(itemIndex, request, options));
	}

	let orderUuid = order.by === 'uuid' ? order.uuid : undefined;
	if (!orderUuid && (order.by === 'imNumber' || options.preventDuplicates))
		orderUuid = (await readOrder.call(this, client, itemIndex, order, options)).uuid;
	const orderKey = orderUuid
		? `uuid:${orderUuid}`
		: `cdekNumber:${(order as { number: string }).number}`;
	const findExisting = async (uuid: string) =>
		await existingPickup(client, itemIndex, uuid, options);

	return await oneAtATimePerOrder(client, orderKey, async () => {
		const sent = sentInRun(client);
		const earlier = sent.get(orderKey);
		if (earlier !== undefined)
			orderUuid ??= (await readOrder.call(this, client, itemIndex, order, options)).uuid;
		if (orderUuid && (options.preventDuplicates || earlier !== undefined)) {
			const existing = await findExisting(orderUuid);
			if (existing) return await finish(existing, orderUuid);
		}
		if (earlier !== undefined) throw sentEarlier(this, itemIndex, earlier, orderUuid);

		const reference = orderUuid
			? { order_uuid: orderUuid }
			: { cdek_number: (order as { number: string }).number };
		const request: CdekRequest = {
			method: 'POST',
			path: '/intakes',
			body: { ...reference, ...body },
		};
		const known = orderUuid;
		// Before sending: whatever becomes of this request, no later item of the run sends another.
		sent.set(orderKey, itemIndex);
		const response = await client.request(itemIndex, request, {
			...options,
			findApplied: known ? async () => await findExisting(known) : undefined,
			expectedErrors: [PICKUP_EXISTS],
		});
		if (response.statusCode >= 400 && refusesAsExisting(response.body)) {
			orderUuid ??= (await readOrder.call(this, client, itemIndex, order, options)).uuid;
			const existing = await findExisting(orderUuid);
			if (existing) return await finish(existing, orderUuid);
			throw answerError(
				this.getNode(),
				{ method: 'POST', url: `${client.root}/intakes`, itemIndex },
				response,
			);
		}
		return await finish(response, orderUuid);
	});
}

/** An earlier item of this run asked for the order's pickup, and CDEK has none that still counts. */
function sentEarlier(
	context: IExecuteFunctions,
	itemIndex: number,
	earlier: number,
	orderUuid?: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Courier pickup not sent: item ${itemNumber(earlier)} of this run already asked for one for this order, and CDEK has no pickup for it that still counts ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description: `CDEK allows one courier pickup per order, so one run asks for it once. See item ${itemNumber(earlier)}'s result: CDEK may have rejected or removed that pickup. Run this again to ask for a new one.${orderUuid ? ` Order ${orderUuid}.` : ''}`,
		},
	);
}
