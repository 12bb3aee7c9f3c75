/**
 * POST /v2/orders: the minimal static validation of docs/reference/cdek-api.md §6 (simplified envelope on failure) and the stored
 * record built from the request body. Checks CDEK makes later (delivery point, duplicate number) happen at settle.
 */
import { CITIES, findCityByCode, location, type City } from '../common/fixtures';
import { messages } from '../common/envelopes';
import { isPlainObject } from '../common/http';
import { stableDigits, stableUuid } from '../common/ids';
import type { OrderRecord } from './order-record';
import type { ApiError, Location, Order, Package, PackageItem, Party } from '../common/types';

type FieldError = { code: string; message: string };

const empty = (field: string): FieldError => ({
	code: 'v2_field_is_empty',
	message: messages.fieldIsEmpty(field),
});
const badType = (field: string): FieldError => ({
	code: 'v2_invalid_value_type',
	message: messages.invalidValueType(field),
});
const missing = (v: unknown) => v === undefined || v === null || v === '';
const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

/** Synchronous errors → 400 `{errors, warnings}`. An empty array means the request is ACCEPTED. */
export function validateCreateBody(body: unknown): FieldError[] {
	if (!isPlainObject(body)) return [{ code: 'v2_bad_request', message: messages.badRequest }];
	const errors: FieldError[] = [];
	if (missing(body.tariff_code)) errors.push(empty('tariff_code'));
	else if (!isInt(body.tariff_code)) errors.push(badType('tariff_code'));
	if (body.type !== undefined && body.type !== 1 && body.type !== 2) errors.push(badType('type'));
	if (body.is_client_return !== undefined && typeof body.is_client_return !== 'boolean')
		errors.push(badType('is_client_return'));
	if (body.number !== undefined && typeof body.number !== 'string') errors.push(badType('number'));
	validateRecipient(body.recipient, errors);
	validateEnds(body, errors);
	validatePackages(body.packages, (body.type ?? 1) === 1, errors);
	return errors;
}

function validateRecipient(recipient: unknown, errors: FieldError[]): void {
	if (missing(recipient)) return void errors.push(empty('recipient'));
	if (!isPlainObject(recipient)) return void errors.push(badType('recipient'));
	if (missing(recipient.name)) errors.push(empty('recipient.name'));
	if (recipient.phones === undefined) return;
	if (!Array.isArray(recipient.phones)) return void errors.push(badType('recipient.phones'));
	recipient.phones.forEach((p, i) => {
		if (!isPlainObject(p) || missing(p.number)) errors.push(empty(`recipient.phones[${i}].number`));
	});
}

/** from_location/shipment_point and to_location/delivery_point are alternatives, never both (docs/reference/cdek-api.md §6). */
function validateEnds(body: Record<string, unknown>, errors: FieldError[]): void {
	const pairs: Array<[string, string, string]> = [
		['from_location', 'shipment_point', 'v2_shipment_address_multivalued'],
		['to_location', 'delivery_point', 'v2_delivery_address_multivalued'],
	];
	for (const [loc, point, code] of pairs) {
		if (body[loc] !== undefined && body[point] !== undefined) {
			errors.push({ code, message: `Only one of ${loc} and ${point} may be set` });
		}
		if (body[loc] !== undefined) {
			if (!isPlainObject(body[loc])) errors.push(badType(loc));
			else if (missing((body[loc] as Record<string, unknown>).address))
				errors.push(empty(`${loc}.address`));
		}
		if (body[point] !== undefined && typeof body[point] !== 'string') errors.push(badType(point));
	}
}

function validatePackages(packages: unknown, itemsRequired: boolean, errors: FieldError[]): void {
	if (missing(packages) || (Array.isArray(packages) && packages.length === 0))
		return void errors.push(empty('packages'));
	if (!Array.isArray(packages)) return void errors.push(badType('packages'));
	let itemCount = 0;
	packages.forEach((pkg, i) => {
		const at = `packages[${i}]`;
		if (!isPlainObject(pkg)) return void errors.push(badType(at));
		if (missing(pkg.number)) errors.push(empty(`${at}.number`));
		if (missing(pkg.weight)) errors.push(empty(`${at}.weight`));
		else if (!isInt(pkg.weight)) errors.push(badType(`${at}.weight`));
		// Dimensions are required from 100 g (docs/reference/cdek-api.md §6).
		if (isInt(pkg.weight) && (pkg.weight as number) >= 100) {
			for (const dim of ['length', 'width', 'height']) {
				if (missing(pkg[dim])) errors.push(empty(`${at}.${dim}`));
				else if (!isInt(pkg[dim])) errors.push(badType(`${at}.${dim}`));
			}
		}
		if (pkg.items === undefined || (Array.isArray(pkg.items) && pkg.items.length === 0)) {
			if (itemsRequired) errors.push(empty(`${at}.items`));
			return;
		}
		if (!Array.isArray(pkg.items)) return void errors.push(badType(`${at}.items`));
		itemCount += pkg.items.length;
		pkg.items.forEach((item, j) => validateItem(item, `${at}.items[${j}]`, errors));
	});
	if (itemCount > 126)
		errors.push({
			code: 'v2_number_items_is_more_126',
			message: 'Number of items is more than 126',
		});
}

