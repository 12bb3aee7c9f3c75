import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { pickupUuidProperty } from '../../descriptions/pickup.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import type { CdekRequestRecord } from '../../helpers/order-state';
import { readPickupUuid } from '../../helpers/parameters';
import { finishPickup, readPickup } from '../../helpers/pickup-registration';
import { alreadyRegistered } from '../../helpers/duplicate-check';
import type { CdekClient, CdekRequest, CdekResponse } from '../../transport/client';
import { answerError } from '../../transport/failures';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES } from '../../transport/operation-names';

const FINAL_STATUS = 'v2_entity_has_final_status';
const SIMILAR_REQUEST_IN_FLIGHT = 'v2_similar_request_still_processed';

const properties: INodeProperties[] = [pickupUuidProperty, ...optionsProperties('pickup')];

export const option = {
	name: OPERATION_NAMES.courierPickup.delete,
	value: 'delete',
	description: 'Cancel a courier pickup that has not been done yet',
	action: OPERATION_NAMES.courierPickup.delete,
};

export const subtitle = OPERATION_NAMES.courierPickup.delete;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: 'Delete',
		value: 'delete',
		description: 'Cancel a courier pickup that has not been done yet',
		action: 'Delete a courier pickup',
	},
	subtitle: 'Delete Courier Pickup',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Cancel a booked courier pickup, by its UUID, before the courier came.';

export const description = updateDisplayOptions(
	{ show: { resource: ['courierPickup'], operation: ['delete'] } },
	properties,
);

interface DeletePlan {
	pickupUuid: string;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): DeletePlan {
	return {
		pickupUuid: readPickupUuid.call(this, itemIndex),
		options: itemOptions.call(this, itemIndex, version),
	};
}

/** The deletion CDEK already has or made: a DELETE request in flight or done, or the pickup REMOVED. */
async function alreadyDeleted(
	client: CdekClient,
	itemIndex: number,
	pickupUuid: string,
	options: ItemOptions,
): Promise<CdekResponse | undefined> {
	const pickup = await readPickup(client, itemIndex, pickupUuid, options);
	const live = pickup.liveRequest('DELETE');
	if (live) return alreadyRegistered(pickup, live);
	if (pickup.status !== 'REMOVED') return undefined;
	return alreadyRegistered(pickup, { type: 'DELETE', state: 'SUCCESSFUL' } as CdekRequestRecord);
}

/**
 * DELETE /intakes/{uuid}, answered 200 (docs/reference/cdek-api.md §12). A pickup already REMOVED, or a deletion
 * CDEK is still processing, is reported marked alreadyRegistered instead of an error.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ pickupUuid, options }: DeletePlan,
): Promise<OperationOutput> {
	const finish = async (response: CdekResponse) => ({
		json: await finishPickup.call(this, itemIndex, client, 'DELETE', response, options),
	});
	const findDone = async () => await alreadyDeleted(client, itemIndex, pickupUuid, options);
	if (options.preventDuplicates) {
		const done = await findDone();
		if (done) return await finish(done);
	}
	const request: CdekRequest = { method: 'DELETE', path: `/intakes/${pickupUuid}` };
	const response = await client.request(itemIndex, request, {
		...options,
		findApplied: findDone,
		expectedErrors: [FINAL_STATUS, SIMILAR_REQUEST_IN_FLIGHT],
	});
	if (response.statusCode < 400) return await finish(response);
	// CDEK's WordPress plugin reads "final status REMOVED" as "already deleted" (§12); DONE stays an error.
	const done = await findDone();
	if (done) return await finish(done);
	const summary = { method: 'DELETE', url: `${client.root}${request.path}`, itemIndex };
	throw answerError(this.getNode(), summary, response);
}
