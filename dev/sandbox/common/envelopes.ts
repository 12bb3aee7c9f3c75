/**
 * The two CDEK error envelopes (docs/reference/cdek-api.md §7) and the 202 "accepted" body (§3, §6).
 * Entity-style: `{requests:[{type,date_time,state:"INVALID",errors}],related_entities:[]}` (measured on GET errors).
 * Simplified: `{errors:[{code,message}],warnings:[]}` (SimplifiedResponseDto, the documented 400 body).
 */
import { cdekDateTime } from './time';
import type { ApiError, ApiWarning, OrderRequest, RequestType } from './types';

/** additional_code values measured by [OCO] (docs/reference/cdek-api.md §7); the rest are sandbox-made stable hashes. */
const MEASURED_ADDITIONAL_CODES: Record<string, string> = {
	v2_entity_not_found: '0x7B234F39',
	v2_entity_not_found_im_number: '0x7B234F39',
	v2_invalid_format: '0x1E0EBE20',
};

export function additionalCode(code: string): string {
	const measured = MEASURED_ADDITIONAL_CODES[code];
	if (measured) return measured;
	let hash = 0x811c9dc5; // FNV-1a, only so that each code keeps one stable value
	for (const char of code) {
		hash ^= char.charCodeAt(0);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return `0x${hash.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** An error as it appears in synchronous entity-style answers (with additional_code, as measured). */
export function apiError(code: string, message: string): ApiError {
	return { code, additional_code: additionalCode(code), message };
}

export interface EntityErrorBody {
	entity?: { uuid: string };
	requests: Array<{ type: RequestType; date_time: string; state: 'INVALID'; errors: ApiError[] }>;
	related_entities: [];
}

/** `entity` is present only when the entity itself was found (e.g. a similar request is in flight). */
export function entityError(
	type: RequestType,
	errors: ApiError[],
	entityUuid?: string,
): EntityErrorBody {
	return {
		...(entityUuid ? { entity: { uuid: entityUuid } } : {}),
		requests: [{ type, date_time: cdekDateTime(), state: 'INVALID', errors }],
		related_entities: [],
	};
}

export function simplifiedError(
	errors: Array<{ code: string; message: string }>,
	warnings: ApiWarning[] = [],
) {
	return { errors, warnings };
}

export function acceptedBody(entityUuid: string, request: OrderRequest) {
	return {
		entity: { uuid: entityUuid },
		requests: [
			{
				request_uuid: request.request_uuid,
				type: request.type,
				date_time: request.date_time,
				state: request.state,
			},
		],
		related_entities: [],
	};
}

/** Message templates from the documented error table (docs/reference/cdek-api.md §7). */
export const messages = {
	invalidFormat: (value: string, param: string) =>
		`Invalid value [${value}] in [${param}] parameter`,
	entityNotFound: (uuid: string) => `Entity is not found by uuid ${uuid}`,
	entityNotFoundImNumber: (num: string) => `Entity is not found by number ${num}`,
	orderNotFound: (cdekNumber: string) => `Order not found by cdek_number ${cdekNumber}`,
	orderNumberEmpty: 'Order number and order uuid are empty',
	similarRequest: (requestUuid: string) =>
		`Similar request is still being processed ${requestUuid}`,
	fieldIsEmpty: (field: string) => `${field} is empty`,
	invalidValueType: (field: string) => `Invalid value type in ${field} field`,
	entityHasFinalStatus: (code: string) => `Operation is forbidden. Entity has final status ${code}`,
	entityInvalid: (uuid: string) => `Entity is invalid ${uuid}`,
	tokenExpired: (detail: string) => `Access token is expired: ${detail}`,
	authorizationIncorrect: 'Authorization header is incorrect',
	fullAuthRequired: 'Full authentication is required to access this resource',
	internalError: 'Internal error',
	badRequest: 'Bad request',
	webhookTypeIncorrect: 'Webhook type is incorrect',
};