function validateItem(item: unknown, at: string, errors: FieldError[]): void {
	if (!isPlainObject(item)) return void errors.push(badType(at));
	for (const field of ['name', 'ware_key'])
		if (missing(item[field])) errors.push(empty(`${at}.${field}`));
	if (missing(item.payment)) errors.push(empty(`${at}.payment`));
	else if (!isPlainObject(item.payment) || typeof item.payment.value !== 'number')
		errors.push(badType(`${at}.payment.value`));
	for (const field of ['cost', 'weight', 'amount']) {
		if (missing(item[field])) errors.push(empty(`${at}.${field}`));
		else if (typeof item[field] !== 'number') errors.push(badType(`${at}.${field}`));
	}
}

/**
 * Errors CDEK reports only after processing (INVALID request + INVALID status). The receiver one is measured
 * (docs/reference/cdek-api.md §5); the sender one mirrors it (sandbox choice).
 */
export function asyncCreateErrors(body: Record<string, unknown>): ApiError[] {
	const errors: ApiError[] = [];
	if (body.from_location === undefined && body.shipment_point === undefined) {
		errors.push({
			code: 'error_validate_sender_shipment_point_is_empty',
			message: 'Не задан офис отправителя',
		});
	}
	if (body.to_location === undefined && body.delivery_point === undefined) {
		errors.push({
			code: 'error_validate_receiver_delivery_point_is_empty',
			message: 'Не задан офис получателя',
		});
	}
	return errors;
}

function cityFor(loc: unknown, point: unknown, fallback: City): City {
	if (isPlainObject(loc)) return findCityByCode(loc.code) ?? fallback;
	if (typeof point === 'string')
		return Object.values(CITIES).find((c) => c.office === point) ?? fallback;
	return fallback;
}

/** A location as GET returns it: the sent fields, expanded with city data when the city code is known. */
function expandLocation(loc: unknown, point: unknown, city: City): Location {
	if (isPlainObject(loc)) {
		const known = findCityByCode(loc.code);
		return known ? { ...location(known), ...loc } : { ...loc };
	}
	if (typeof point === 'string') return location(city);
	return {};
}

function normalizeParty(party: unknown): Party {
	if (!isPlainObject(party)) return {};
	const phones = Array.isArray(party.phones)
		? party.phones.map((p) => ({
				...(p as Record<string, unknown>),
				number: String((p as Record<string, unknown>).number).replace(/^\+/, ''),
			}))
		: undefined;
	return {
		...party,
		...(phones ? { phones } : {}),
		passport_requirements_satisfied: false,
	} as Party;
}

function normalizePackages(packages: unknown[], uuid: string): Package[] {
	return packages.map((raw, i) => {
		const pkg = raw as Record<string, unknown>;
		const items = Array.isArray(pkg.items)
			? pkg.items.map((it) => ({
					delivery_amount: 0,
					return_item_detail: {},
					excise: false,
					...(it as PackageItem),
				}))
			: undefined;
		return {
			...(pkg as Package),
			barcode: stableDigits(`barcode:${uuid}:${i}`, 12),
			...(items ? { items } : {}),
			package_id: stableUuid(`package:${uuid}:${i}`),
		};
	});
}

/** Builds the stored record; the caller adds the ACCEPTED status and registers the CREATE request. */
export function recordFromBody(
	body: Record<string, unknown>,
	uuid: string,
	seq: number,
): OrderRecord {
	const sender = cityFor(body.from_location, body.shipment_point, CITIES.moscow);
	const recipient = cityFor(body.to_location, body.delivery_point, CITIES.novosibirsk);
	const data: Order = {
		uuid,
		type: (body.type as number | undefined) ?? 1,
		is_return: false,
		is_reverse: false,
		// CDEK assigns its own number when none is sent (sandbox: the order uuid).
		number: (body.number as string | undefined) ?? uuid,
		tariff_code: body.tariff_code as number,
		...(typeof body.comment === 'string' ? { comment: body.comment } : {}),
		sender: normalizeParty(body.sender),
		...(isPlainObject(body.seller) ? { seller: body.seller as { name: string } } : {}),
		recipient: normalizeParty(body.recipient),
		from_location: expandLocation(body.from_location, body.shipment_point, sender),
		to_location: expandLocation(body.to_location, body.delivery_point, recipient),
		...(typeof body.shipment_point === 'string' ? { shipment_point: body.shipment_point } : {}),
		...(typeof body.delivery_point === 'string' ? { delivery_point: body.delivery_point } : {}),
		services: Array.isArray(body.services) ? (body.services as Array<Record<string, unknown>>) : [],
		packages: normalizePackages(body.packages as unknown[], uuid),
		statuses: [],
		is_client_return: body.is_client_return === true,
	};
	return {
		seq,
		uuid,
		data,
		statuses: [],
		requests: [],
		related: [],
		route: { sender, transit: CITIES.ekaterinburg, recipient },
	};
}
