/**
 * Order status catalog: Russian names, webhook numeric codes and where a status happens.
 * Codes: docs/reference/cdek-api.md §5 "Order status codes" (Приложение 15); numbers: §8 "Webhook numeric codes" (Приложение 1).
 */

/** Where the status is set: the CDEK office that registered the order, or a city on the route. */
export type StatusPlace = 'office' | 'sender' | 'transit' | 'recipient';

export interface StatusInfo {
	name: string;
	/** `status_code` of ORDER_STATUS webhooks (deprecated field). Absent = no webhook for this status. */
	webhookCode?: string;
	place: StatusPlace;
}

const s = (name: string, place: StatusPlace, webhookCode?: string): StatusInfo => ({
	name,
	place,
	webhookCode,
});

export const STATUS_CATALOG: Record<string, StatusInfo> = {
	// ACCEPTED and INVALID are integration-level states; Приложение 1 has no number for them (an older spec had
	// 0 ACCEPTED, §8), so the sandbox sends no ORDER_STATUS webhook for them (sandbox choice).
	ACCEPTED: s('Принят', 'office'),
	CREATED: s('Создан', 'office', '1'),
	INVALID: s('Некорректный заказ', 'office'),
	REMOVED: s('Удален', 'office', '2'),
	RECEIVED_AT_SHIPMENT_WAREHOUSE: s('Принят на склад отправителя', 'sender', '3'),
	READY_FOR_SHIPMENT_IN_SENDER_CITY: s('Выдан на отправку в г. отправителе', 'sender', '6'),
	READY_TO_SHIP_AT_SENDING_OFFICE: s('Готов к отправке в офисе отправителя', 'sender', '6'),
	RETURNED_TO_SENDER_CITY_WAREHOUSE: s('Возвращен на склад отправителя', 'sender', '16'),
	TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY: s('Сдан перевозчику в г. отправителе', 'sender', '7'),
	SENT_TO_TRANSIT_CITY: s('Отправлен в г. транзит', 'sender', '21'),
	ACCEPTED_IN_TRANSIT_CITY: s('Встречен в г. транзите', 'transit', '22'),
	ACCEPTED_AT_TRANSIT_WAREHOUSE: s('Принят на склад транзита', 'transit', '13'),
	RETURNED_TO_TRANSIT_WAREHOUSE: s('Возвращен на склад транзита', 'transit', '17'),
	READY_FOR_SHIPMENT_IN_TRANSIT_CITY: s('Выдан на отправку в г. транзите', 'transit', '19'),
	READY_TO_SHIP_IN_TRANSIT_OFFICE: s('Готов к отправке в транзитном офисе', 'transit', '19'),
	TAKEN_BY_TRANSPORTER_FROM_TRANSIT_CITY: s('Сдан перевозчику в г. транзите', 'transit', '20'),
	SENT_TO_SENDER_CITY: s('Отправлен в г. отправитель', 'recipient', '27'),
	SENT_TO_RECIPIENT_CITY: s('Отправлен в г. получатель', 'sender', '8'),
	ACCEPTED_IN_SENDER_CITY: s('Встречен в г. отправителе', 'sender', '28'),
	ACCEPTED_IN_RECIPIENT_CITY: s('Встречен в г. получателе', 'recipient', '9'),
	ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE: s('Принят на склад доставки', 'recipient', '10'),
	ACCEPTED_AT_PICK_UP_POINT: s('Принят на склад до востребования', 'recipient', '12'),
	TAKEN_BY_COURIER: s('Выдан на доставку', 'recipient', '11'),
	RETURNED_TO_RECIPIENT_CITY_WAREHOUSE: s('Возвращен на склад доставки', 'recipient', '18'),
	DELIVERED: s('Вручен', 'recipient', '4'),
	NOT_DELIVERED: s('Не вручен', 'recipient', '5'),
	IN_CUSTOMS_INTERNATIONAL: s('Таможенное оформление в стране отправления', 'sender', '1000'),
	SHIPPED_TO_DESTINATION: s('Отправлено в страну назначения', 'sender', '1000'),
	PASSED_TO_TRANSIT_CARRIER: s('Передано транзитному перевозчику', 'transit', '1000'),
	IN_CUSTOMS_LOCAL: s('Таможенное оформление в стране назначения', 'recipient', '1000'),
	CUSTOMS_COMPLETE: s('Таможенное оформление в стране назначения завершено', 'recipient', '1000'),
	POSTOMAT_POSTED: s('Заложен в постамат', 'recipient', '1000'),
	POSTOMAT_SEIZED: s('Изъят из постамата курьером', 'recipient', '1000'),
	POSTOMAT_RECEIVED: s('Изъят из постамата клиентом', 'recipient', '1000'),
};

