import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperties,
} from '../../descriptions/common.description';
import { END_OPTIONS, keepModes, sortTariffs } from '../../helpers/delivery-modes';
import type { End, TariffSort } from '../../helpers/delivery-modes';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { failOnReportedErrors } from '../../helpers/output';
import {
	centimetres,
	cityCode,
	grams,
	invalidParameter,
	optionalText,
	parameterOf,
	SOME_TEXT,
	tariffCode,
} from '../../helpers/validation';
import type { ParameterValue } from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { CITY_LOOKUP, OPERATION_NAMES } from '../../transport/operation-names';

const place = (side: 'From' | 'To', example: string): INodeProperties => ({
	displayName: `${side} City Code`,
	name: `${side.toLowerCase()}CityCode`,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description: `CDEK city code where the parcel ${side === 'From' ? 'starts' : 'ends'}, e.g. ${example}; ${CITY_LOOKUP} finds it. 0 = give ${side} Postal Code or ${side} Address under Options instead.`,
});

/** Version 2: the city by its name (looked up in CDEK's list) or its CDEK code; the parameter's name is version 1's. */
const city = (side: 'From' | 'To', example: string, code: string): INodeProperties => ({
	displayName: `${side} City`,
	name: `${side.toLowerCase()}CityCode`,
	type: 'string',
	default: '',
	placeholder: `e.g. ${example} or ${code}`,
	description: `Where the parcel ${side === 'From' ? 'starts' : 'ends'}: a city name (looked up with ${CITY_LOOKUP}; the first match in Russia is used) or its CDEK code. Empty: give ${side} Postal Code or ${side} Address under Options instead.`,
	displayOptions: fromVersion2,
});

const text = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

/** A package side in whole centimetres, 0 = not given. */
const side = (name: string): INodeProperties => ({
	displayName: `${name} (Cm)`,
	name: name.toLowerCase(),
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description: '0 = not given',
});

const calculatorOptions: INodeProperties[] = [
	{
		displayName: 'Tariff Code',
		name: 'tariffCode',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 136,
		description:
			'Calculate only this tariff of your contract (e.g. 136) instead of every tariff the route allows',
	},
	text('From Postal Code', 'fromPostalCode', 'Where the parcel starts, when From City Code is 0'),
	text(
		'From Address',
		'fromAddress',
		'Where the parcel starts, with the city (e.g. Новосибирск, Красный пр., 1), when From City Code and From Postal Code are empty',
	),
	text('To Postal Code', 'toPostalCode', 'Where the parcel ends, when To City Code is 0'),
	text(
		'To Address',
		'toAddress',
		'Where the parcel ends, with the city, when To City Code and To Postal Code are empty',
	),
	{
		displayName: 'Packages',
		name: 'packages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Package',
		default: {},
		description:
			'Several packages, or sizes: CDEK charges the larger of the real and the volumetric weight. Sent instead of Weight.',
		options: [
			{
				displayName: 'Package',
				name: 'package',
				values: [
					{
						displayName: 'Weight (Grams)',
						name: 'weight',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 1000,
					},
					...['Length', 'Width', 'Height'].map(side),
				],
			},
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		options: [
			{ name: 'Price (Cheapest First)', value: 'price' },
			{ name: 'Period (Fastest First)', value: 'period' },
			{ name: "CDEK's Order", value: 'none' },
		],
		default: 'price',
	},
	{
		displayName: 'Send From',
		name: 'sendFrom',
		type: 'multiOptions',
		options: END_OPTIONS,
		default: [],
		description:
			'Keep only tariffs that start here: a courier at the door, a CDEK office, or a parcel locker. A customer who drops a return at an office needs Office.',
	},
	{
		displayName: 'Deliver To',
		name: 'deliverTo',
		type: 'multiOptions',
		options: END_OPTIONS,
		default: [],
		description: 'Keep only tariffs that end here: the door, a CDEK office, or a parcel locker',
	},
	{
		displayName: 'Language',
		name: 'lang',
		type: 'options',
		options: [
			{ name: 'Russian', value: 'rus' },
			{ name: 'English', value: 'eng' },
		],
		default: 'rus',
		description: 'Language of the tariff names',
	},
];

const properties: INodeProperties[] = [
	{ ...place('From', '270 (Novosibirsk)'), displayOptions: onlyInVersion1 },
	city('From', 'Новосибирск', '270'),
	{ ...place('To', '44 (Moscow)'), displayOptions: onlyInVersion1 },
	city('To', 'Москва', '44'),
	{
		displayName: 'Weight (Grams)',
		name: 'weight',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1000,
		description:
			'Weight of the parcel in grams; for several packages or sizes use Options → Packages',
	},
	...optionsProperties('list', calculatorOptions),
];

export const option = {
	name: OPERATION_NAMES.tariff.calculate,
	value: 'calculate',
	description:
		'Price and delivery time of the tariffs CDEK offers between two places, one item per tariff, e.g. to pick the cheapest return tariff',
	action: OPERATION_NAMES.tariff.calculate,
};

export const subtitle = OPERATION_NAMES.tariff.calculate;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Calculate',
		value: 'calculate',
		description:
			'Price and delivery time of the tariffs CDEK offers between two places, one item per tariff, e.g. to pick the cheapest return tariff',
		action: 'Calculate tariffs for a route',
	},
	subtitle: 'Calculate Tariffs',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Price and delivery time of the CDEK tariffs between two cities (CDEK city codes) for a parcel of a given weight, one entry per tariff, cheapest first by default. Use it to tell a customer what a return costs and how long it takes; find city codes with the city tool.';

