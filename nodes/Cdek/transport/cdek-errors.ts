import type { IDataObject } from 'n8n-workflow';

import { maskSecrets } from '../../../credentials/common/mask';
import { CITY_LOOKUP, PICKUP_OPERATIONS, quoted } from './operation-names';

export interface CdekError {
	code: string;
	message: string;
}

/** CDEK codes that mean "the token is not accepted" whatever HTTP status carries them (docs/reference/cdek-api.md §2, §16). */
export const AUTH_ERROR_CODES = new Set([
	'v2_token_expired',
	'v2_authorization_incorrect',
	'unauthorized',
	'invalid_token',
]);

function asErrors(value: unknown): CdekError[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((entry): entry is IDataObject => typeof entry === 'object' && entry !== null)
		.map((entry) => ({
			code: String(entry.code ?? 'unknown'),
			// CDEK's "Access token is expired: {0}" quotes the token itself.
			message: maskSecrets(String(entry.message ?? '')),
		}));
}

/**
 * CDEK reports errors in two envelopes (docs/reference/cdek-api.md §7): top-level `errors[]` (SimplifiedResponseDto) and
 * `requests[].errors[]` (entity-style); Spring-style auth failures use `{error, error_description}` (§2).
 */
export function cdekErrors(body: unknown): CdekError[] {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
	const envelope = body as IDataObject;
	const found = asErrors(envelope.errors);
	if (Array.isArray(envelope.requests)) {
		for (const request of envelope.requests as IDataObject[]) {
			if (typeof request === 'object' && request !== null) found.push(...asErrors(request.errors));
		}
	}
	if (found.length === 0 && typeof envelope.error === 'string') {
		found.push({
			code: envelope.error,
			message: maskSecrets(String(envelope.error_description ?? envelope.message ?? '')),
		});
	}
	return found;
}

/** What a shop manager should make of a CDEK error code. */
const EXPLANATIONS: Record<string, string> = {
	v2_entity_not_found:
		'CDEK has no order with this UUID for this account. Check the UUID and that the credential points at the right environment (test or production).',
	v2_entity_not_found_im_number:
		'CDEK has no order with this shop order number for this account. Check the number and the environment (test or production).',
	v2_order_not_found: 'CDEK has no order with this CDEK number for this account.',
	v2_invalid_format:
		'CDEK could not read one of the values sent. Check the parameter named in the message.',
	v2_field_is_empty: 'A value CDEK requires is missing.',
	v2_invalid_value_type: 'A value has the wrong type for CDEK.',
	v2_similar_request_still_processed:
		'CDEK is still processing the same kind of request for this order. Wait for it to finish instead of sending it again.',
	v2_entity_forbidden: 'This order belongs to another CDEK account.',
	v2_order_forbidden: 'This order belongs to another CDEK account.',
	v2_entity_has_final_status:
		'The order (or courier pickup) already has a final status, so CDEK no longer accepts this operation.',
	v2_internal_error: 'CDEK had an internal error. Try again later.',
	v2_token_expired:
		'The access token expired. With Account (Client ID) and Secure Password (Client Secret) the node renews it; a pasted Access Token must be replaced.',
	v2_authorization_incorrect: 'CDEK did not accept the access token. Check the credential.',
	unauthorized:
		'CDEK did not accept the credential. Check the Account (Client ID) and Secure Password (Client Secret) from lk.cdek.ru → Integration, or the Access Token.',
	invalid_client:
		'CDEK rejected the Account and Secure Password: check the Account (Client ID) and Secure Password (Client Secret) from lk.cdek.ru → Integration.',
	v2_entity_not_ready:
		'CDEK has not given the order a number yet (a return order is numbered a moment after it is created). Try again in a minute.',
	v2_orders_number_is_empty:
		'CDEK found no order it can print for: the order is invalid, deleted or unknown to this account.',
	v2_sender_location_not_recognized: `CDEK does not recognise the sender's place. Check the From City Code (find codes with ${CITY_LOOKUP}), postal code or address.`,
	v2_recipient_location_not_recognized: `CDEK does not recognise the recipient's place. Check the To City Code (find codes with ${CITY_LOOKUP}), postal code or address.`,
	err_result_service_empty:
		'This tariff is not available for this route and parcel, or not in your contract. Leave Tariff Code empty to list the tariffs the route allows.',
	err_result_servicelist_empty:
		'CDEK has no tariff for this route and parcel. Check the places, the weight and the sizes.',
	v2_outdated_tariff: 'CDEK no longer offers this tariff. Choose another tariff of your contract.',
	v2_intake_exists_by_order: `CDEK already has a courier pickup for this order; it allows only one. Look it up with ${quoted(PICKUP_OPERATIONS.get)}, or cancel it with ${quoted(PICKUP_OPERATIONS.delete)} before ordering another.`,
	v2_intake_exists_by_date_address:
		'CDEK already has a courier pickup at this address on this day.',
	error_validate_build_ci_from_order:
		'A courier pickup is possible only for a new order whose tariff starts at the door (e.g. 138 or 139). With an office tariff the sender takes the parcel to a CDEK office instead.',
	ve_tariff_mode_not_from_door:
		"The order's tariff does not start at the door, so there is nothing for a courier to collect.",
	ve_ci_pickup_date_expired:
		"The pickup date has already passed in the sender's local time. Choose a later date.",
	ve_ci_pickup_date_too_large: 'CDEK takes pickups at most 31 days ahead. Choose an earlier date.',
	ve_ci_pickup_time_too_small:
		"Couriers come from 09:00 in the sender's local time. Choose a later start.",
	ve_ci_pickup_time_too_large:
		"Couriers come until 22:00 in the sender's local time. Choose an earlier end.",
	ve_ci_pickup_time_to_before_from: 'The end of the pickup window must be after its start.',
	ve_ci_pickup_time_selfcare_too_large: `It is too late to order a pickup for today. Choose another day (${quoted(PICKUP_OPERATIONS.getAvailableDays)}).`,
};

