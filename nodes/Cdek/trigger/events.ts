import type { INodePropertyOptions } from 'n8n-workflow';

/** CDEK's webhook types (WebhookDto.type, docs/reference/cdek-api.md §8); one subscription per trigger node. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Accompanying Waybill',
		value: 'ACCOMPANYING_WAYBILL',
		description:
			'ACCOMPANYING_WAYBILL: news about an accompanying waybill of a consolidated shipment',
	},
	{
		name: 'Courier Assigned',
		value: 'COURIER_INFO',
		description:
			'COURIER_INFO: a courier was assigned to a courier pickup (intake); the event names the pickup',
	},
	{
		name: 'Delivery Agreement',
		value: 'DELIV_AGREEMENT',
		description: 'DELIV_AGREEMENT: a delivery date or time was agreed with the recipient',
	},
	{
		name: 'Delivery Problem',
		value: 'DELIV_PROBLEM',
		description: 'DELIV_PROBLEM: CDEK reported a problem delivering an order',
	},
	{
		name: 'Office Availability',
		value: 'OFFICE_AVAILABILITY',
		description: 'OFFICE_AVAILABILITY: a CDEK office or pickup point changed its availability',
	},
	{
		name: 'Order Modified',
		value: 'ORDER_MODIFIED',
		description: 'ORDER_MODIFIED: order details were changed',
	},
	{
		name: 'Order Status Changed',
		value: 'ORDER_STATUS',
		description:
			'ORDER_STATUS: an order got a new status, e.g. NOT_DELIVERED (a refusal) or DELIVERED',
	},
	{
		name: 'Photos Ready',
		value: 'DOWNLOAD_PHOTO',
		description: 'DOWNLOAD_PHOTO: photos of an order are ready to download',
	},
	{
		name: 'Pre-Alert Closed',
		value: 'PREALERT_CLOSED',
		description: 'PREALERT_CLOSED: a pre-alert (shipment registry) was closed',
	},
	{
		name: 'Print Form Ready',
		value: 'PRINT_FORM',
		description:
			'PRINT_FORM: a waybill or barcode PDF requested earlier is ready; the payload has its URL',
	},
	{
		name: 'Receipt',
		value: 'RECEIPT',
		description: 'RECEIPT: a receipt for an order was issued',
	},
];

export const EVENT_TYPES = EVENT_OPTIONS.map((option) => option.value as string);

/**
 * Order status codes CDEK sends in ORDER_STATUS webhooks (`attributes.code`), with the numeric
 * `status_code` of docs/reference/cdek-api.md §8 "Webhook numeric codes", and the Russian name CDEK's cabinet and
 * its order history show (docs/reference/cdek-api.md §5 "Order status codes"). ACCEPTED and INVALID are left out:
 * they are states of the API request, not of the parcel, and have no webhook number.
 */
