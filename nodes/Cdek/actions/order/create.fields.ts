import type { FieldName } from '../../helpers/order-body';

/**
 * Every field of Create Return Order's panel once: its label, and where its value goes in CDEK's order body
 * (docs/reference/cdek-api.md §6). The panel shows the label, the body builder names the field with it, and a
 * problem CDEK's rules find at a body path is reported with it.
 */
export const CREATE_FIELDS = {
	number: { label: 'Shop Order Number', path: 'number' },
	tariffCode: { label: 'Tariff Code', path: 'tariff_code' },
	senderName: { label: 'Sender Name', path: 'sender.name' },
	senderPhone: { label: 'Sender Phone', path: 'sender.phones[0].number' },
	recipientName: { label: 'Recipient Name', path: 'recipient.name' },
	recipientPhone: { label: 'Recipient Phone', path: 'recipient.phones[0].number' },
	fromOfficeCode: { label: 'From Office Code', path: 'shipment_point' },
	fromAddress: { label: 'From Address', path: 'from_location.address' },
	fromCityCode: { label: 'From City Code', path: 'from_location.code' },
	toOfficeCode: { label: 'To Office Code', path: 'delivery_point' },
	toAddress: { label: 'To Address', path: 'to_location.address' },
	toCityCode: { label: 'To City Code', path: 'to_location.code' },
	packageWeight: { label: 'Package Weight (Grams)', path: 'packages[0].weight' },
	packageLength: { label: 'Package Length (Cm)', path: 'packages[0].length' },
	packageWidth: { label: 'Package Width (Cm)', path: 'packages[0].width' },
	packageHeight: { label: 'Package Height (Cm)', path: 'packages[0].height' },
	items: { label: 'Items', path: 'packages[0].items' },
	// Under Additional Fields
	comment: { label: 'Comment', path: 'comment' },
	orderType: { label: 'Order Type', path: 'type' },
	packageNumber: { label: 'Package Number', path: 'packages[0].number' },
	recipientCompany: { label: 'Recipient Company', path: 'recipient.company' },
	recipientEmail: { label: 'Recipient Email', path: 'recipient.email' },
	senderCompany: { label: 'Sender Company', path: 'sender.company' },
	senderEmail: { label: 'Sender Email', path: 'sender.email' },
} as const;

export type CreateField = keyof typeof CREATE_FIELDS;

export const labelOf = (field: CreateField): string => CREATE_FIELDS[field].label;

/** The fields of one entry of Items; "Amount" reads "Quantity" from version 2 on (the parameter stays `amount`). */
export const itemFieldLabels = (version: number) =>
	({
		amount: version >= 2 ? 'Quantity' : 'Amount',
		cost: 'Cost',
		name: 'Name',
		payment: 'Payment on Delivery',
		wareKey: 'SKU',
		weight: 'Weight (Grams)',
	}) as const;

/** Where each Items field goes in an entry of CDEK's `packages[0].items`. */
const ITEM_PATHS: Record<string, keyof ReturnType<typeof itemFieldLabels>> = {
	name: 'name',
	ware_key: 'wareKey',
	'payment.value': 'payment',
	cost: 'cost',
	weight: 'weight',
	amount: 'amount',
};

/** A field of one entry of Items as the panel shows it: "Items → SKU", "Items → SKU (entry 2)" when several. */
export const itemFieldLabel = (label: string, index: number, count: number) =>
	`Items → ${label}${count > 1 ? ` (entry ${index + 1})` : ''}`;

/** A whole location missing is reported on the address, the field a user fills in for it. */
const PATH_LABELS: Record<string, string> = {
	...Object.fromEntries(Object.values(CREATE_FIELDS).map(({ path, label }) => [path, label])),
	from_location: CREATE_FIELDS.fromAddress.label,
	to_location: CREATE_FIELDS.toAddress.label,
};

/**
 * How a problem of a body built from fields names its field: with the panel's label ("Items → SKU"), not CDEK's
 * path (`packages[0].items[0].ware_key`), which the user never saw.
 */
export function panelFieldName(version: number, itemCount: number): FieldName {
	const itemLabels = itemFieldLabels(version);
	return (path) => {
		const item = /^packages\[0\]\.items\[(\d+)\](?:\.(.+))?$/.exec(path);
		if (!item) return PATH_LABELS[path] ?? path;
		const known = item[2] === undefined ? undefined : ITEM_PATHS[item[2]];
		const field = item[2] === undefined ? 'Item' : known ? itemLabels[known] : item[2];
		return itemFieldLabel(field, Number(item[1]), itemCount);
	};
}
