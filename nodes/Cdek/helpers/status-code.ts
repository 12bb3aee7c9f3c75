/**
 * CDEK's numeric order status codes (webhook `status_code`, docs/reference/cdek-api.md §8 "Webhook numeric codes").
 * Where one number has an "office" and a "city" name, the number maps to the city name, the one `GET /orders`
 * statuses carry in the captures we hold; `statusAliases` (trigger/events.ts) knows both. 1000 stands for many
 * codes (customs, lockers) and so is not mapped.
 */
const NUMERIC_STATUS_CODES: Readonly<Record<string, string>> = {
	'1': 'CREATED',
	'2': 'REMOVED',
	'3': 'RECEIVED_AT_SHIPMENT_WAREHOUSE',
	'4': 'DELIVERED',
	'5': 'NOT_DELIVERED',
	'6': 'READY_FOR_SHIPMENT_IN_SENDER_CITY',
	'7': 'TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY',
	'8': 'SENT_TO_RECIPIENT_CITY',
	'9': 'ACCEPTED_IN_RECIPIENT_CITY',
	'10': 'ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE',
	'11': 'TAKEN_BY_COURIER',
	'12': 'ACCEPTED_AT_PICK_UP_POINT',
	'13': 'ACCEPTED_AT_TRANSIT_WAREHOUSE',
	'16': 'RETURNED_TO_SENDER_CITY_WAREHOUSE',
	'17': 'RETURNED_TO_TRANSIT_WAREHOUSE',
	'18': 'RETURNED_TO_RECIPIENT_CITY_WAREHOUSE',
	'19': 'READY_FOR_SHIPMENT_IN_TRANSIT_CITY',
	'20': 'TAKEN_BY_TRANSPORTER_FROM_TRANSIT_CITY',
	'21': 'SENT_TO_TRANSIT_CITY',
	'22': 'ACCEPTED_IN_TRANSIT_CITY',
	'27': 'SENT_TO_SENDER_CITY',
	'28': 'ACCEPTED_IN_SENDER_CITY',
};

/**
 * One status code however CDEK spelled it: trimmed (a production `code` ended in a space), upper case, and a
 * numeric `status_code` (string or number) turned into its code name. A code we do not know is passed on as its
 * trimmed, upper-case text, never dropped. Undefined only when there is no code at all (empty, not text or number).
 */
export function canonicalStatusCode(raw: unknown): string | undefined {
	let text: string;
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) return undefined;
		text = String(raw);
	} else if (typeof raw === 'string') {
		text = raw.trim();
	} else {
		return undefined;
	}
	if (text === '') return undefined;
	if (/^\d+$/.test(text)) return NUMERIC_STATUS_CODES[String(Number(text))] ?? text;
	return text.toUpperCase();
}

/** The status code of a webhook's or status entry's fields: `code` when it says something, else `status_code`. */
export function statusCodeOf(fields: {
	code?: unknown;
	status_code?: unknown;
}): string | undefined {
	return canonicalStatusCode(fields.code) ?? canonicalStatusCode(fields.status_code);
}