const STATUSES: Array<[code: string, label: string, russian: string]> = [
	['CREATED', 'Created', 'Создан'],
	['REMOVED', 'Removed', 'Удален'],
	[
		'RECEIVED_AT_SHIPMENT_WAREHOUSE',
		'Received at Shipment Warehouse',
		'Принят на склад отправителя',
	],
	[
		'READY_FOR_SHIPMENT_IN_SENDER_CITY',
		'Ready for Shipment in Sender City',
		'Выдан на отправку в г. отправителе',
	],
	[
		'READY_TO_SHIP_AT_SENDING_OFFICE',
		'Ready to Ship at Sending Office',
		'Готов к отправке в офисе отправителя',
	],
	[
		'RETURNED_TO_SENDER_CITY_WAREHOUSE',
		'Returned to Sender City Warehouse',
		'Возвращен на склад отправителя',
	],
	[
		'TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY',
		'Taken by Transporter From Sender City',
		'Сдан перевозчику в г. отправителе',
	],
	[
		'PASSED_TO_CARRIER_AT_SENDING_OFFICE',
		'Passed to Carrier at Sending Office',
		'Сдан перевозчику в г. отправителе',
	],
	['SENT_TO_TRANSIT_CITY', 'Sent to Transit City', 'Отправлен в г. транзит'],
	['SEND_TO_TRANSIT_OFFICE', 'Sent to Transit Office', 'Отправлен в г. транзит'],
	['ACCEPTED_IN_TRANSIT_CITY', 'Accepted in Transit City', 'Встречен в г. транзите'],
	['MET_AT_TRANSIT_OFFICE', 'Met at Transit Office', 'Встречен в г. транзите'],
	['ACCEPTED_AT_TRANSIT_WAREHOUSE', 'Accepted at Transit Warehouse', 'Принят на склад транзита'],
	['RETURNED_TO_TRANSIT_WAREHOUSE', 'Returned to Transit Warehouse', 'Возвращен на склад транзита'],
	[
		'READY_FOR_SHIPMENT_IN_TRANSIT_CITY',
		'Ready for Shipment in Transit City',
		'Выдан на отправку в г. транзите',
	],
	[
		'READY_TO_SHIP_IN_TRANSIT_OFFICE',
		'Ready to Ship in Transit Office',
		'Готов к отправке в транзитном офисе',
	],
	[
		'TAKEN_BY_TRANSPORTER_FROM_TRANSIT_CITY',
		'Taken by Transporter From Transit City',
		'Сдан перевозчику в г. транзите',
	],
	['SENT_TO_SENDER_CITY', 'Sent to Sender City', 'Отправлен в г. отправитель'],
	['SENT_TO_RECIPIENT_CITY', 'Sent to Recipient City', 'Отправлен в г. получатель'],
	['ACCEPTED_IN_SENDER_CITY', 'Accepted in Sender City', 'Встречен в г. отправителе'],
	['MET_AT_SENDING_OFFICE', 'Met at Sending Office', 'Встречен в г. отправителе'],
	['ACCEPTED_IN_RECIPIENT_CITY', 'Accepted in Recipient City', 'Встречен в г. получателе'],
	['MET_AT_RECIPIENT_OFFICE', 'Met at Recipient Office', 'Встречен в г. получателе'],
	[
		'ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE',
		'Accepted at Recipient City Warehouse',
		'Принят на склад доставки',
	],
	['ACCEPTED_AT_PICK_UP_POINT', 'Accepted at Pick-Up Point', 'Принят на склад до востребования'],
	['TAKEN_BY_COURIER', 'Taken by Courier', 'Выдан на доставку'],
	[
		'RETURNED_TO_RECIPIENT_CITY_WAREHOUSE',
		'Returned to Recipient City Warehouse',
		'Возвращен на склад доставки',
	],
	['DELIVERED', 'Delivered', 'Вручен'],
	['NOT_DELIVERED', 'Not Delivered', 'Не вручен'],
	[
		'IN_CUSTOMS_INTERNATIONAL',
		'In Customs (Sending Country)',
		'Таможенное оформление в стране отправления',
	],
	['SHIPPED_TO_DESTINATION', 'Shipped to Destination Country', 'Отправлено в страну назначения'],
	['PASSED_TO_TRANSIT_CARRIER', 'Passed to Transit Carrier', 'Передано транзитному перевозчику'],
	[
		'IN_CUSTOMS_LOCAL',
		'In Customs (Destination Country)',
		'Таможенное оформление в стране назначения',
	],
	['CUSTOMS_COMPLETE', 'Customs Complete', 'Таможенное оформление в стране назначения завершено'],
	['POSTOMAT_POSTED', 'Placed in Parcel Locker', 'Заложен в постамат'],
	['POSTOMAT_SEIZED', 'Removed From Parcel Locker by Courier', 'Изъят из постамата курьером'],
	['POSTOMAT_RECEIVED', 'Collected From Parcel Locker', 'Изъят из постамата клиентом'],
];

export const STATUS_OPTIONS: INodePropertyOptions[] = STATUSES.map(([code, label, russian]) => ({
	name: `${label} (${russian}, ${code})`,
	value: code,
})).sort((a, b) => a.name.localeCompare(b.name));

export const STATUS_CODES = STATUSES.map(([code]) => code);

/**
 * CDEK documents two names for the same status number (docs/reference/cdek-api.md §8), and may send either: a filter
 * on one name also lets the other through.
 */
const ALIAS_PAIRS: Array<[string, string]> = [
	['READY_FOR_SHIPMENT_IN_SENDER_CITY', 'READY_TO_SHIP_AT_SENDING_OFFICE'],
	['TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY', 'PASSED_TO_CARRIER_AT_SENDING_OFFICE'],
	['ACCEPTED_IN_RECIPIENT_CITY', 'MET_AT_RECIPIENT_OFFICE'],
	['SENT_TO_TRANSIT_CITY', 'SEND_TO_TRANSIT_OFFICE'],
	['ACCEPTED_IN_TRANSIT_CITY', 'MET_AT_TRANSIT_OFFICE'],
	['READY_FOR_SHIPMENT_IN_TRANSIT_CITY', 'READY_TO_SHIP_IN_TRANSIT_OFFICE'],
	['ACCEPTED_IN_SENDER_CITY', 'MET_AT_SENDING_OFFICE'],
];

export function statusAliases(code: string): string[] {
	const names = [code];
	for (const [a, b] of ALIAS_PAIRS) {
		if (code === a) names.push(b);
		if (code === b) names.push(a);
	}
	return names;
}
