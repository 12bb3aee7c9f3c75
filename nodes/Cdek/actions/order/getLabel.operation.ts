import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { orderLocator } from '../../descriptions/order-locator.description';
import { DEFAULT_LABEL_POLL_INTERVAL_SECONDS, itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { readOrderRef } from '../../helpers/order-locator';
import type { OrderRef } from '../../helpers/order-locator';
import { LABEL_TYPES, downloadPdf, makePrintForm, printSettings } from '../../helpers/print-form';
import type { LabelType } from '../../helpers/print-form';
import { readOrder } from '../../helpers/registration';
import { invalidParameter } from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';
import type { OperationOutput } from '../node.type';

const properties: INodeProperties[] = [
	orderLocator(
		'For a return, the return order (e.g. "returnOrderUuid" from Create Client Return with Wait for Verdict): its label goes on the parcel',
	),
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
	name: 'Get Return Label PDF',
	value: 'getLabel',
	description:
		'Print a CDEK barcode label or waybill for an order and output it as a PDF file, e.g. for a customer who sends a return',
	action: 'Get a return label PDF for an order',
};

export const subtitle = 'Get Return Label PDF';

export const since = 2;

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

export function prepare(this: IExecuteFunctions, itemIndex: number): LabelPlan {
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
		options: itemOptions.call(this, itemIndex, {
			pollIntervalLabel: 'Poll Interval (Seconds)',
			waitTimeoutLabel: 'Time Limit (Seconds)',
			defaultPollIntervalSeconds: DEFAULT_LABEL_POLL_INTERVAL_SECONDS,
			inOptions: true,
		}),
	};
}

/**
 * Looks the order up, creates its print form (POST /print/barcodes or /print/orders), waits until it is READY and
 * downloads the PDF with the token (docs/reference/cdek-api.md §11).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	{ order: ref, type, settings, binaryProperty, options }: LabelPlan,
): Promise<OperationOutput> {
	let order = await readOrder.call(this, client, itemIndex, ref, options);
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
