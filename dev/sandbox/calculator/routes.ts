/**
 * /v2/calculator routes (docs/reference/cdek-api.md §13): tarifflist, tariff and alltariffs. Synchronous: 200 with
 * the result, or 400 with the bare `{errors: [...]}` envelope (measured for location errors).
 */
import { messages, simplifiedError } from '../common/envelopes';
import { placeByCode, placeByName, placeByPostalCode, type Place } from '../locations/geography';
import { officeByCode } from '../locations/offices';
import { header, isPlainObject, json, parseJson, type HandlerResult } from '../common/http';
import type { Router } from '../common/router';
import {
	MODES,
	TARIFF_CATALOGUE,
	catalogue,
	quote,
	tariffByCode,
	tariffRow,
	unavailable,
	type Lang,
	type Parcel,
} from './tariffs';

const LOCATION_NOT_RECOGNIZED =
	'Location is not recognized. Check your input data and try to provide more details';

type Parsed<T> = { ok: true; value: T } | { ok: false; result: HandlerResult };

const fail = (code: string, message: string): { ok: false; result: HandlerResult } => ({
	ok: false,
	result: json(400, simplifiedError([{ code, message }])),
});

const isInt = (value: unknown) => typeof value === 'number' && Number.isInteger(value);

/** A location by `code`, else `postal_code`, else `city`/`address` (priority as in docs/reference/cdek-api.md §13). */
function resolve(location: unknown): Place | undefined {
	if (!isPlainObject(location)) return undefined;
	if (location.code !== undefined && location.code !== null) return placeByCode(location.code);
	if (location.postal_code) return placeByPostalCode(location.postal_code);
	return placeByName(location.city, location.address);
}

function readPackages(packages: unknown): Parsed<Parcel[]> {
	if (!Array.isArray(packages) || packages.length === 0)
		return fail('v2_field_is_empty', messages.fieldIsEmpty('packages'));
	for (const [index, pkg] of packages.entries()) {
		const at = `packages[${index}]`;
		if (!isPlainObject(pkg)) return fail('v2_invalid_value_type', messages.invalidValueType(at));
		if (pkg.weight === undefined || pkg.weight === null)
			return fail('v2_field_is_empty', messages.fieldIsEmpty(`${at}.weight`));
		if (!isInt(pkg.weight) || (pkg.weight as number) <= 0)
			return fail('v2_invalid_value_type', messages.invalidValueType(`${at}.weight`));
		for (const side of ['length', 'width', 'height']) {
			if (pkg[side] !== undefined && (!isInt(pkg[side]) || (pkg[side] as number) < 0))
				return fail('v2_invalid_value_type', messages.invalidValueType(`${at}.${side}`));
		}
	}
	return { ok: true, value: packages as Parcel[] };
}

interface Route {
	from: Place;
	to: Place;
	packages: Parcel[];
	lang: Lang;
	body: Record<string, unknown>;
}

function readRoute(raw: string): Parsed<Route> {
	const parsed = parseJson(raw);
	if (!parsed.ok || !isPlainObject(parsed.value))
		return fail('v2_bad_request', messages.badRequest);
	const body = parsed.value;
	if (body.type !== undefined && body.type !== 1 && body.type !== 2)
		return fail('v2_invalid_value_type', messages.invalidValueType('type'));
	for (const side of ['from_location', 'to_location']) {
		if (!isPlainObject(body[side])) return fail('v2_field_is_empty', messages.fieldIsEmpty(side));
	}
	const packages = readPackages(body.packages);
	if (!packages.ok) return packages;
	// With both ends unknown CDEK names only the sender (measured, docs/reference/cdek-api.md §13).
	const from = resolve(body.from_location);
	if (!from) return fail('v2_sender_location_not_recognized', LOCATION_NOT_RECOGNIZED);
	const to = resolve(body.to_location);
	if (!to) return fail('v2_recipient_location_not_recognized', LOCATION_NOT_RECOGNIZED);
	const lang: Lang = body.lang === 'eng' ? 'eng' : 'rus';
	return { ok: true, value: { from, to, packages: packages.value, lang, body } };
}

/** An end of a reverse check: an office code (`shipment_point`/`delivery_point`) or a location. */
function reverseEnd(point: unknown, location: unknown): Place | undefined {
	if (typeof point === 'string' && point !== '') {
		const office = officeByCode(point);
		return office ? placeByCode(office.location.city_code) : undefined;
	}
	return resolve(location);
}

const hasPhone = (party: unknown) =>
	isPlainObject(party) &&
	Array.isArray(party.phones) &&
	party.phones.some(
		(phone) => isPlainObject(phone) && typeof phone.number === 'string' && phone.number !== '',
	);