export const description = updateDisplayOptions(
	{ show: { resource: ['tariff'], operation: ['calculate'] } },
	properties,
);

const ENDS = new Set(['door', 'office', 'locker']);
const SORTS = new Set(['price', 'period', 'none']);

interface CalculatePlan {
	request: CdekRequest;
	/** A single tariff: POST /calculator/tariff answers one result without its code. */
	tariff?: number;
	sortBy: TariffSort;
	sendFrom: End[];
	deliverTo: End[];
	/** Version 2: price and days named with their units first. */
	withUnits: boolean;
	options: ItemOptions;
}

/** A place by CDEK city code, else postal code, else address (docs/reference/cdek-api.md §13). */
function location(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
	side: 'From' | 'To',
	options: IDataObject,
): IDataObject {
	const node = this.getNode();
	const prefix = side.toLowerCase();
	const parameter = parameterOf(node, itemIndex);
	const code = this.getNodeParameter(`${prefix}CityCode`, itemIndex, 0) as unknown;
	const postalCode = optionalText(
		parameter(`${side} Postal Code`, options[`${prefix}PostalCode`]),
		SOME_TEXT,
	);
	const address = optionalText(
		parameter(`${side} Address`, options[`${prefix}Address`]),
		SOME_TEXT,
	);
	const label = version >= 2 ? `${side} City` : `${side} City Code`;
	const typed = typeof code === 'string' ? code.trim() : code;
	if (version >= 2 && typeof typed === 'string' && typed !== '' && !/^\d+$/.test(typed))
		return { cityName: optionalText(parameter(label, typed), SOME_TEXT) };
	if (typed !== 0 && typed !== '' && typed !== undefined && typed !== null)
		return { code: cityCode(parameter(label, typed)) };
	if (postalCode) return { postal_code: postalCode };
	if (address) return { address };
	throw invalidParameter(
		parameter(label, code),
		version >= 2
			? `a city name such as Москва or a CDEK city code such as 44, or ${side} Postal Code or ${side} Address under Options`
			: `a CDEK city code (a positive whole number such as 44; ${CITY_LOOKUP} finds it), or ${side} Postal Code or ${side} Address under Options`,
	);
}

function packages(this: IExecuteFunctions, itemIndex: number, options: IDataObject): IDataObject[] {
	const node = this.getNode();
	const listed = ((options.packages as IDataObject | undefined)?.package as IDataObject[]) ?? [];
	if (listed.length === 0) {
		const value = this.getNodeParameter('weight', itemIndex, 0) as unknown;
		return [{ weight: grams({ node, itemIndex, label: 'Weight (Grams)', value }) }];
	}
	return listed.map((pkg, index) => {
		const label = (name: string) => `Packages → Package ${index + 1} → ${name}`;
		const result: IDataObject = {
			weight: grams({ node, itemIndex, label: label('Weight (Grams)'), value: pkg.weight }),
		};
		for (const side of ['length', 'width', 'height']) {
			const name = `${side[0].toUpperCase()}${side.slice(1)} (Cm)`;
			const size = centimetres({ node, itemIndex, label: label(name), value: pkg[side] ?? 0 });
			if (size > 0) result[side] = size;
		}
		return result;
	});
}

function ends(parameter: ParameterValue): End[] {
	const { value } = parameter;
	if (value === undefined || value === null || value === '') return [];
	if (!Array.isArray(value) || !value.every((end) => ENDS.has(String(end))))
		throw invalidParameter(parameter, 'a list of door, office and locker');
	return value as End[];
}

