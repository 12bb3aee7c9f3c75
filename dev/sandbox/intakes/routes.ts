/**
 * /v2/intakes routes (docs/reference/cdek-api.md §12): create (202), read, delete (200), available days, and an
 * order's pickups. Checks of the body and of the date and times (in the sender's local time) answer 400 at once;
 * whether the order suits a pickup is decided when the request settles (sandbox choices, dev/sandbox/README.md).
 */
import {
	acceptedBody,
	apiError,
	entityError,
	messages,
	simplifiedError,
} from '../common/envelopes';
import { placeByCode, placeByName, placeByPostalCode, type Place } from '../locations/geography';
import {
	isPlainObject,
	json,
	parseJson,
	type HandlerResult,
	type RequestContext,
} from '../common/http';
import { UUID_PATTERN } from '../common/ids';
import { FINAL_INTAKE_STATUSES, isLive, placeOfOrder, type IntakeService } from './intakes';
import { addDays, isCalendarDate, localNow, minutesOf, weekday } from '../common/local-time';
import type { OrderRecord } from '../orders/order-record';
import type { OrderStore } from '../orders/order-store';
import type { Router } from '../common/router';
import type { ApiError, ApiWarning, RequestType } from '../common/types';

export interface IntakeRouteDeps {
	intakes: IntakeService;
	orders: OrderStore;
	notFoundStatus: () => number;
	/** SandboxOptions.intakeExistsCheck. */
	existsCheck: () => 'request' | 'settle';
}

/** CDEK's pickup rules (§12): 09:00–22:00 local, at most 31 days ahead. */
const EARLIEST = 9 * 60;
const LATEST = 22 * 60;
const MAX_DAYS_AHEAD = 31;
const DEFAULT_DAYS_LISTED = 14;
/** A same-day pickup requested from this local time on may be done the next day (warning v2_late_intake, §12). */
const LATE_FROM = 15 * 60;
const DEFAULT_TIME_ZONE = 'Europe/Moscow';

type Checked<T> = { ok: true; value: T } | { ok: false; result: HandlerResult };

const simplified = (errors: Array<{ code: string; message: string }>): HandlerResult =>
	json(400, simplifiedError(errors));
const entity = (type: RequestType, errors: ApiError[], uuid?: string): HandlerResult =>
	json(400, entityError(type, errors, uuid));
const missing = (value: unknown) => value === undefined || value === null || value === '';
const hhmm = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function readBody(raw: string): Checked<Record<string, unknown>> {
	const parsed = parseJson(raw);
	if (!parsed.ok || !isPlainObject(parsed.value))
		return {
			ok: false,
			result: simplified([{ code: 'v2_bad_request', message: messages.badRequest }]),
		};
	return { ok: true, value: parsed.value };
}

/** The order a pickup is for: `order_uuid` or `cdek_number` (§12). */
function findOrder(
	body: Record<string, unknown>,
	orders: OrderStore,
): Checked<OrderRecord | undefined> {
	const { order_uuid: uuid, cdek_number: cdekNumber } = body;
	if (missing(uuid) && missing(cdekNumber)) return { ok: true, value: undefined };
	if (!missing(uuid) && (typeof uuid !== 'string' || !UUID_PATTERN.test(uuid)))
		return {
			ok: false,
			result: entity('CREATE', [
				apiError('v2_invalid_format', messages.invalidFormat(String(uuid), 'order_uuid')),
			]),
		};
	const order = !missing(uuid)
		? orders.get(uuid as string)
		: orders.findByCdekNumber(String(cdekNumber));
	if (!order)
		return {
			ok: false,
			result: entity('CREATE', [
				apiError(
					'v2_order_not_found',
					`Order not found by ${missing(uuid) ? `cdek_number ${String(cdekNumber)}` : `uuid ${String(uuid)}`}`,
				),
			]),
		};
	return { ok: true, value: order };
}

