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
import { simplifyCity } from '../../helpers/simplify-places';
import { countryCode, optionalText, parameterOf, SOME_TEXT } from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES } from '../../transport/operation-names';

/** Cities per request: CDEK's default page size; at most 10 000 (docs/reference/cdek-api.md §15). */
export const CITY_PAGE_SIZE = 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Новосибирск',
		description:
			'The whole name of the city as CDEK spells it (e.g. Новосибирск, not Новосиб); several places can share a name. Empty: every city (narrow it with Filters).',
	},
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [countryCodeFilter, postalCodeFilter('Only the city with this postal code')],
	},
	simplifyProperty,
	...optionsProperties('list'),
];

export const option = {
	name: OPERATION_NAMES.city.getMany,
	value: 'getMany',
	description:
		"Find CDEK's city codes by name, e.g. the customer's city, to calculate tariffs or list pickup points",
	action: OPERATION_NAMES.city.getMany,
};

export const subtitle = OPERATION_NAMES.city.getMany;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		description:
			"Find CDEK's city codes by name, e.g. the customer's city, to calculate tariffs or list pickup points",
		action: 'Get many cities',
	},
	subtitle: 'Get Cities',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	"Find CDEK's city code of a city by its name (e.g. Новосибирск): the tariff, pickup point and courier tools need the code, not the name.";

export const description = updateDisplayOptions(
	{ show: { resource: ['city'], operation: ['getMany'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): ListPlan {
	const node = this.getNode();
	const parameter = parameterOf(node, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const name = optionalText(
		parameter('Name', this.getNodeParameter('name', itemIndex, '')),
		SOME_TEXT,
	);
	if (name) qs.city = name;
	const country = countryCode(parameter('Country Code', filters.countryCode));
	if (country) qs.country_codes = country;
	const postalCode = optionalText(parameter('Postal Code', filters.postalCode), SOME_TEXT);
	if (postalCode) qs.postal_code = postalCode;
	return listPlan.call(this, itemIndex, version, qs);
}

/** GET /location/cities page by page, 0-based, until a page comes back short or empty (docs/reference/cdek-api.md §15). */
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
		{ path: '/location/cities', pageSize: CITY_PAGE_SIZE, simplify: simplifyCity },
		plan,
	);
}
