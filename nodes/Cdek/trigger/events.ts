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
 * `status_code` of docs/reference/cdek-api.md §8 "Webhook numeric codes". ACCEPTED and INVALID are left out: they
 * are states of the API request, not of the parcel, and have no webhook number.
 */
const STATUSES: Array<[code: string, label: string]> = [
	['CREATED', 'Created'],
	['REMOVED', 'Removed'],
	['RECEIVED_AT_SHIPMENT_WAREHOUSE', 'Received at Shipment Warehouse'],
	['READY_FOR_SHIPMENT_IN_SENDER_CITY', 'Ready for Shipment in Sender City'],
	['READY_TO_SHIP_AT_SENDING_OFFICE', 'Ready to Ship at Sending Office'],
	['RETURNED_TO_SENDER_CITY_WAREHOUSE', 'Returned to Sender City Warehouse'],
	['TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY', 'Taken by Transporter From Sender City'],
	['PASSED_TO_CARRIER_AT_SENDING_OFFICE', 'Passed to Carrier at Sending Office'],
	['SENT_TO_TRANSIT_CITY', 'Sent to Transit City'],
	['SEND_TO_TRANSIT_OFFICE', 'Sent to Transit Office'],
	['ACCEPTED_IN_TRANSIT_CITY', 'Accepted in Transit City'],
	['MET_AT_TRANSIT_OFFICE', 'Met at Transit Office'],
	['ACCEPTED_AT_TRANSIT_WAREHOUSE', 'Accepted at Transit Warehouse'],
	['RETURNED_TO_TRANSIT_WAREHOUSE', 'Returned to Transit Warehouse'],
	['READY_FOR_SHIPMENT_IN_TRANSIT_CITY', 'Ready for Shipment in Transit City'],
	['READY_TO_SHIP_IN_TRANSIT_OFFICE', 'Ready to Ship in Transit Office'],
	['TAKEN_BY_TRANSPORTER_FROM_TRANSIT_CITY', 'Taken by Transporter From Transit City'],
	['SENT_TO_SENDER_CITY', 'Sent to Sender City'],
	['SENT_TO_RECIPIENT_CITY', 'Sent to Recipient City'],
	['ACCEPTED_IN_SENDER_CITY', 'Accepted in Sender City'],
	['MET_AT_SENDING_OFFICE', 'Met at Sending Office'],
	['ACCEPTED_IN_RECIPIENT_CITY', 'Accepted in Recipient City'],
	['MET_AT_RECIPIENT_OFFICE', 'Met at Recipient Office'],
	['ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE', 'Accepted at Recipient City Warehouse'],
	['ACCEPTED_AT_PICK_UP_POINT', 'Accepted at Pick-Up Point'],
	['TAKEN_BY_COURIER', 'Taken by Courier'],
	['RETURNED_TO_RECIPIENT_CITY_WAREHOUSE', 'Returned to Recipient City Warehouse'],
	['DELIVERED', 'Delivered'],
	['NOT_DELIVERED', 'Not Delivered'],
	['IN_CUSTOMS_INTERNATIONAL', 'In Customs (Sending Country)'],
	['SHIPPED_TO_DESTINATION', 'Shipped to Destination Country'],
	['PASSED_TO_TRANSIT_CARRIER', 'Passed to Transit Carrier'],
	['IN_CUSTOMS_LOCAL', 'In Customs (Destination Country)'],
	['CUSTOMS_COMPLETE', 'Customs Complete'],
	['POSTOMAT_POSTED', 'Placed in Parcel Locker'],
	['POSTOMAT_SEIZED', 'Removed From Parcel Locker by Courier'],
	['POSTOMAT_RECEIVED', 'Collected From Parcel Locker'],
];

export const STATUS_OPTIONS: INodePropertyOptions[] = STATUSES.map(([code, label]) => ({
	name: `${label} (${code})`,
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
