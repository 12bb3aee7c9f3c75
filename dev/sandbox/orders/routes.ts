/**
 * /v2/orders routes: lookups (docs/reference/cdek-api.md §5), refusal (§3), client return (§4), create (§6), delete (§10).
 * Synchronous errors follow §7: entity-style envelope for lookups/path problems, simplified one for body validation.
 */
import {
	acceptedBody,
	apiError,
	entityError,
	messages,
	simplifiedError,
} from '../common/envelopes';
import {
	isPlainObject,
	json,
	parseJson,
	type HandlerResult,
	type RequestContext,
} from '../common/http';
import { UUID_PATTERN, randomUuid } from '../common/ids';
import { asyncCreateErrors, recordFromBody, validateCreateBody } from './order-create';
import { renderOrder, type OrderRecord } from './order-record';
import type { OrderStore } from './order-store';
import type { OrderService } from './orders';
import type { CounterSet } from '../common/counters';
import type { Router } from '../common/router';
import type { RequestType } from '../common/types';

export interface OrderRouteDeps {
	store: OrderStore;
	service: OrderService;
	counters: CounterSet;
	notFoundStatus: () => number;
}

type Lookup = { ok: true; record: OrderRecord } | { ok: false; result: HandlerResult };

export function registerOrderRoutes(router: Router, deps: OrderRouteDeps): void {
	const { store, service, counters } = deps;

	/** Malformed uuid → 400 v2_invalid_format; unknown → notFoundStatus v2_entity_not_found (docs/reference/cdek-api.md §7). */
	const badFormat = (raw: string, type: RequestType): HandlerResult | undefined =>
		UUID_PATTERN.test(raw)
			? undefined
			: json(
					400,
					entityError(type, [apiError('v2_invalid_format', messages.invalidFormat(raw, 'uuid'))]),
				);

	const findOrder = (raw: string, type: RequestType): Lookup => {
		const malformed = badFormat(raw, type);
		if (malformed) return { ok: false, result: malformed };
		const record = store.get(raw);
		if (!record) {
			return {
				ok: false,
				result: json(
					deps.notFoundStatus(),
					entityError(type, [apiError('v2_entity_not_found', messages.entityNotFound(raw))]),
				),
			};
		}
		return { ok: true, record };
	};

	/** Second same-type request while one is ACCEPTED → 400 (docs/reference/cdek-api.md §3, §9). */
	const similar = (record: OrderRecord, type: RequestType): HandlerResult | undefined => {
		const inFlight = service.similarInFlight(record, type);
		if (!inFlight) return undefined;
		counters.bump('similarRequestRejections');
		return json(
			400,
			entityError(
				type,
				[
					apiError(
						'v2_similar_request_still_processed',
						messages.similarRequest(inFlight.request_uuid),
					),
				],
				record.uuid,
			),
		);
	};

	router.add('GET', '/v2/orders/:uuid', (ctx) => {
		const found = findOrder(ctx.params.uuid, 'GET');
		return found.ok ? json(200, renderOrder(found.record)) : found.result;
	});

	router.add('GET', '/v2/orders', (ctx) => getByNumber(ctx, store));

	router.add('POST', '/v2/orders/:uuid/refusal', (ctx) => {
		// No request body (docs/reference/cdek-api.md §3); whatever is sent is ignored.
		const found = findOrder(ctx.params.uuid, 'CREATE_REFUSAL');
		if (!found.ok) return found.result;
		const busy = similar(found.record, 'CREATE_REFUSAL');
		if (busy) return busy;
		return json(202, acceptedBody(found.record.uuid, service.refuse(found.record)));
	});

	router.add('POST', '/v2/orders/:uuid/clientReturn', (ctx) => {
		const malformed = badFormat(ctx.params.uuid, 'CREATE_CLIENT_RETURN');
		if (malformed) return malformed;
		const tariff = readTariffCode(ctx.rawBody);
		if (!tariff.ok) return tariff.result;
		const found = findOrder(ctx.params.uuid, 'CREATE_CLIENT_RETURN');
		if (!found.ok) return found.result;
		const busy = similar(found.record, 'CREATE_CLIENT_RETURN');
		if (busy) return busy;
		// entity.uuid is the direct order (docs/reference/cdek-api.md §4).
		return json(
			202,
			acceptedBody(found.record.uuid, service.clientReturn(found.record, tariff.value)),
		);
	});

	router.add('DELETE', '/v2/orders/:uuid', (ctx) => {
		const found = findOrder(ctx.params.uuid, 'DELETE');
		if (!found.ok) return found.result;
		const busy = similar(found.record, 'DELETE');
		if (busy) return busy;
		return json(202, acceptedBody(found.record.uuid, service.delete(found.record)));
	});

	router.add('POST', '/v2/orders', (ctx) => {
		const parsed = parseJson(ctx.rawBody);
		if (!parsed.ok)
			return json(400, simplifiedError([{ code: 'v2_bad_request', message: messages.badRequest }]));
		const errors = validateCreateBody(parsed.value);
		if (errors.length) return json(400, simplifiedError(errors));
		const body = parsed.value as Record<string, unknown>;
		const record = recordFromBody(body, randomUuid(), store.nextSeq());
		const request = service.create(record, asyncCreateErrors(body));
		return json(202, acceptedBody(record.uuid, request));
	});
}

