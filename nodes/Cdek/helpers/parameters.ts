import type { IExecuteFunctions } from 'n8n-workflow';

import { orderUuid, uuid } from './validation';

/** The item's "Order UUID" parameter, checked. */
export function readOrderUuid(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('orderUuid', itemIndex, '') as unknown;
	return orderUuid({ node: this.getNode(), itemIndex, label: 'Order UUID', value });
}

/** The item's "Pickup UUID" parameter (a courier pickup), checked. */
export function readPickupUuid(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('pickupUuid', itemIndex, '') as unknown;
	return uuid({ node: this.getNode(), itemIndex, label: 'Pickup UUID', value }, 'a pickup UUID');
}
