import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	fromVersion2,
	onlyInVersion1,
	optionsProperties,
	orderUuidProperty,
} from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { orderOutput, prepareOrderRequest, registerOnOrder } from '../../helpers/registration';
import type { OrderRequestPlan } from '../../helpers/registration';
import { tariffCode } from '../../helpers/validation';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES, quoted, VERSION_1_NAMES } from '../../transport/operation-names';

/** The Tariff Code parameter; Cancel or Return uses it too, where only a delivered order needs it. */
const tariffCodeProperty: INodeProperties = {
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
 * named with its delivery mode; an expression may still give the code. No default: a missing tariff is an error
 * naming the field and the item, never a code 0 sent to CDEK. Version 1 keeps its number field.
 */
export const tariffListProperty: INodeProperties = {
	displayName: 'Tariff Name or ID',
	name: 'tariffCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTariffs' },
	required: true,
	default: '',
	placeholder: 'e.g. 136 — Посылка склад-склад (office → office)',
	hint: `A tariff of your contract, e.g. 136 (office → office), 137 (office → door), 139 (door → door). Tariff → ${quoted(OPERATION_NAMES.tariff.calculate)} finds the cheapest.`,
	description:
		'The CDEK tariff for the return shipment, one of your contract. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
	...optionsProperties('register'),
];

export const option = {
	name: OPERATION_NAMES.order.createClientReturn,
	value: 'createClientReturn',
	description:
		'The customer sends a delivered order back: register the return with a tariff of your contract',
	action: OPERATION_NAMES.order.createClientReturn,
};

export const subtitle = OPERATION_NAMES.order.createClientReturn;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: VERSION_1_NAMES.createClientReturn,
		value: 'createClientReturn',
		description:
			'Register a return of a delivered order that the customer sends back, with a tariff',
		action: 'Create a client return for an order',
	},
	subtitle: 'Create Client Return',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	"Register a customer's return of a delivered online-store order: CDEK creates a return order the customer hands in at a pickup point. Only for a delivered order; any other is held back with heldBack: true, the reason and the alternative. When unsure whether the order was delivered, look it up first or use the cancel-or-return tool.";

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

export function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
): ClientReturnPlan {
	const tariff = tariffCode({
		node: this.getNode(),
		itemIndex,
		label: 'Tariff Code',
		value: this.getNodeParameter('tariffCode', itemIndex, 0) as unknown,
	});
	return { ...prepareOrderRequest.call(this, itemIndex, version), tariff };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: ClientReturnPlan,
): Promise<OperationOutput> {
	const { orderUuid, number, json } = await registerOnOrder.call(
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
	return orderOutput(plan, orderUuid, json, number);
}
