import type { IDataObject } from 'n8n-workflow';

import { parseCdekDateTime } from '../helpers/date-time';
import { statusCodeOf } from '../helpers/status-code';
import { EVENT_TYPES } from './events';
import { isObject } from '../helpers/is-object';

/**
 * CDEK's payloads are about a kilobyte ({type, date_time, uuid, attributes}, docs/reference/cdek-api.md §8); a
 * body this large is not one of them.
 */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A status code as `canonicalStatusCode` gives it: a name, or a number CDEK has not told us the name of. */
const STATUS_CODE = /^[A-Z0-9][A-Z0-9_]{0,63}$/;

export interface CdekEvent extends IDataObject {
	type: string;
	date_time: string;
	uuid: string;
	attributes: IDataObject;
}

/**
 * Why a webhook body is not a CDEK event, or undefined when it has CDEK's shape: a known type, a UUID, a
 * readable date-time and an attributes object, and for ORDER_STATUS a status code: `code` however CDEK spelled it
 * (spaces, case) or, without one, the numeric `status_code` (helpers/status-code.ts). The reasons name no value
 * of the body, so a forged request learns nothing from the answer.
 */
export function payloadProblem(body: unknown, sizeInBytes: number): string | undefined {
	if (sizeInBytes > MAX_PAYLOAD_BYTES)
		return `the body is larger than ${MAX_PAYLOAD_BYTES / 1024} KiB, which no CDEK webhook is`;
	const notCdek = 'the body is not a CDEK webhook payload ({type, date_time, uuid, attributes})';
	if (!isObject(body)) return notCdek;
	const { type, date_time, uuid, attributes } = body;
	if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) return notCdek;
	if (typeof uuid !== 'string' || !UUID.test(uuid)) return notCdek;
	if (parseCdekDateTime(date_time) === undefined || !isObject(attributes)) return notCdek;
	if (type === 'ORDER_STATUS') {
		const code = statusCodeOf(attributes);
		if (code === undefined || !STATUS_CODE.test(code)) return notCdek;
		const statusTime = attributes.status_date_time;
		if (statusTime !== undefined && parseCdekDateTime(statusTime) === undefined) return notCdek;
	}
	return undefined;
}

/** The size of the body as received (n8n keeps the raw bytes), or of its JSON when they are not at hand. */
export function bodySize(request: { rawBody?: unknown } | undefined, body: unknown): number {
	const raw = request?.rawBody as { length?: unknown } | undefined;
	if (raw && typeof raw.length === 'number') return raw.length;
	return JSON.stringify(body ?? null)?.length ?? 0;
}
