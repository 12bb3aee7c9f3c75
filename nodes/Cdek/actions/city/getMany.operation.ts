import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	optionsProperty,
	returnAllProperties,
	simplifyProperty,
} from '../../descriptions/common.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { fetchPage, readListSize, readPages } from '../../helpers/paging';
import type { ListSize } from '../../helpers/paging';
import { simplifyCity } from '../../helpers/simplify-places';
import { countryCode, optionalText, SOME_TEXT } from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';
import type { OperationOutput } from '../node.type';

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
		options: [
			{
				displayName: 'Country Code',
				name: 'countryCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. RU',
				description: 'Two-letter country code (ISO 3166-1), e.g. RU, KZ, BY',
			},
			{
				displayName: 'Postal Code',
				name: 'postalCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. 630099',
				description: 'Only the city with this postal code',
			},
		],
	},
	simplifyProperty,
	optionsProperty('list'),
];

export const option = {
	name: 'Get Many',
	value: 'getMany',
	description:
		"Find CDEK's city codes by name, e.g. the customer's city, to calculate tariffs or list pickup points",
	action: 'Get many cities',
};

export const subtitle = 'Get Cities';

export const description = updateDisplayOptions(
	{ show: { resource: ['city'], operation: ['getMany'] } },
	properties,
);

interface CitiesPlan {
	qs: IDataObject;
	size: ListSize;
	simple: boolean;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): CitiesPlan {
	const node = this.getNode();
	const parameter = (label: string, value: unknown) => ({ node, itemIndex, label, value });
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
	return {
		qs,
		size: readListSize.call(this, itemIndex),
		simple: this.getNodeParameter('simple', itemIndex, true) !== false,
		options: itemOptions.call(this, itemIndex),
	};
}

/** GET /location/cities page by page, 0-based, until a page comes back short or empty (docs/reference/cdek-api.md §15). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ qs, size, simple, options }: CitiesPlan,
): Promise<OperationOutput[]> {
	const cities = await readPages.call(
		this,
		itemIndex,
		size,
		CITY_PAGE_SIZE,
		async (page, pageSize) =>
			await fetchPage.call(
				this,
				client,
				itemIndex,
				{ method: 'GET', path: '/location/cities', qs: { ...qs, size: pageSize, page } },
				options,
			),
	);
	return cities.map((city) => ({ json: simple ? simplifyCity(city) : city }));
}
