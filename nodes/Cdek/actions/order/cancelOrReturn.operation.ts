import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common.description';
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
import { clientReturnRequest, tariffCodeProperty } from './createClientReturn.operation';

const properties: INodeProperties[] = [
	orderLocator(),
	{
		...tariffCodeProperty,
		required: false,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description:
			'Used only when the order turns out to be delivered and the customer sends it back (a client return): a tariff of your contract, e.g. 136. 0 = none: such an order then fails with a clear message and nothing is sent.',
	},
	optionsProperty('create'),
];

export const option = {
	name: 'Cancel or Return (Auto)',
	value: 'cancelOrReturn',
	description:
		'Get an order back the right way for its status: Delete before it ships (free), Create Refusal while on its way, Create Client Return once delivered, nothing once closed',
	action: 'Cancel or return an order',
};

export const subtitle = 'Cancel or Return';

export const since = 2;

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

export function prepare(this: IExecuteFunctions, itemIndex: number): CancelOrReturnPlan {
	const value = this.getNodeParameter('tariffCode', itemIndex, 0) as unknown;
	const given = !(value === 0 || value === '' || value === null || value === undefined);
	return {
		order: readOrderRef.call(this, itemIndex),
		tariff: given
			? tariffCode({ node: this.getNode(), itemIndex, label: 'Tariff Code', value })
			: undefined,
		options: itemOptions.call(this, itemIndex),
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
	if (way.action === 'none')
		return { json: { ...about, reason: way.reason, alternative: way.alternative } };

	const request = (uuid: string): CdekRequest => {
		if (way.action === 'delete') return { method: 'DELETE', path: `/orders/${uuid}` };
		if (way.action === 'refusal') return { method: 'POST', path: `/orders/${uuid}/refusal` };
		if (tariff === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Tariff Code is needed: ${describeOrderRef(ref)} is DELIVERED, so it comes back as a client return, which needs a tariff [item ${itemIndex}]`,
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