/** `{tariff_code}` is required and an integer (docs/reference/cdek-api.md §4); failures use the simplified envelope. */
function readTariffCode(
	raw: string,
): { ok: true; value: number } | { ok: false; result: HandlerResult } {
	const parsed = raw.trim() === '' ? { ok: true as const, value: undefined } : parseJson(raw);
	if (!parsed.ok)
		return {
			ok: false,
			result: json(
				400,
				simplifiedError([{ code: 'v2_bad_request', message: messages.badRequest }]),
			),
		};
	const body = parsed.value;
	const value = isPlainObject(body) ? body.tariff_code : undefined;
	if (value === undefined || value === null || value === '') {
		return {
			ok: false,
			result: json(
				400,
				simplifiedError([
					{ code: 'v2_field_is_empty', message: messages.fieldIsEmpty('tariff_code') },
				]),
			),
		};
	}
	if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2 ** 31 - 1) {
		return {
			ok: false,
			result: json(
				400,
				simplifiedError([
					{ code: 'v2_invalid_value_type', message: messages.invalidValueType('tariff_code') },
				]),
			),
		};
	}
	return { ok: true, value };
}

/** GET /v2/orders?cdek_number= | ?im_number= (docs/reference/cdek-api.md §5; errors measured in §7: HTTP 400). */
function getByNumber(ctx: RequestContext, store: OrderStore): HandlerResult {
	const cdekNumber = ctx.query.get('cdek_number');
	const imNumber = ctx.query.get('im_number');
	if (cdekNumber) {
		if (!/^\d{1,19}$/.test(cdekNumber)) {
			return json(
				400,
				entityError('GET', [
					apiError('v2_invalid_format', messages.invalidFormat(cdekNumber, 'cdek_number')),
				]),
			);
		}
		const record = store.findByCdekNumber(cdekNumber);
		return record
			? json(200, renderOrder(record))
			: json(
					400,
					entityError('GET', [apiError('v2_order_not_found', messages.orderNotFound(cdekNumber))]),
				);
	}
	if (imNumber) {
		const record = store.findByNumber(imNumber);
		return record
			? json(200, renderOrder(record))
			: json(
					400,
					entityError('GET', [
						apiError('v2_entity_not_found_im_number', messages.entityNotFoundImNumber(imNumber)),
					]),
				);
	}
	return json(
		400,
		entityError('GET', [apiError('v2_order_number_empty', messages.orderNumberEmpty)]),
	);
}
