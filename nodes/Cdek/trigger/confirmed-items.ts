import type { IDataObject } from 'n8n-workflow';

import { newestStatus } from '../helpers/date-time';
import { simplifiedOrder } from '../helpers/simplify';
import { statusReason } from '../helpers/status-reasons';
import type { CdekEvent } from './payload';

const text = (value: unknown): string | null =>
	value === undefined || value === null || value === '' ? null : String(value).trim();

/**
 * Version 3's main output: what CDEK's own record says, shop number and status first, as Look Up Order's
 * simplified view reads. The delivery as it came is kept under `webhook`, as what the webhook claimed: nothing in
 * it is taken for CDEK's word.
 */
export function orderStatusItem(
	event: CdekEvent,
	order: IDataObject,
	status: IDataObject,
): IDataObject {
	const entity = (order.entity ?? {}) as IDataObject;
	return {
		event: event.type,
		number: text(entity.number),
		cdekNumber: text(entity.cdek_number),
		uuid: text(entity.uuid),
		status: text(status.code),
		statusName: text(status.name),
		statusTime: text(status.date_time),
		...statusReason(status.reason_code),
		statusCity: text(status.city),
		statusCityCode: text(status.city_code),
		isReturn: entity.is_return === true,
		isClientReturn: entity.is_client_return === true,
		webhook: event,
	};
}

/** ORDER_MODIFIED, DELIV_AGREEMENT, ACCOMPANYING_WAYBILL: the order as CDEK has it now. */
export function orderItem(
	event: CdekEvent,
	order: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	const { number, cdekNumber, uuid, ...rest } = simplifiedOrder(order);
	return { event: event.type, number, cdekNumber, uuid, ...extra, ...rest, webhook: event };
}

/** PRINT_FORM: the form as CDEK has it, with the orders it lists. */
export function printFormItem(event: CdekEvent, form: IDataObject, formType: string): IDataObject {
	const entity = (form.entity ?? {}) as IDataObject;
	const orders = (Array.isArray(entity.orders) ? entity.orders : []) as IDataObject[];
	const status = newestStatus(entity.statuses, 'last') ?? {};
	return {
		event: event.type,
		printFormUuid: text(entity.uuid) ?? event.uuid.toLowerCase(),
		formType,
		url: text(entity.url),
		status: text(status.code),
		orderUuids: orders
			.map((order) => order?.order_uuid)
			.filter((value): value is string => typeof value === 'string'),
		orders,
		webhook: event,
	};
}

/** COURIER_INFO: the courier pickup (intake) as CDEK has it. */
export function intakeItem(event: CdekEvent, intake: IDataObject): IDataObject {
	const entity = (intake.entity ?? {}) as IDataObject;
	const status = newestStatus(entity.statuses) ?? {};
	return {
		event: event.type,
		intakeUuid: text(entity.uuid),
		intakeNumber: text(entity.intake_number),
		cdekNumber: text(entity.cdek_number),
		status: text(status.code),
		statusName: text(status.name),
		statusTime: text(status.date_time),
		intakeDate: text(entity.intake_date),
		courier: (entity.courier as IDataObject | undefined) ?? null,
		webhook: event,
	};
}
