import type { IDataObject } from 'n8n-workflow';

import { newestBy } from './date-time';
import { OrderView } from './order-state';
import { statusReason } from './status-reasons';

const text = (value: unknown): string | null =>
	value === undefined || value === null || value === '' ? null : String(value);

/**
 * An order as a shop manager reads it at a glance: its numbers, its current status (the newest by time, not the
 * first listed: docs/reference/cdek-api.md §5) and why it ended so (its reason in words), whether it is a return, the return order linked to it, the latest
 * delivery problem and the last request CDEK received.
 */
export function simplifiedOrder(body: IDataObject): IDataObject {
	const order = new OrderView(body);
	const { entity } = order;
	const status: IDataObject = order.currentStatus ?? {};
	const request: IDataObject = order.latestRequest ?? {};
	return {
		uuid: text(entity.uuid),
		cdekNumber: text(entity.cdek_number),
		number: text(entity.number),
		status: order.status ?? null,
		statusName: text(status.name),
		statusTime: text(status.date_time),
		...statusReason(status.reason_code),
		statusCity: text(status.city),
		isReturn: entity.is_return === true,
		isClientReturn: entity.is_client_return === true,
		returnOrderUuid: order.returnOrderUuid ?? null,
		deliveryProblem: text(newestBy(entity.delivery_problem, 'create_date')?.code),
		lastRequestType: text(request.type),
		lastRequestState: text(request.state),
	};
}
