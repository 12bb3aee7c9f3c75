import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	optionalText,
	parameterOf,
	shopOrderNumber,
	tariffCode,
	wholeNumberOrDigits,
} from '../../helpers/validation';
import { itemTag } from '../../transport/item-tag';
import type { CreateField } from './create.fields';
import { itemFieldLabel, itemFieldLabels, labelOf } from './create.fields';

/** CDEK's order body (POST /orders) from Create Return Order's fields, or from its Order (JSON). */

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
export function fromFields(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
): IDataObject {
	const node = this.getNode();
	const raw = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const parameter = parameterOf(node, itemIndex);
	const textOf = (label: string, value: unknown) =>
		optionalText(parameter(label, value), 'text (or a number)');
	const field = (name: CreateField) => textOf(labelOf(name), raw(name));
	const count = (name: CreateField) =>
		wholeNumberOrDigits(parameter(labelOf(name), raw(name, 0)), 0, MAX_FIELD_NUMBER);
	const itemLabels = itemFieldLabels(version);
	const extra = raw('additionalFields', {}) as IDataObject;
	const body: IDataObject = {
		type: extra.orderType ?? 1,
		number: shopOrderNumber(parameter(labelOf('number'), raw('number'))),
		tariff_code: tariffCode(parameter(labelOf('tariffCode'), raw('tariffCode', 0))),
	};
	const comment = textOf(labelOf('comment'), extra.comment);
	if (comment) body.comment = comment;
	const sender = party(
		field('senderName'),
		field('senderPhone'),
		textOf(labelOf('senderCompany'), extra.senderCompany),
		textOf(labelOf('senderEmail'), extra.senderEmail),
	);
	if (sender) body.sender = sender;
	body.recipient =
		party(
			field('recipientName'),
			field('recipientPhone'),
			textOf(labelOf('recipientCompany'), extra.recipientCompany),
			textOf(labelOf('recipientEmail'), extra.recipientEmail),
		) ?? {};
	for (const side of ['from', 'to'] as const) {
		const [location, office] =
			side === 'from' ? ['from_location', 'shipment_point'] : ['to_location', 'delivery_point'];
		if (raw(`${side}Kind`) === 'office') {
			body[office] = field(`${side}OfficeCode`) ?? '';
		} else {
			body[location] = omitEmpty({
				code: count(`${side}CityCode`),
				address: field(`${side}Address`),
			});
		}
	}
	const listed = (raw('items', {}) as IDataObject | undefined)?.item;
	const items = Array.isArray(listed) ? (listed as IDataObject[]) : [];
	body.packages = [
		{
			number: textOf(labelOf('packageNumber'), extra.packageNumber) ?? '1',
			...omitEmpty({
				weight: count('packageWeight'),
				length: count('packageLength'),
				width: count('packageWidth'),
				height: count('packageHeight'),
			}),
			items: items.map((item, index) => ({
				name: textOf(itemFieldLabel(itemLabels.name, index, items.length), item.name),
				ware_key: textOf(itemFieldLabel(itemLabels.wareKey, index, items.length), item.wareKey),
				payment: { value: item.payment ?? 0 },
				cost: item.cost,
				weight: item.weight,
				amount: item.amount,
			})),
		},
	];
	return body;
}

export function fromJson(this: IExecuteFunctions, itemIndex: number): IDataObject {
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
