import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CdekResponse, RequestOptions } from '../transport/client';
import { DEFAULT_TIMEOUT_MS } from '../transport/client';
import * as validate from '../helpers/validation';

export const orderUuidProperty: INodeProperties = {
	displayName: 'Order UUID',
	name: 'orderUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 72753031-1820-4f99-9240-aab139f05ca5',
	description:
		'The CDEK order UUID (entity.uuid) that CDEK returned when the order was created. Use "Get" by shop order number to find it.',
};

export const requestOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Include Response Headers and Status',
			name: 'fullResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to output {statusCode, headers, body} instead of only CDEK\'s response body',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'Time in milliseconds to wait for each CDEK answer before giving up',
		},
	],
};

interface ItemOptions extends RequestOptions {
	fullResponse: boolean;
}

/** The Options collection of one item, checked. */
export function itemOptions(this: IExecuteFunctions, itemIndex: number): ItemOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT_MS : options.timeout;
	if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1) {
		throw validate.invalidParameter(
			{ node: this.getNode(), itemIndex, label: 'Timeout', value: timeout },
			'a whole number of milliseconds, at least 1',
		);
	}
	return { timeout, fullResponse: options.fullResponse === true };
}

export function readOrderUuid(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('orderUuid', itemIndex, '') as unknown;
	return validate.orderUuid({ node: this.getNode(), itemIndex, label: 'Order UUID', value });
}

/** What an item outputs: CDEK's body as returned, or the whole answer when asked for. */
export function output(response: CdekResponse, fullResponse: boolean): IDataObject {
	if (!fullResponse) return response.body;
	return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}
