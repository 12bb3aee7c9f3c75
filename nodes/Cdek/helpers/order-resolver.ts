import type { CdekClient, RequestOptions } from '../transport/client';
import type { OrderRef } from './order-locator';
import { orderReadRequest } from './order-locator';
import { OrderView } from './order-state';

/**
 * The order a locator names, read from CDEK (docs/reference/cdek-api.md §5): by UUID, or the newest order
 * with that shop or CDEK number. An unknown order fails with CDEK's error (v2_entity_not_found…).
 */
export async function resolveOrder(
	client: CdekClient,
	itemIndex: number,
	ref: OrderRef,
	options: RequestOptions,
): Promise<OrderView> {
	return new OrderView((await client.request(itemIndex, orderReadRequest(ref), options)).body);
}
