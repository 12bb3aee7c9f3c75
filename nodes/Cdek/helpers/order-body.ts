import type { IDataObject } from 'n8n-workflow';

import { isWholeNumber } from './validation';
import { isObject } from './is-object';

/** CDEK's limit on distinct items in one order (docs/reference/cdek-api.md §9). */
const MAX_ITEMS = 126;
const MAX_UNITS_PER_ITEM = 999;

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const isAmount = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * How a problem names a field of the body: CDEK's path as it is (the body given as JSON), or the label the panel
 * shows for it (the body built from fields, see `panelFieldName` in actions/order/create.operation.ts).
 */
export type FieldName = (path: string) => string;

const apiPath: FieldName = (path) => path;

function checkParty(
	party: unknown,
	path: string,
	nameRequired: boolean,
	problems: string[],
	name: FieldName,
): void {
	if (party === undefined) {
		if (nameRequired) problems.push(`${name(`${path}.name`)} is required`);
		return;
	}
	if (!isObject(party)) return void problems.push(`${name(path)} must be an object`);
	if (nameRequired && isBlank(party.name)) problems.push(`${name(`${path}.name`)} is required`);
	if (party.phones === undefined) return;
	if (!Array.isArray(party.phones))
		return void problems.push(`${name(`${path}.phones`)} must be a list`);
	party.phones.forEach((phone, index) => {
		if (!isObject(phone) || isBlank(phone.number))
			problems.push(`${name(`${path}.phones[${index}].number`)} is required`);
	});
}

/** An address (from_location / to_location) or an office code (shipment_point / delivery_point), exactly one. */
function checkEnd(
	body: IDataObject,
	location: string,
	office: string,
	problems: string[],
	name: FieldName,
): void {
	const hasLocation = body[location] !== undefined;
	const hasOffice = !isBlank(body[office]);
	if (hasLocation && hasOffice)
		return void problems.push(`only one of ${name(location)} and ${name(office)} may be given`);
	if (!hasLocation && !hasOffice)
		return void problems.push(
			office in body && name(office) !== office
				? `${name(office)} is required`
				: `${name(location)} (an address) or ${name(office)} (a CDEK office code) is required`,
		);
	if (hasOffice && typeof body[office] !== 'string')
		problems.push(`${name(office)} must be an office code such as MSK67`);
	if (
		hasLocation &&
		(!isObject(body[location]) || isBlank((body[location] as IDataObject).address))
	) {
		problems.push(`${name(`${location}.address`)} is required`);
	}
}

function checkItem(item: unknown, path: string, problems: string[], name: FieldName): void {
	if (!isObject(item)) return void problems.push(`${name(path)} must be an object`);
	if (isBlank(item.name)) problems.push(`${name(`${path}.name`)} is required`);
	if (isBlank(item.ware_key)) problems.push(`${name(`${path}.ware_key`)} is required`);
	if (!isObject(item.payment) || !isAmount(item.payment.value))
		problems.push(`${name(`${path}.payment.value`)} must be a number ≥ 0 (0 = already paid)`);
	if (!isAmount(item.cost)) problems.push(`${name(`${path}.cost`)} must be a number ≥ 0`);
	if (!isWholeNumber(item.weight, 1))
		problems.push(`${name(`${path}.weight`)} must be whole grams ≥ 1`);
	if (!isWholeNumber(item.amount, 1) || (item.amount as number) > MAX_UNITS_PER_ITEM)
		problems.push(
			`${name(`${path}.amount`)} must be a whole number from 1 to ${MAX_UNITS_PER_ITEM}`,
		);
}

function checkPackages(body: IDataObject, problems: string[], name: FieldName): void {
	const packages = body.packages;
	if (!Array.isArray(packages) || packages.length === 0)
		return void problems.push('packages: at least one package is required');
	const itemsRequired = (body.type ?? 1) === 1;
	let items = 0;
	packages.forEach((pkg, index) => {
		const path = `packages[${index}]`;
		if (!isObject(pkg)) return void problems.push(`${path} must be an object`);
		if (isBlank(pkg.number)) problems.push(`${name(`${path}.number`)} is required`);
		if (!isWholeNumber(pkg.weight, 1))
			problems.push(`${name(`${path}.weight`)} must be whole grams ≥ 1`);
		// CDEK needs the dimensions from 100 g on (docs/reference/cdek-api.md §6).
		if (isWholeNumber(pkg.weight, 100)) {
			for (const side of ['length', 'width', 'height']) {
				if (!isWholeNumber(pkg[side], 1))
					problems.push(
						`${name(`${path}.${side}`)} must be whole centimetres ≥ 1 (required from 100 g)`,
					);
			}
		}
		if (!Array.isArray(pkg.items) || pkg.items.length === 0) {
			if (itemsRequired)
				problems.push(`${name(`${path}.items`)}: online-store orders need at least one item`);
			return;
		}
		items += pkg.items.length;
		pkg.items.forEach((item, itemIndex) =>
			checkItem(item, `${path}.items[${itemIndex}]`, problems, name),
		);
	});
	if (items > MAX_ITEMS) problems.push(`at most ${MAX_ITEMS} items per order, got ${items}`);
}

/**
 * What CDEK would reject in an order body (docs/reference/cdek-api.md §6), in words a shop manager can act on,
 * each field named by `name` (CDEK's path by default).
 */
export function orderProblems(body: IDataObject, name: FieldName = apiPath): string[] {
	const problems: string[] = [];
	if (!isWholeNumber(body.tariff_code, 1))
		problems.push(`${name('tariff_code')} must be a positive whole number`);
	if (body.type !== undefined && body.type !== 1 && body.type !== 2)
		problems.push(`${name('type')} must be 1 (online store) or 2 (delivery)`);
	if (body.number !== undefined && (typeof body.number !== 'string' || body.number.trim() === '')) {
		problems.push(
			name('number') === 'number'
				? 'number (the shop order number) must be non-empty text'
				: `${name('number')} must be non-empty text`,
		);
	}
	checkParty(body.recipient, 'recipient', true, problems, name);
	checkParty(body.sender, 'sender', false, problems, name);
	checkEnd(body, 'from_location', 'shipment_point', problems, name);
	checkEnd(body, 'to_location', 'delivery_point', problems, name);
	checkPackages(body, problems, name);
	return problems;
}
