import type { IExecuteFunctions } from 'n8n-workflow';

import { orderUuid } from './validation';

/** The item's "Order UUID" parameter, checked. */
export function readOrderUuid(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('orderUuid', itemIndex, '') as unknown;
	return orderUuid({ node: this.getNode(), itemIndex, label: 'Order UUID', value });
}
