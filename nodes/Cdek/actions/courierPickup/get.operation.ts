import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { pickupUuidProperty } from '../../descriptions/pickup.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { output } from '../../helpers/output';
import { readPickupUuid } from '../../helpers/parameters';
import type { CdekClient } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES } from '../../transport/operation-names';

const properties: INodeProperties[] = [pickupUuidProperty, ...optionsProperties('read')];

export const option = {
	name: OPERATION_NAMES.courierPickup.get,
	value: 'get',
	description:
		'Read a courier pickup: its date and window, its number and its statuses (newest first)',
	action: OPERATION_NAMES.courierPickup.get,
};

export const subtitle = OPERATION_NAMES.courierPickup.get;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Get',
		value: 'get',
		description:
			'Read a courier pickup: its date and window, its number and its statuses (newest first)',
		action: 'Get a courier pickup',
	},
	subtitle: 'Get Courier Pickup',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Read a booked courier pickup by its UUID: its date, time window, number and status.';

export const description = updateDisplayOptions(
	{ show: { resource: ['courierPickup'], operation: ['get'] } },
	properties,
);

interface PickupPlan {
	pickupUuid: string;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): PickupPlan {
	return {
		pickupUuid: readPickupUuid.call(this, itemIndex),
		options: itemOptions.call(this, itemIndex, version),
	};
}

/** GET /intakes/{uuid} (docs/reference/cdek-api.md §12). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ pickupUuid, options }: PickupPlan,
): Promise<OperationOutput> {
	const response = await client.request(
		itemIndex,
		{ method: 'GET', path: `/intakes/${pickupUuid}` },
		options,
	);
	return { json: output(response, options.fullResponse) };
}
