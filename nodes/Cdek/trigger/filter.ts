import type { IDataObject } from 'n8n-workflow';

import { statusCodeOf } from '../helpers/status-code';
import { statusAliases } from './events';
import { isObject } from '../helpers/is-object';

/** Which orders an ORDER_STATUS trigger starts for, by the payload's `is_return` / `is_client_return` flags. */
export type OrderKind = 'all' | 'return' | 'clientReturn' | 'anyReturn';

export interface TriggerFilters {
	/** The webhook type the node subscribed to; other types are ignored. */
	event: string;
	/** ORDER_STATUS only: `attributes.code` values that start the workflow; empty = every status. */
	statusCodes: string[];
	/** ORDER_STATUS only. */
	orderKind: OrderKind;
}

export type Verdict = { start: true; payload: IDataObject } | { start: false; reason: string };

export function orderKindReason(attributes: IDataObject, orderKind: OrderKind): string | undefined {
	const isReturn = attributes.is_return === true || attributes.is_return === 'true';
	const isClientReturn =
		attributes.is_client_return === true || attributes.is_client_return === 'true';
	if (orderKind === 'return' && !isReturn)
		return 'the order is not a return order (is_return is not true)';
	if (orderKind === 'clientReturn' && !isClientReturn) {
		return 'the order is not a client-return order (is_client_return is not true)';
	}
	if (orderKind === 'anyReturn' && !isReturn && !isClientReturn) {
		return 'the order is neither a return nor a client-return order';
	}
	return undefined;
}

/**
 * Whether a webhook body should start the workflow. Anything that is not a CDEK payload of the
 * subscribed type, or an ORDER_STATUS that the status or order filters exclude, does not; CDEK is
 * answered 200 either way.
 */
export function eventVerdict(body: unknown, filters: TriggerFilters): Verdict {
	if (!isObject(body) || typeof body.type !== 'string') {
		return {
			start: false,
			reason: 'the body is not a CDEK webhook payload ({type, date_time, uuid, attributes})',
		};
	}
	if (body.type !== filters.event) {
		return {
			start: false,
			reason: `the event type is ${body.type.slice(0, 40)}, this trigger listens to ${filters.event}`,
		};
	}
	if (filters.event !== 'ORDER_STATUS') return { start: true, payload: body };

	const attributes = isObject(body.attributes) ? body.attributes : {};
	const code = statusCodeOf(attributes) ?? '';
	if (
		filters.statusCodes.length > 0 &&
		!statusAliases(code).some((name) => filters.statusCodes.includes(name))
	) {
		return {
			start: false,
			reason: `status ${code.slice(0, 60) || '(none)'} is not one of the selected statuses`,
		};
	}
	const kindReason = orderKindReason(attributes, filters.orderKind);
	if (kindReason) return { start: false, reason: kindReason };
	// A code CDEK spelled otherwise (a trailing space, a number only) reaches the workflow as its name.
	if (code && attributes.code !== code)
		return { start: true, payload: { ...body, attributes: { ...attributes, code } } };
	return { start: true, payload: body };
}
