import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { DEFAULT_LABEL_POLL_INTERVAL_SECONDS, itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { describeOrderRef, readOrderRef } from '../../helpers/order-locator';
import type { OrderRef } from '../../helpers/order-locator';
import type { OrderView } from '../../helpers/order-state';
import { LABEL_TYPES, downloadPdf, makePrintForm, printSettings } from '../../helpers/print-form';
import type { LabelType } from '../../helpers/print-form';
import { readOrder } from '../../helpers/registration';
import { invalidParameter } from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';
import { itemTag } from '../../transport/item-tag';
import type { OperationOutput } from '../node.type';
import { OPERATION_NAMES, ORDER_OPERATIONS, quoted } from '../../transport/operation-names';

const properties: INodeProperties[] = [
	orderLocator('The order the customer bought (its return is printed) or the return order itself'),
	{
		displayName: 'Label Type',
		name: 'labelType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Barcode Label (ШК Места)',
				value: 'barcode',
				description: 'The package label the customer sticks on the parcel',
			},
			{
				name: 'Waybill (Квитанция)',
				value: 'waybill',
				description: 'The receipt: one copy goes with the parcel, one stays with the sender',
			},
		],
		default: 'barcode',
	},
	...optionsProperties('label'),
];

export const option = {
	name: OPERATION_NAMES.order.getLabel,
	value: 'getLabel',
	description:
		"Print the label or waybill of an order's return as a PDF file, for the customer to stick on the parcel going back",
	action: OPERATION_NAMES.order.getLabel,
};

export const subtitle = OPERATION_NAMES.order.getLabel;

export const since = 2;

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	"Print the label of an order for the customer, e.g. the barcode label of a registered return, given the order's shop number, CDEK number or UUID. Answers with the order's numbers and the PDF's file name once CDEK made it (stillProcessing: true when CDEK needs longer: ask again later).";

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getLabel'] } },
	properties,
);

interface LabelPlan {
	order: OrderRef;
	type: LabelType;
	settings: IDataObject;
	binaryProperty: string;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): LabelPlan {
	const node = this.getNode();
	const type = this.getNodeParameter('labelType', itemIndex, 'barcode') as LabelType;
	if (!(type in LABEL_TYPES))
		throw invalidParameter(
			{ node, itemIndex, label: 'Label Type', value: type },
			'"barcode" or "waybill"',
		);
	const raw = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const binaryProperty = raw.binaryPropertyName ?? 'data';
	if (typeof binaryProperty !== 'string' || !/^[\w.-]{1,100}$/.test(binaryProperty.trim()))
		throw invalidParameter(
			{ node, itemIndex, label: 'Put Output File in Field', value: binaryProperty },
			'a field name of letters, digits, "_", "-" or "." such as data',
		);
	return {
		order: readOrderRef.call(this, itemIndex),
		type,
		settings: printSettings(type, raw),
		binaryProperty: binaryProperty.trim(),
		options: itemOptions.call(this, itemIndex, version, {
			pollIntervalLabel: 'Poll Interval (Seconds)',
			waitTimeoutLabel: 'Time Limit (Seconds)',
			defaultPollIntervalSeconds: DEFAULT_LABEL_POLL_INTERVAL_SECONDS,
			inOptions: true,
		}),
	};
}

/** True for an order that is itself a return: after a refusal (is_return) or a customer's return (is_client_return). */
const isReturnOrder = (order: OrderView) =>
	order.entity.is_return === true || order.entity.is_client_return === true;

/**
 * The order whose label goes on the parcel coming back: a return order itself, or the return CDEK linked to the
 * order the customer bought (related_entities return_order / client_return_order, docs/reference/cdek-api.md §5).
 * Without a return there is nothing to print: the outbound label would send the parcel to the customer again.
 */
async function returnOrderOf(
	this: IExecuteFunctions,
	client: CdekClient,
	itemIndex: number,
	ref: OrderRef,
	order: OrderView,
	options: ItemOptions,
): Promise<OrderView> {
	if (isReturnOrder(order)) return order;
	const returnUuid = order.returnOrderUuid;
	if (returnUuid)
		return await readOrder.call(this, client, itemIndex, { by: 'uuid', uuid: returnUuid }, options);
	const shopNumber = typeof order.entity.number === 'string' ? order.entity.number : undefined;
	const named =
		ref.by === 'imNumber' || !shopNumber ? describeOrderRef(ref) : `order ${shopNumber}`;
	throw new NodeOperationError(
		this.getNode(),
		`No return registered for ${named} yet, so there is no return label to print ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description: `Nothing was printed. Register the return first: ${quoted(ORDER_OPERATIONS.createClientReturn)} for a delivered order, or ${quoted(ORDER_OPERATIONS.cancelOrReturn)}, which chooses by the order's status (or ${quoted(ORDER_OPERATIONS.create)} for some items only). Then get the label again with the same order.`,
		},
	);
}

/**
 * Finds the return order (returnOrderOf), creates its print form (POST /print/barcodes or /print/orders), waits until it is READY and
 * downloads the PDF with the token (docs/reference/cdek-api.md §11).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ order: ref, type, settings, binaryProperty, options }: LabelPlan,
): Promise<OperationOutput> {
	const bought = await readOrder.call(this, client, itemIndex, ref, options);
	let order = await returnOrderOf.call(this, client, itemIndex, ref, bought, options);
	const outcome = await makePrintForm.call(
		this,
		itemIndex,
		client,
		type,
		order.uuid,
		settings,
		options,
	);
	// A return order numbered while we waited: read it again for the number the file is named after.
	if (outcome.state === 'ready' && !order.entity.cdek_number)
		order = await readOrder.call(
			this,
			client,
			itemIndex,
			{ by: 'uuid', uuid: order.uuid },
			options,
		);
	const about: IDataObject = {
		orderUuid: order.uuid,
		cdekNumber: (order.entity.cdek_number as string | undefined) ?? null,
		number: (order.entity.number as string | undefined) ?? null,
		labelType: type,
	};
	if (outcome.state === 'stillProcessing') {
		return {
			json: {
				...about,
				printFormUuid: outcome.form?.uuid ?? null,
				stillProcessing: true,
				status: outcome.status,
				message: outcome.message,
			},
		};
	}
	const fileName = `cdek-${LABEL_TYPES[type].file}-${String(about.cdekNumber ?? order.uuid)}.pdf`;
	const binary = await downloadPdf.call(
		this,
		itemIndex,
		client,
		type,
		outcome.form,
		options,
		fileName,
	);
	return {
		json: { ...about, printFormUuid: outcome.form.uuid, fileName, printForm: outcome.form },
		binary: { [binaryProperty]: binary },
	};
}
