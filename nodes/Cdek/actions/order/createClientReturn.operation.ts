import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemOptions, orderUuidProperty, output, readOrderUuid, requestOptionsProperty } from '../../descriptions/common.description';
import { tariffCode } from '../../helpers/validation';
import type { CdekClient } from '../../transport/client';

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
	requestOptionsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['createClientReturn'] } }, properties);

/** POST /orders/{uuid}/clientReturn with {tariff_code} (cdek-api.md §4): the customer returns a delivered order. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: CdekClient): Promise<IDataObject> {
	const uuid = readOrderUuid.call(this, itemIndex);
	const tariff = tariffCode({
		node: this.getNode(),
		itemIndex,
		label: 'Tariff Code',
		value: this.getNodeParameter('tariffCode', itemIndex, 0) as unknown,
	});
	const options = itemOptions.call(this, itemIndex);
	const response = await client.request(
		itemIndex,
		{ method: 'POST', path: `/orders/${uuid}/clientReturn`, body: { tariff_code: tariff } },
		options,
	);
	return output(response, options.fullResponse);
}
