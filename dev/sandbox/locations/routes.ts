/**
 * GET /v2/deliverypoints (docs/reference/cdek-api.md §14) and GET /v2/location/cities (§15): bare JSON arrays with
 * CDEK's filters and paging. Offices page by `size`/`page` (0-based) with X-Total-* headers; cities page by
 * `size` (at most 10000)/`page` (0-based) without totals, so a reader stops at the first empty page.
 */
import { messages, simplifiedError } from '../common/envelopes';
import { PLACES, normalizeName, renderPlace } from './geography';
import { json, type HandlerResult, type RequestContext } from '../common/http';
import { OFFICES, type Office } from './offices';
import type { Router } from '../common/router';

const MAX_CITY_PAGE = 10000;
const DEFAULT_CITY_PAGE = 1000;

const badRequest = (code: string, message: string): HandlerResult =>
	json(400, simplifiedError([{ code, message }]));

type Flag = boolean | undefined | 'invalid';

/** CDEK's boolean query values: "1"/"true" and "0"/"false" (docs/reference/cdek-api.md §14). */
function flag(query: URLSearchParams, name: string): Flag {
	const value = query.get(name);
	if (value === null) return undefined;
	if (value === '1' || value === 'true') return true;
	if (value === '0' || value === 'false') return false;
	return 'invalid';
}

const OFFICE_FLAGS: Array<[string, (office: Office) => boolean]> = [
	['is_reception', (o) => o.is_reception],
	['is_handout', (o) => o.is_handout],
	['take_only', (o) => o.take_only],
	['have_cash', (o) => o.have_cash],
	['have_cashless', (o) => o.have_cashless],
	['allowed_cod', (o) => o.allowed_cod],
	['is_dressing_room', (o) => o.is_dressing_room],
	['is_marketplace', (o) => o.is_marketplace],
	['is_ltl', (o) => o.is_ltl],
	['fulfillment', () => false],
];

const TEXT_FILTERS: Array<[string, (office: Office) => unknown]> = [
	['code', (o) => o.code],
	['postal_code', (o) => o.location.postal_code],
	['city_code', (o) => o.location.city_code],
	['country_code', (o) => o.location.country_code],
	['region_code', (o) => o.location.region_code],
	['fias_guid', (o) => o.location.fias_guid],
];

/** A whole number ≥ 0 from the query, undefined when absent, NaN when not a number. */
function count(query: URLSearchParams, name: string): number | undefined {
	const value = query.get(name);
	if (value === null || value === '') return undefined;
	return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

function offices(ctx: RequestContext): HandlerResult {
	const { query } = ctx;
	const type = (query.get('type') ?? 'ALL').toUpperCase();
	if (!['PVZ', 'POSTAMAT', 'ALL'].includes(type))
		return badRequest('v2_invalid_format', messages.invalidFormat(query.get('type') ?? '', 'type'));
	const checks: Array<(office: Office) => boolean> = [];
	if (type !== 'ALL') checks.push((office) => office.type === type);
	for (const [name, read] of OFFICE_FLAGS) {
		const wanted = flag(query, name);
		if (wanted === 'invalid')
			return badRequest('v2_invalid_format', messages.invalidFormat(query.get(name) ?? '', name));
		if (wanted !== undefined) checks.push((office) => read(office) === wanted);
	}
	for (const [name, read] of TEXT_FILTERS) {
		const wanted = query.get(name);
		if (wanted !== null && wanted !== '')
			checks.push((office) => String(read(office)).toUpperCase() === wanted.toUpperCase());
	}
	const weightMax = count(query, 'weight_max');
	const weightMin = count(query, 'weight_min');
	const size = count(query, 'size');
	const page = count(query, 'page');
	for (const [name, value] of Object.entries({
		weight_max: weightMax,
		weight_min: weightMin,
		size,
		page,
	})) {
		if (Number.isNaN(value))
			return badRequest('v2_invalid_format', messages.invalidFormat(query.get(name) ?? '', name));
	}
	if (weightMax !== undefined)
		checks.push((office) =>
			weightMax === 0 ? office.weight_max > 0 : office.weight_max >= weightMax,
		);
	if (weightMin !== undefined) checks.push((office) => office.weight_min <= weightMin);

	const found = OFFICES.filter((office) => checks.every((check) => check(office)));
	// Without `size` the whole filtered list comes back on one page (docs/reference/cdek-api.md §14, UNVERIFIED).
	const pageSize = size ? size : Math.max(found.length, 1);
	const current = size ? (page ?? 0) : 0;
	const slice = found.slice(current * pageSize, (current + 1) * pageSize);
	return json(200, slice, {
		'X-Current-Page': String(current),
		'X-Total-Elements': String(found.length),
		'X-Total-Pages': String(Math.ceil(found.length / pageSize)),
	});
}

function cities(ctx: RequestContext): HandlerResult {
	const { query } = ctx;
	const size = count(query, 'size');
	const page = count(query, 'page');
	if (Number.isNaN(size))
		return badRequest('v2_invalid_format', messages.invalidFormat(query.get('size') ?? '', 'size'));
	if (Number.isNaN(page))
		return badRequest('v2_invalid_format', messages.invalidFormat(query.get('page') ?? '', 'page'));
	if (size !== undefined && size > MAX_CITY_PAGE)
		return badRequest('v2_exceeded_size', `The size parameter cannot exceed ${MAX_CITY_PAGE}`);
	// `size` is required when `page` is given (docs/reference/cdek-api.md §15).
	if (page !== undefined && size === undefined)
		return badRequest('v2_field_is_empty', messages.fieldIsEmpty('size'));

	const countries = (query.get('country_codes') ?? '')
		.split(',')
		.map((code) => code.trim().toUpperCase())
		.filter(Boolean);
	const name = query.get('city');
	const filters: Array<[string | null, (place: (typeof PLACES)[number]) => unknown]> = [
		[query.get('code'), (p) => p.code],
		[query.get('postal_code'), (p) => p.postal_code],
		[query.get('region_code'), (p) => p.region_code],
		[query.get('fias_guid'), (p) => p.fias_guid],
	];
	const found = PLACES.filter(
		(place) =>
			(countries.length === 0 || countries.includes(place.country_code)) &&
			(!name || normalizeName(place.city) === normalizeName(name)) &&
			filters.every(([wanted, read]) => !wanted || String(read(place)) === wanted.trim()),
	);
	const pageSize = size || DEFAULT_CITY_PAGE;
	const current = page ?? 0;
	return json(200, found.slice(current * pageSize, (current + 1) * pageSize).map(renderPlace));
}

export function registerLocationRoutes(router: Router): void {
	router.add('GET', '/v2/deliverypoints', offices);
	router.add('GET', '/v2/location/cities', cities);
}