/**
 * POST /v2/reverse/availability (docs/reference/cdek-api.md §13a): whether CDEK offers the reverse (return) leg for a
 * direct order with this route and tariff. 200 with an empty body when it does, 400 with `{errors}` when it does not.
 * Which routes CDEK refuses is its business: the sandbox refuses a tariff it does not carry between the two cities
 * (`ve_reverse_tariff_not_available`) and a tariff that does not end at a door (`ve_as_reverse_only_to_door`).
 */
function reverseAvailability(raw: string): HandlerResult {
	const parsed = parseJson(raw);
	if (!parsed.ok || !isPlainObject(parsed.value))
		return fail('v2_bad_request', messages.badRequest).result;
	const body = parsed.value;
	if (body.tariff_code === undefined || body.tariff_code === null)
		return fail('v2_field_is_empty', messages.fieldIsEmpty('tariff_code')).result;
	if (!isInt(body.tariff_code))
		return fail('v2_invalid_value_type', messages.invalidValueType('tariff_code')).result;
	for (const party of ['sender', 'recipient'])
		if (!hasPhone(body[party]))
			return fail('v2_field_is_empty', messages.fieldIsEmpty(`${party}.phones`)).result;
	const from = reverseEnd(body.shipment_point, body.from_location);
	if (!from) return fail('v2_sender_location_not_recognized', LOCATION_NOT_RECOGNIZED).result;
	if (isPlainObject(body.to_location) && !body.to_location.address)
		return fail('v2_field_is_empty', messages.fieldIsEmpty('to_location.address')).result;
	const to = reverseEnd(body.delivery_point, body.to_location);
	if (!to) return fail('v2_recipient_location_not_recognized', LOCATION_NOT_RECOGNIZED).result;
	const tariff = tariffByCode(body.tariff_code as number);
	if (!tariff || unavailable(tariff, from, to, [{ weight: 1000 }]))
		return fail('ve_reverse_tariff_not_available', 'Нет тарифов по данному направлению').result;
	if (MODES[tariff.mode][1] !== 'door' || body.delivery_point)
		return fail(
			've_as_reverse_only_to_door',
			'Дополнительная услуга "реверс" доступна только при режимах доставки "До двери"',
		).result;
	return { status: 200, text: '' };
}

export function registerCalculatorRoutes(router: Router): void {
	router.add('POST', '/v2/reverse/availability', (ctx) => reverseAvailability(ctx.rawBody));

	router.add('POST', '/v2/calculator/tarifflist', (ctx) => {
		const route = readRoute(ctx.rawBody);
		if (!route.ok) return route.result;
		const { from, to, packages, lang } = route.value;
		const rows = TARIFF_CATALOGUE.filter((t) => !unavailable(t, from, to, packages)).map((t) =>
			tariffRow(t, quote(t, from, to, packages), lang),
		);
		// What CDEK answers when no tariff fits is not documented (docs/reference/cdek-api.md §16): 200 with an error.
		const errors = rows.length
			? []
			: [
					{
						code: 'err_result_servicelist_empty',
						message: 'No tariff is available for these parameters',
					},
				];
		return json(200, { tariff_codes: rows, errors, warnings: [] });
	});

	router.add('POST', '/v2/calculator/tariff', (ctx) => {
		const parsed = parseJson(ctx.rawBody);
		const code = parsed.ok && isPlainObject(parsed.value) ? parsed.value.tariff_code : undefined;
		if (code === undefined || code === null || code === '')
			return fail('v2_field_is_empty', messages.fieldIsEmpty('tariff_code')).result;
		if (!isInt(code))
			return fail('v2_invalid_value_type', messages.invalidValueType('tariff_code')).result;
		const route = readRoute(ctx.rawBody);
		if (!route.ok) return route.result;
		const { from, to, packages } = route.value;
		const tariff = tariffByCode(code as number);
		const why = tariff ? unavailable(tariff, from, to, packages) : 'not in the contract';
		if (!tariff || why)
			return fail(
				'err_result_service_empty',
				`Tariff ${String(code)} is not available for these parameters (${why})`,
			).result;
		const result = quote(tariff, from, to, packages);
		return json(200, { ...result, services: [], total_sum: result.delivery_sum, currency: 'RUB' });
	});

	router.add('GET', '/v2/calculator/alltariffs', (ctx) => {
		// The language travels in the X-User-Lang header (docs/reference/cdek-api.md §13).
		const lang: Lang = header(ctx.headers, 'x-user-lang')?.toLowerCase() === 'eng' ? 'eng' : 'rus';
		return json(200, { tariff_codes: catalogue(lang) });
	});
}
