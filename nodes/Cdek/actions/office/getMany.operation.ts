import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	countryCodeFilter,
	optionsProperties,
	postalCodeFilter,
	returnAllProperties,
	simplifyProperty,
} from '../../descriptions/common.description';
import { listPlan, readList } from '../../helpers/paging';
import type { ListPlan } from '../../helpers/paging';
import { simplifyOffice } from '../../helpers/simplify-places';
import {
	cityCode,
	countryCode,
	invalidParameter,
	optionalText,
	parameterOf,
	SOME_TEXT,
} from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { CITY_LOOKUP, OPERATION_NAMES } from '../../transport/operation-names';

/** Offices per request when walking CDEK's pages (docs/reference/cdek-api.md §14). */
export const OFFICE_PAGE_SIZE = 500;

const TYPES = new Set(['ALL', 'PVZ', 'POSTAMAT']);

const properties: INodeProperties[] = [
	{
		displayName: 'City Code',
		name: 'cityCode',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 44,
		description: `CDEK city code whose pickup points to list, e.g. 44 (Moscow) or 270 (Novosibirsk); ${CITY_LOOKUP} finds it`,
	},
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Accepts Parcels',
				name: 'acceptsParcels',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only points that accept parcels from senders (is_reception): where a customer can hand in a return. Version 2 does so even without this filter; add it and turn it off to list every point.',
			},
			countryCodeFilter,
			postalCodeFilter('Only points with this postal code'),
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'All', value: 'ALL' },
					{ name: 'Pickup Point (PVZ)', value: 'PVZ' },
					{ name: 'Parcel Locker (POSTAMAT)', value: 'POSTAMAT' },
				],
				default: 'ALL',
			},
		],
	},
	simplifyProperty,
	...optionsProperties('list'),
];

export const option = {
	name: OPERATION_NAMES.office.getMany,
	value: 'getMany',
	description:
		'List CDEK pickup points and parcel lockers of a city, e.g. those that accept parcels, where a customer can hand in a return',
	action: OPERATION_NAMES.office.getMany,
};

export const subtitle = OPERATION_NAMES.office.getMany;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		description:
			'List CDEK pickup points and parcel lockers of a city, e.g. those that accept parcels, where a customer can hand in a return',
		action: 'Get many pickup points',
	},
	subtitle: 'Get Pickup Points',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'List CDEK pickup points and parcel lockers of a city (by CDEK city code) with their code, address and working hours, e.g. those that accept parcels, where a customer can hand in a return.';

export const description = updateDisplayOptions(
	{ show: { resource: ['office'], operation: ['getMany'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): ListPlan {
	const node = this.getNode();
	const parameter = parameterOf(node, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		city_code: cityCode(parameter('City Code', this.getNodeParameter('cityCode', itemIndex, 0))),
	};
	const type = String(filters.type ?? 'ALL');
	if (!TYPES.has(type))
		throw invalidParameter(parameter('Type', filters.type), 'ALL, PVZ or POSTAMAT');
	if (type !== 'ALL') qs.type = type;
	// CDEK takes "true"/"1" (docs/reference/cdek-api.md §14); off means "any", not "only those that do not".
	// Version 2 lists only points where a customer can hand a parcel in unless the filter is turned off.
	const acceptsParcels = filters.acceptsParcels ?? version >= 2;
	if (acceptsParcels === true) qs.is_reception = 'true';
	const postalCode = optionalText(parameter('Postal Code', filters.postalCode), SOME_TEXT);
	if (postalCode) qs.postal_code = postalCode;
	const country = countryCode(parameter('Country Code', filters.countryCode));
	if (country) qs.country_code = country;
	return listPlan.call(this, itemIndex, version, qs);
}

/** GET /deliverypoints page by page (docs/reference/cdek-api.md §14): one item per office. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: ListPlan,
): Promise<OperationOutput[]> {
	return await readList.call(
		this,
		client,
		itemIndex,
		{ path: '/deliverypoints', pageSize: OFFICE_PAGE_SIZE, simplify: simplifyOffice },
		plan,
	);
}
