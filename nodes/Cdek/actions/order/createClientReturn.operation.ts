import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperty,
	orderUuidProperty,
} from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { orderOutput, prepareOrderRequest, registerOnOrder } from '../../helpers/registration';
import type { OrderRequestPlan } from '../../helpers/registration';
import { tariffCode } from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';

/** The Tariff Code parameter; Cancel or Return uses it too, where only a delivered order needs it. */
export const tariffCodeProperty: INodeProperties = {
	displayName: 'Tariff Code',
	name: 'tariffCode',
	type: 'number',
	required: true,
	default: 0,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	placeholder: 'e.g. 136',
	description:
		'The CDEK tariff for the return shipment, one available under your contract (e.g. 136 parcel office-office, 137 office-door, 139 door-door)',
};

/**
 * Version 2: the contract's tariffs as a list (methods.loadOptions.getTariffs, GET /calculator/alltariffs), each
 * named with its delivery mode; an expression may still give the code. Version 1 keeps its number field.
 */
const tariffListProperty: INodeProperties = {
	displayName: 'Tariff Code Name or ID',
	name: 'tariffCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTariffs' },
	required: true,
	default: '',
	description:
		'The CDEK tariff for the return shipment, one of your contract (e.g. 136 parcel office → office); Tariff → Calculate finds the cheapest for a route. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	displayOptions: fromVersion2,
};

const properties: INodeProperties[] = [
	{
		...orderUuidProperty,
		description: `${orderUuidProperty.description} The order must be delivered (status DELIVERED) and be an online-store order.`,
		displayOptions: onlyInVersion1,
	},
	orderLocator('It must be delivered (status DELIVERED) and be an online-store order'),
	{ ...tariffCodeProperty, displayOptions: onlyInVersion1 },
	tariffListProperty,
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

/** POST /orders/{uuid}/clientReturn with {tariff_code} (docs/reference/cdek-api.md §4): the customer returns a delivered order. */
export function clientReturnRequest(orderUuid: string, tariff: number): CdekRequest {
	return {
		method: 'POST',
		path: `/orders/${orderUuid}/clientReturn`,
		body: { tariff_code: tariff },
	};
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: ClientReturnPlan,
): Promise<OperationOutput> {
	const { orderUuid, json } = await registerOnOrder.call(
		this,
		itemIndex,
		client,
		{
			type: 'CREATE_CLIENT_RETURN',
			order: plan.order,
			request: (uuid) => clientReturnRequest(uuid, plan.tariff),
		},
		plan.options,
	);
	return orderOutput(plan, orderUuid, json);
}