/** Whether a CDEK code is this one, with or without the "v2_" prefix CDEK is inconsistent about (docs/reference/cdek-api.md §11, §16). */
export function isCode(code: string, name: string): boolean {
	const bare = name.replace(/^v2_/, '');
	return code === bare || code === `v2_${bare}`;
}

/**
 * What went wrong in the shop's words, to lead the message before CDEK's code: the order the request looked for
 * (by the URL it was sent to) is not in CDEK for this account. Undefined when CDEK's code says something else.
 */
export function shopWords(
	errors: CdekError[],
	url: string,
	query: { [key: string]: unknown } = {},
): string | undefined {
	let address: URL;
	try {
		address = new URL(url);
	} catch {
		return undefined;
	}
	const notFound = errors.some((error) =>
		['v2_entity_not_found_im_number', 'v2_order_not_found', 'v2_entity_not_found'].some((code) =>
			isCode(error.code, code),
		),
	);
	if (!notFound) return undefined;
	const asked = (key: string) => {
		const value = query[key] ?? address.searchParams.get(key);
		return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
	};
	const imNumber = asked('im_number');
	if (imNumber !== undefined) return `No order "${imNumber}" in CDEK for this account`;
	const cdekNumber = asked('cdek_number');
	if (cdekNumber !== undefined)
		return `No order with CDEK number ${cdekNumber} in CDEK for this account`;
	const uuid = /\/orders\/([0-9a-f-]{36})(?:$|\/)/i.exec(address.pathname)?.[1];
	return uuid ? `No order ${uuid} in CDEK for this account` : undefined;
}

export function explain(errors: CdekError[], status: number): string {
	for (const error of errors) {
		const known = Object.keys(EXPLANATIONS).find((code) => isCode(error.code, code));
		if (known) return EXPLANATIONS[known];
	}
	if (status === 429)
		return 'CDEK is limiting the request rate. Wait and try again, or lower the batch size.';
	if (status >= 500) return 'CDEK is temporarily unavailable. Try again later.';
	return 'See the CDEK error code and text above.';
}