export function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
): CalculatePlan {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const parameter = parameterOf(node, itemIndex);
	const body: IDataObject = {
		from_location: location.call(this, itemIndex, version, 'From', options),
		to_location: location.call(this, itemIndex, version, 'To', options),
		packages: packages.call(this, itemIndex, options),
	};
	if (options.lang === 'eng' || options.lang === 'rus') body.lang = options.lang;
	const tariff =
		options.tariffCode === undefined
			? undefined
			: tariffCode(parameter('Tariff Code', options.tariffCode));
	// Version 2 lists the cheapest first unless told otherwise; version 1 keeps CDEK's order.
	const sortBy = String(options.sortBy ?? (version >= 2 ? 'price' : 'none'));
	if (!SORTS.has(sortBy))
		throw invalidParameter(parameter('Sort By', options.sortBy), 'price, period or none');
	const request: CdekRequest = tariff
		? { method: 'POST', path: '/calculator/tariff', body: { tariff_code: tariff, ...body } }
		: { method: 'POST', path: '/calculator/tarifflist', body };
	return {
		request,
		tariff,
		sortBy: sortBy as TariffSort,
		sendFrom: ends(parameter('Send From', options.sendFrom)),
		deliverTo: ends(parameter('Deliver To', options.deliverTo)),
		withUnits: version >= 2,
		options: itemOptions.call(this, itemIndex, version),
	};
}

/**
 * POST /calculator/tarifflist, or /calculator/tariff for one tariff (docs/reference/cdek-api.md §13): one
 * item per tariff, as CDEK lists it, filtered by where it starts and ends, and sorted.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: CalculatePlan,
): Promise<OperationOutput[]> {
	const request = await withCityCodes.call(this, itemIndex, client, plan);
	const response = await client.request(itemIndex, request, plan.options);
	const inUnits = (row: IDataObject): IDataObject => (plan.withUnits ? withUnits(row) : row);
	if (plan.tariff !== undefined) {
		failOnReportedErrors(this.getNode(), client.root, itemIndex, request, response);
		return [{ json: inUnits({ tariff_code: plan.tariff, ...response.body }) }];
	}
	const rows = ((response.body.tariff_codes as IDataObject[] | undefined) ?? []).filter(
		(row) => typeof row === 'object' && row !== null,
	);
	// Whether CDEK answers "no tariff fits" with 200 or 400 is not known (docs/reference/cdek-api.md §16).
	if (rows.length === 0)
		failOnReportedErrors(this.getNode(), client.root, itemIndex, request, response);
	const kept = sortTariffs(keepModes(rows, plan.sendFrom, plan.deliverTo), plan.sortBy);
	return kept.map((row) => ({ json: inUnits(row) }));
}

/** Version 2's output: the price and the days named with their units first, then CDEK's own fields, unchanged. */
function withUnits(row: IDataObject): IDataObject {
	const figure = (value: unknown) => (typeof value === 'number' ? value : null);
	return {
		tariffCode: row.tariff_code ?? null,
		tariffName: row.tariff_name ?? null,
		priceRub: figure(row.delivery_sum ?? row.total_sum),
		daysMin: figure(row.period_min),
		daysMax: figure(row.period_max),
		...row,
	};
}

/**
 * A city typed by name (version 2) becomes its CDEK code: GET /location/cities?city=…&country_codes=RU, the first
 * match (docs/reference/cdek-api.md §15). No match fails the item naming the field, before the calculation is sent.
 */
async function withCityCodes(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: CalculatePlan,
): Promise<CdekRequest> {
	const body = { ...(plan.request.body as IDataObject) };
	for (const [key, side] of [
		['from_location', 'From'],
		['to_location', 'To'],
	] as const) {
		const place = body[key] as IDataObject;
		if (typeof place.cityName !== 'string') continue;
		const [first] = await client.requestList(
			itemIndex,
			{
				method: 'GET',
				path: '/location/cities',
				qs: { city: place.cityName, country_codes: 'RU', size: 1, page: 0 },
			},
			plan.options,
		);
		if (typeof first?.code !== 'number')
			throw invalidParameter(
				parameterOf(this.getNode(), itemIndex)(`${side} City`, place.cityName),
				`a city CDEK knows in Russia (none is called "${place.cityName}"); check the spelling, or give its CDEK code`,
			);
		body[key] = { code: first.code };
	}
	return { ...plan.request, body };
}
