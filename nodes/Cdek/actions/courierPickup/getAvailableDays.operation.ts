import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { failOnReportedErrors, output } from '../../helpers/output';
import { calendarDate } from '../../helpers/pickup-time';
import {
	cityCode,
	invalidParameter,
	optionalText,
	parameterOf,
	SOME_TEXT,
} from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES } from '../../transport/operation-names';

const ownOptions: INodeProperties[] = [
	{
		displayName: 'Address',
		name: 'address',
		type: 'string',
		default: '',
		placeholder: 'e.g. Новосибирск, Красный пр., 1',
		description: 'Where the courier would come, with the city, when City Code is 0',
	},
	{
		displayName: 'Until Date',
		name: 'untilDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-05-31',
		description: 'Last day to list, YYYY-MM-DD; CDEK lists two weeks by default',
	},
];

const properties: INodeProperties[] = [
	{
		displayName: 'City Code',
		name: 'cityCode',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 44,
		description:
			'CDEK city code where the courier would come, e.g. 270 (Novosibirsk); 0 = give an Address under Options',
	},
	...optionsProperties('read', ownOptions),
];

export const option = {
	name: OPERATION_NAMES.courierPickup.getAvailableDays,
	value: 'getAvailableDays',
	description: 'List the days on which a CDEK courier can come to a city, to choose a pickup date',
	action: OPERATION_NAMES.courierPickup.getAvailableDays,
};

export const subtitle = OPERATION_NAMES.courierPickup.getAvailableDays;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Get Available Days',
		value: 'getAvailableDays',
		description:
			'List the days on which a CDEK courier can come to a city, to choose a pickup date',
		action: 'Get available days for a courier pickup',
	},
	subtitle: 'Get Courier Pickup Days',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'List the days on which a CDEK courier can come to a city or an address, to choose a pickup date.';

export const description = updateDisplayOptions(
	{ show: { resource: ['courierPickup'], operation: ['getAvailableDays'] } },
	properties,
);

interface DaysPlan {
	request: CdekRequest;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): DaysPlan {
	const node = this.getNode();
	const parameter = parameterOf(node, itemIndex);
	const own = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const code = this.getNodeParameter('cityCode', itemIndex, 0) as unknown;
	const address = optionalText(parameter('Address', own.address), SOME_TEXT);
	let from: IDataObject;
	if (code !== 0 && code !== '' && code !== null && code !== undefined)
		from = { code: cityCode(parameter('City Code', code)) };
	else if (address) from = { address };
	else
		throw invalidParameter(
			parameter('City Code', code),
			'a CDEK city code (a positive whole number such as 44), or an Address under Options',
		);
	const body: IDataObject = { from_location: from };
	if (own.untilDate !== undefined && own.untilDate !== '') {
		const date = calendarDate(own.untilDate);
		if (!date)
			throw invalidParameter(
				parameter('Until Date', own.untilDate),
				'a date that exists, written YYYY-MM-DD',
			);
		body.date = date;
	}
	return {
		request: { method: 'POST', path: '/intakes/availableDays', body },
		options: itemOptions.call(this, itemIndex, version),
	};
}

/** POST /intakes/availableDays (docs/reference/cdek-api.md §12): `{date: [...], all_days}`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ request, options }: DaysPlan,
): Promise<OperationOutput> {
	const response = await client.request(itemIndex, request, options);
	failOnReportedErrors(this.getNode(), client.root, itemIndex, request, response);
	return { json: output(response, options.fullResponse) };
}
