import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { describeOrderRef, readOrderRef } from '../../helpers/order-locator';
import type { OrderRef } from '../../helpers/order-locator';
import { readOrder, registerOnOrder } from '../../helpers/registration';
import { wayBack } from '../../helpers/safety-rules';
import { tariffCode } from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { clientReturnRequest, tariffListProperty } from './createClientReturn.operation';
import { itemTag } from '../../transport/item-tag';
import { OPERATION_NAMES } from '../../transport/operation-names';

const properties: INodeProperties[] = [
	orderLocator(),
	{
		...tariffListProperty,
		required: false,
		hint: 'Only for a delivered order, which comes back as a customer return: a tariff of your contract, e.g. 136 (office → office). Empty: such an order fails with a clear message and nothing is sent.',
	},
	...optionsProperties('create'),
];

export const option = {
	name: OPERATION_NAMES.order.cancelOrReturn,
	value: 'cancelOrReturn',
	description:
		"Let the node choose by the order's status: cancel it before it ships (free), refuse delivery while it is on its way, register the customer's return once delivered, nothing once closed",
	action: OPERATION_NAMES.order.cancelOrReturn,
};

export const subtitle = OPERATION_NAMES.order.cancelOrReturn;

export const since = 2;

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	"Use this when a customer wants to cancel an order or send it back. Give the order by the shop's order number, CDEK number or UUID: the tool reads the order's status at CDEK and does the one thing that status allows: cancels it free of charge before it ships, refuses delivery while it is on its way (CDEK brings it back to the shop), or registers the customer's return once it was delivered. It never registers the same thing twice (a repeat answers that it is already registered) and does nothing for a closed order. The answer's action says what was done (delete, refusal, clientReturn or none), summary says it in words, nextStep what is left to do. heldBack: true or action none means nothing was done: tell the customer the reason and the alternative.";

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancelOrReturn'] } },
	properties,
);

interface CancelOrReturnPlan {
	order: OrderRef;
	/** Only a delivered order needs it; checked here when given, and when needed once the status is known. */
	tariff?: number;
	options: ItemOptions;
}

export function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
): CancelOrReturnPlan {
	const value = this.getNodeParameter('tariffCode', itemIndex, 0) as unknown;
	const given = !(value === 0 || value === '' || value === null || value === undefined);
	return {
		order: readOrderRef.call(this, itemIndex),
		tariff: given
			? tariffCode({ node: this.getNode(), itemIndex, label: 'Tariff Code', value })
			: undefined,
		options: itemOptions.call(this, itemIndex, version),
	};
}

/**
 * Reads the order once and does what its status allows (docs/reference/cdek-api.md §5 table, §10), through the same
 * registration as the single operations (duplicates, never sent twice, the verdict). `action` says what was done.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ order: ref, tariff, options }: CancelOrReturnPlan,
): Promise<OperationOutput> {
	const order = await readOrder.call(this, client, itemIndex, ref, options);
	const way = wayBack(order);
	const about = { action: way.action, orderUuid: order.uuid, orderStatus: order.status ?? null };
	if (way.action === 'none') {
		const { reason, alternative } = way;
		const summary = `Nothing sent: ${reason}`;
		return { json: { ...about, summary, nextStep: alternative, reason, alternative } };
	}

	const request = (uuid: string): CdekRequest => {
		if (way.action === 'delete') return { method: 'DELETE', path: `/orders/${uuid}` };
		if (way.action === 'refusal') return { method: 'POST', path: `/orders/${uuid}/refusal` };
		if (tariff === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Tariff Code is needed: ${describeOrderRef(ref)} is DELIVERED, so it comes back as a client return, which needs a tariff ${itemTag(itemIndex)}`,
				{
					itemIndex,
					description:
						'Nothing was sent to CDEK. Set "Tariff Code" to a tariff of your contract (e.g. 136, parcel office to office) and run this item again.',
				},
			);
		}
		return clientReturnRequest(uuid, tariff);
	};
	// The status was read just now and decided the action: the Safety Check runs on that read, not a second one.
	const { json } = await registerOnOrder.call(
		this,
		itemIndex,
		client,
		{ type: way.type, order: { by: 'uuid', uuid: order.uuid }, request },
		{ ...options, safetyCheck: true },
		order,
	);
	return { json: { ...about, ...json } };
}