/** Fields a standalone pickup needs (§12): a description, an address and a sender with a phone. */
function standaloneProblems(
	body: Record<string, unknown>,
): Array<{ code: string; message: string }> {
	const empty = (field: string) => ({
		code: 'v2_field_is_empty',
		message: messages.fieldIsEmpty(field),
	});
	const problems = [];
	if (missing(body.name)) problems.push(empty('name'));
	const from = body.from_location;
	if (!isPlainObject(from) || missing(from.address)) problems.push(empty('from_location.address'));
	const sender = body.sender;
	if (!isPlainObject(sender) || missing(sender.name)) problems.push(empty('sender.name'));
	if (!isPlainObject(sender) || !Array.isArray(sender.phones) || sender.phones.length === 0)
		problems.push(empty('sender.phones'));
	for (const side of ['weight', 'length', 'width', 'height']) {
		const value = body[side];
		if (
			value !== undefined &&
			(typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
		)
			problems.push({ code: 'v2_invalid_value_type', message: messages.invalidValueType(side) });
	}
	return problems;
}

function standalonePlace(body: Record<string, unknown>): Place | undefined {
	const from = body.from_location as Record<string, unknown>;
	return (
		placeByCode(from.code) ??
		placeByPostalCode(from.postal_code) ??
		placeByName(from.city, from.address)
	);
}

/** Date and time rules, checked in the sender's local time (§12). */
function scheduleProblems(
	body: Record<string, unknown>,
	place: Place | undefined,
): {
	errors: Array<{ code: string; message: string }>;
	warnings: ApiWarning[];
} {
	const errors = [];
	const warnings: ApiWarning[] = [];
	const empty = (field: string) => ({
		code: 'v2_field_is_empty',
		message: messages.fieldIsEmpty(field),
	});
	const format = (field: string) => ({
		code: 'v2_invalid_format',
		message: messages.invalidFormat(String(body[field]), field),
	});
	const date = body.intake_date;
	if (missing(date)) errors.push(empty('intake_date'));
	else if (!isCalendarDate(date)) errors.push(format('intake_date'));
	for (const field of ['intake_time_from', 'intake_time_to']) {
		if (missing(body[field])) errors.push(empty(field));
		else if (minutesOf(body[field]) === undefined) errors.push(format(field));
	}
	if (errors.length) return { errors, warnings };
	const now = localNow(place?.time_zone ?? DEFAULT_TIME_ZONE);
	const from = minutesOf(body.intake_time_from) as number;
	const to = minutesOf(body.intake_time_to) as number;
	if ((date as string) < now.date)
		errors.push({
			code: 've_ci_pickup_date_expired',
			message: 'Дата ожидания курьера не может быть меньше текущей',
		});
	if ((date as string) > addDays(now.date, MAX_DAYS_AHEAD))
		errors.push({
			code: 've_ci_pickup_date_too_large',
			message: `Дата ожидания курьера не может быть больше текущей более чем на ${MAX_DAYS_AHEAD} день`,
		});
	if (from < EARLIEST)
		errors.push({
			code: 've_ci_pickup_time_too_small',
			message: `Приезд курьера может осуществляться с ${hhmm(EARLIEST)}`,
		});
	if (to > LATEST)
		errors.push({
			code: 've_ci_pickup_time_too_large',
			message: `Приезд курьера может осуществляться до ${hhmm(LATEST)}`,
		});
	if (to <= from)
		errors.push({
			code: 've_ci_pickup_time_to_before_from',
			message: 'Время окончания ожидания курьера должно быть больше времени начала',
		});
	const lunchFrom = minutesOf(body.lunch_time_from);
	const lunchTo = minutesOf(body.lunch_time_to);
	if (
		(body.lunch_time_from !== undefined || body.lunch_time_to !== undefined) &&
		(lunchFrom === undefined ||
			lunchTo === undefined ||
			lunchFrom < from ||
			lunchTo > to ||
			lunchTo <= lunchFrom)
	)
		errors.push({
			code: 've_ci_pickup_lunch_interval_incorrect',
			message: 'Время обеда должно входить в интервал ожидания курьера',
		});
	if (date === now.date && now.minutes >= LATE_FROM)
		warnings.push({ code: 'v2_late_intake', message: 'Intake may be completed tomorrow' });
	return { errors, warnings };
}

function create(ctx: RequestContext, deps: IntakeRouteDeps): HandlerResult {
	const body = readBody(ctx.rawBody);
	if (!body.ok) return body.result;
	const found = findOrder(body.value, deps.orders);
	if (!found.ok) return found.result;
	const order = found.value;
	if (!order) {
		const problems = standaloneProblems(body.value);
		if (problems.length) return simplified(problems);
	}
	const place = order ? placeOfOrder(order) : standalonePlace(body.value);
	const schedule = scheduleProblems(body.value, place);
	if (schedule.errors.length) return simplified(schedule.errors);

	// One pickup per order (§12): "Intake exists by order {0}".
	if (order) {
		if (deps.existsCheck() === 'request' && deps.intakes.ofOrder(order.uuid).some(isLive))
			return entity('CREATE', [
				apiError(
					'v2_intake_exists_by_order',
					`Intake exists by order ${order.data.cdek_number ?? order.uuid}`,
				),
			]);
	} else {
		const address = String((body.value.from_location as Record<string, unknown>).address);
		if (deps.intakes.liveAt(place, address, String(body.value.intake_date)))
			return entity('CREATE', [
				apiError('v2_intake_exists_by_date_address', 'Intake exists by date and address'),
			]);
	}
	const record = deps.intakes.create(body.value, order ? { order } : { place });
	const answer = acceptedBody(record.uuid, record.requests[0]);
	if (schedule.warnings.length === 0) return json(202, answer);
	return json(202, {
		...answer,
		requests: [{ ...answer.requests[0], warnings: schedule.warnings }],
	});
}

function availableDays(ctx: RequestContext): HandlerResult {
	const body = readBody(ctx.rawBody);
	if (!body.ok) return body.result;
	const from = body.value.from_location;
	if (!isPlainObject(from) || (missing(from.code) && missing(from.address)))
		return simplified([
			{ code: 'v2_field_is_empty', message: messages.fieldIsEmpty('from_location') },
		]);
	const place = !missing(from.code)
		? placeByCode(from.code)
		: (placeByPostalCode(from.postal_code) ?? placeByName(from.city, from.address));
	if (!place)
		return simplified([
			{
				code: 'v2_sender_location_not_recognized',
				message:
					'Location is not recognized. Check your input data and try to provide more details',
			},
		]);
	const today = localNow(place.time_zone).date;
	const until = body.value.date;
	if (until !== undefined && !isCalendarDate(until))
		return simplified([
			{ code: 'v2_invalid_format', message: messages.invalidFormat(String(until), 'date') },
		]);
	const last = [
		(until as string | undefined) ?? addDays(today, DEFAULT_DAYS_LISTED),
		addDays(today, MAX_DAYS_AHEAD),
	].sort()[0];
	const dates: string[] = [];
	// Couriers come Monday to Saturday (sandbox choice).
	for (let day = today; day <= last; day = addDays(day, 1)) if (weekday(day) !== 0) dates.push(day);
	return json(200, { date: dates, all_days: false, errors: [], warnings: [] });
}

export function registerIntakeRoutes(router: Router, deps: IntakeRouteDeps): void {
	const { intakes } = deps;

	const findIntake = (raw: string, type: RequestType) => {
		if (!UUID_PATTERN.test(raw))
			return {
				result: entity(type, [apiError('v2_invalid_format', messages.invalidFormat(raw, 'uuid'))]),
			};
		const record = intakes.get(raw);
		if (!record)
			return {
				result: json(
					deps.notFoundStatus(),
					entityError(type, [apiError('v2_entity_not_found', messages.entityNotFound(raw))]),
				),
			};
		return { record };
	};

	router.add('POST', '/v2/intakes/availableDays', availableDays);
	router.add('POST', '/v2/intakes', (ctx) => create(ctx, deps));

	router.add('GET', '/v2/intakes/:uuid', (ctx) => {
		const found = findIntake(ctx.params.uuid, 'GET');
		if (!found.record) return found.result;
		return json(200, {
			entity: intakes.render(found.record),
			requests: found.record.requests.map((request) => ({ ...request })),
		});
	});

	router.add('DELETE', '/v2/intakes/:uuid', (ctx) => {
		const found = findIntake(ctx.params.uuid, 'DELETE');
		if (!found.record) return found.result;
		const { record } = found;
		const current = record.statuses[0].code;
		if (FINAL_INTAKE_STATUSES.has(current))
			return entity(
				'DELETE',
				[apiError('v2_entity_has_final_status', messages.entityHasFinalStatus(current))],
				record.uuid,
			);
		const inFlight = intakes.similarInFlight(record, 'DELETE');
		if (inFlight)
			return entity(
				'DELETE',
				[
					apiError(
						'v2_similar_request_still_processed',
						messages.similarRequest(inFlight.request_uuid),
					),
				],
				record.uuid,
			);
		// 202 as measured on api.edu.cdek.ru; the schema says 200 (docs/reference/cdek-api.md §12, §17).
		return json(202, acceptedBody(record.uuid, intakes.delete(record)));
	});

	router.add('GET', '/v2/orders/:uuid/intakes', (ctx) => {
		const raw = ctx.params.uuid;
		if (!UUID_PATTERN.test(raw))
			return entity('GET', [apiError('v2_invalid_format', messages.invalidFormat(raw, 'uuid'))]);
		const order = deps.orders.get(raw);
		if (!order)
			return json(
				deps.notFoundStatus(),
				entityError('GET', [apiError('v2_entity_not_found', messages.entityNotFound(raw))]),
			);
		// A bare array of the order's pickups (§12).
		return json(
			200,
			intakes.ofOrder(order.uuid).map((record) => intakes.render(record)),
		);
	});
}
