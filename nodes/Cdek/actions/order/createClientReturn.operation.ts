import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty, orderUuidProperty } from '../../descriptions/common.description';
import { prepareOrderRequest, registerOnOrder } from '../../helpers/registration';
import type { OrderRequestPlan } from '../../helpers/registration';
import { tariffCode } from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';
import type { OperationOutput } from '../node.type';

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} The order must be delivered (status DELIVERED) and be an online-store order.`,
	},
	{
		displayName: 'Tariff Code',
		name: 'tariffCode',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		placeholder: 'e.g. 136',
		description:
			'The CDEK tariff for the return shipment, one available under your contract (e.g. 136 parcel office-office, 137 office-door, 139 door-door)',
	},
	optionsProperty('register'),
];

export const option = {
	name: 'Create Client Return',
	value: 'createClientReturn',
	description: 'Register a return of a delivered order that the customer sends back, with a tariff',
	action: 'Create a client return for an order',
};

export const subtitle = 'Create Client Return';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['createClientReturn'] } },
	properties,
);

interface ClientReturnPlan extends OrderRequestPlan {
	tariff: number;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ClientReturnPlan {
	const tariff = tariffCode({
		node: this.getNode(),
		itemIndex,
		label: 'Tariff Code',
		value: this.getNodeParameter('tariffCode', itemIndex, 0) as unknown,
	});
	return { ...prepareOrderRequest.call(this, itemIndex), tariff };
}

/** POST /orders/{uuid}/clientReturn with {tariff_code} (docs/reference/cdek-api.md §4): the customer returns a delivered order. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ orderUuid, tariff, options }: ClientReturnPlan,
): Promise<OperationOutput> {
	const json = await registerOnOrder.call(
		this,
		itemIndex,
		client,
		{
			type: 'CREATE_CLIENT_RETURN',
			orderUuid,
			request: {
				method: 'POST',
				path: `/orders/${orderUuid}/clientReturn`,
				body: { tariff_code: tariff },
			},
		},
		options,
	);
	return { json };
}