/** Final statuses: refusal no longer possible (docs/reference/cdek-api.md §3, §5 table). */
export const FINAL_STATUSES = new Set(['DELIVERED', 'NOT_DELIVERED', 'REMOVED']);

/** DELETE /v2/orders/{uuid} works only here (docs/reference/cdek-api.md §5 table, §10). */
export const DELETABLE_STATUSES = new Set(['CREATED', 'ACCEPTED']);

/** Reason codes (Приложение 2, docs/reference/cdek-api.md §8) the sandbox sets itself. */
export const REASON_REFUSED_NO_EXPLANATION = '11';
export const REASON_PARTIAL_DELIVERY = '20';

export function isKnownStatus(code: string): boolean {
	return Object.prototype.hasOwnProperty.call(STATUS_CATALOG, code);
}

export function statusInfo(code: string): StatusInfo {
	const info = STATUS_CATALOG[code];
	if (!info) throw new Error(`Unknown CDEK status code: ${code}`);
	return info;
}

const SENDER_LEG = [
	'ACCEPTED',
	'CREATED',
	'RECEIVED_AT_SHIPMENT_WAREHOUSE',
	'READY_FOR_SHIPMENT_IN_SENDER_CITY',
	'TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY',
];
const TRANSIT_LEG = [
	'SENT_TO_TRANSIT_CITY',
	'ACCEPTED_IN_TRANSIT_CITY',
	'ACCEPTED_AT_TRANSIT_WAREHOUSE',
	'READY_FOR_SHIPMENT_IN_TRANSIT_CITY',
	'TAKEN_BY_TRANSPORTER_FROM_TRANSIT_CITY',
];
const RECIPIENT_LEG = [
	'SENT_TO_RECIPIENT_CITY',
	'ACCEPTED_IN_RECIPIENT_CITY',
	'ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE',
];

/**
 * A plausible status history (oldest first) that ends in `target`. New orders go ACCEPTED → CREATED as measured
 * by [OCO] (docs/reference/cdek-api.md §5); `lastMile` is the pick-up point or courier step before delivery.
 */
export function historyFor(
	target: string,
	lastMile: 'ACCEPTED_AT_PICK_UP_POINT' | 'TAKEN_BY_COURIER',
): string[] {
	statusInfo(target);
	const upTo = (path: string[]) => path.slice(0, path.indexOf(target) + 1);
	if (target === 'INVALID') return ['ACCEPTED', 'INVALID'];
	if (target === 'REMOVED') return ['ACCEPTED', 'CREATED', 'REMOVED'];
	if (SENDER_LEG.includes(target)) return upTo(SENDER_LEG);
	if (TRANSIT_LEG.includes(target)) return upTo([...SENDER_LEG, ...TRANSIT_LEG]);
	const full = [...SENDER_LEG, ...RECIPIENT_LEG, lastMile];
	if (full.includes(target)) return upTo(full);
	if (target === 'DELIVERED' || target === 'NOT_DELIVERED') return [...full, target];
	return ['ACCEPTED', 'CREATED', 'RECEIVED_AT_SHIPMENT_WAREHOUSE', target];
}
