/**
 * /v2/webhooks subscriptions and ORDER_STATUS / PRINT_FORM deliveries (docs/reference/cdek-api.md §8, §11). Deliveries retry on timeout or
 * connection failure (CDEK: 12 attempts in 75 min, then every subscription of that URL is disabled), scaled down
 * by the webhookRetry option.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { CounterSet } from '../common/counters';
import { apiError, entityError, messages } from '../common/envelopes';
import { isPlainObject, json, parseJson } from '../common/http';
import { UUID_PATTERN, randomUuid } from '../common/ids';
import type { OrderRecord, StatusRecord } from '../orders/order-record';
import type { OrderStore } from '../orders/order-store';
import type { PrintForm } from '../print-forms/print-forms';
import type { HandlerResult, RequestContext } from '../common/http';
import type { Scheduler } from '../common/scheduler';
import { statusInfo } from '../orders/statuses';
import { cdekDateTime } from '../common/time';
import type { WebhookDelivery, WebhookRetryOptions } from '../common/types';

/** WebhookDto.type enum (docs/reference/cdek-api.md §8). */
export const WEBHOOK_TYPES = [
	'ORDER_STATUS',
	'ORDER_MODIFIED',
	'PRINT_FORM',
	'RECEIPT',
	'DOWNLOAD_PHOTO',
	'PREALERT_CLOSED',
	'ACCOMPANYING_WAYBILL',
	'OFFICE_AVAILABILITY',
	'DELIV_PROBLEM',
	'DELIV_AGREEMENT',
	'COURIER_INFO',
];

/** At most 2 subscriptions per client (docs/reference/cdek-api.md §8). The error code is undocumented (sandbox choice). */
/** The related-entity types an ORDER_STATUS event carries ([OPENAPI #0], field 4.12.1). */
const WEBHOOK_RELATED_TYPES = new Set(['direct_order', 'client_direct_order']);

export const MAX_SUBSCRIPTIONS = 2;
/** As CDEK's test API answered a third subscription (docs/reference/cdek-api.md §8). */
export const SUBSCRIPTION_LIMIT_CODE = 'v2_too_many_webhooks';

const MAX_KEPT_DELIVERIES = 10_000;

export interface Subscription {
	uuid: string;
	type: string;
	url: string;
	clientId: string;
	/** Set when retries to its URL were exhausted. */
	disabled: boolean;
}

export interface WebhookDeps {
	store: OrderStore;
	scheduler: Scheduler;
	counters: CounterSet;
	retry: () => Required<WebhookRetryOptions>;
	notFoundStatus: () => number;
}

export class WebhookService {
	private subscriptions: Subscription[] = [];
	private deliveryLog: WebhookDelivery[] = [];
	private readonly inFlight = new Set<http.ClientRequest>();
	private nextDeliveryId = 1;
	/** Bumped by reset() so that answers to older deliveries are ignored. */
	private generation = 0;
	private readonly retryTimers = new Set<NodeJS.Timeout>();

	constructor(private readonly deps: WebhookDeps) {}

	/** POST /v2/webhooks: a subscription, within CDEK's limit per account. */
	subscribe(ctx: RequestContext): HandlerResult {
		const parsed = parseJson(ctx.rawBody);
		const body = parsed.ok && isPlainObject(parsed.value) ? parsed.value : {};
		const fail = (code: string, message: string) =>
			json(400, entityError('CREATE', [apiError(code, message)]));
		if (typeof body.type !== 'string' || !WEBHOOK_TYPES.includes(body.type)) {
			return fail('v2_webhook_type_incorrect', messages.webhookTypeIncorrect);
		}
		if (typeof body.url !== 'string' || body.url === '')
			return fail('v2_field_is_empty', messages.fieldIsEmpty('url'));
		if (!/^https?:\/\/\S+$/i.test(body.url))
			return fail('v2_invalid_format', messages.invalidFormat(body.url, 'url'));
		const clientId = ctx.clientId ?? '';
		if (this.subscriptions.filter((s) => s.clientId === clientId).length >= MAX_SUBSCRIPTIONS) {
			return fail(
				SUBSCRIPTION_LIMIT_CODE,
				`Too many active webhooks. Maximum allowed is ${MAX_SUBSCRIPTIONS}`,
			);
		}
		const sub: Subscription = {
			uuid: randomUuid(),
			type: body.type,
			url: body.url,
			clientId,
			disabled: false,
		};
		this.subscriptions.push(sub);
		return json(200, { entity: { uuid: sub.uuid }, requests: [this.requestInfo('CREATE')] });
	}

	/** GET /v2/webhooks: a bare array; real items carry "retryable": false (docs/reference/cdek-api.md §8, AntistressStore PR #27). */
	listSubscriptions(ctx: RequestContext): HandlerResult {
		return json(
			200,
			this.subscriptions
				.filter((s) => s.clientId === ctx.clientId)
				.map((s) => ({ uuid: s.uuid, type: s.type, url: s.url, retryable: false })),
		);
	}

	readSubscription(ctx: RequestContext): HandlerResult {
		const found = this.find(ctx.params.uuid, ctx.clientId, 'GET');
		if ('status' in found) return found;
		return json(200, {
			entity: { uuid: found.uuid, type: found.type, url: found.url },
			requests: [],
		});
	}

	unsubscribe(ctx: RequestContext): HandlerResult {
		const found = this.find(ctx.params.uuid, ctx.clientId, 'DELETE');
		if ('status' in found) return found;
		this.subscriptions = this.subscriptions.filter((s) => s !== found);
		return json(200, { entity: { uuid: found.uuid }, requests: [this.requestInfo('DELETE')] });
	}

	/** Called on every order status change. */
	orderStatusChanged(record: OrderRecord, status: StatusRecord): void {
		const statusCode = statusInfo(status.code).webhookCode;
		if (statusCode === undefined) return;
		const targets = this.subscriptions.filter((s) => s.type === 'ORDER_STATUS' && !s.disabled);
		if (!targets.length) return;
		const payload = this.orderStatusPayload(record, status, statusCode);
		for (const sub of targets) this.deliver(sub, payload, record.uuid);
	}

	/**
	 * Sends a delivery's payload again, byte for byte, as one more attempt: what CDEK does when an answer did
	 * not come in time (docs/reference/cdek-api.md §8). Throws for an unknown delivery id.
	 */
	redeliver(id: number): WebhookDelivery {
		const delivery = this.deliveryLog.find((entry) => entry.id === id);
		if (!delivery) throw new Error(`Unknown webhook delivery: ${id}`);
		delivery.state = 'pending';
		this.attempt(delivery, JSON.stringify(delivery.payload));
		return delivery;
	}

	/**
	 * PRINT_FORM carries the print form's uuid and `{type, url}` only, no order (docs/reference/cdek-api.md §8, §11);
	 * `date_time` is when the link was formed.
	 */
	printFormReady(form: PrintForm): void {
		const targets = this.subscriptions.filter((s) => s.type === 'PRINT_FORM' && !s.disabled);
		if (!targets.length) return;
		const payload = {
			type: 'PRINT_FORM',
			date_time: form.statuses[form.statuses.length - 1].date_time,
			uuid: form.uuid,
			attributes: { type: form.kind === 'barcode' ? 'BARCODE' : 'WAYBILL', url: form.fileUrl },
		};
		const orderUuid = form.printable[0]?.uuid ?? '';
		for (const sub of targets) this.deliver(sub, payload, orderUuid, form.uuid);
	}

	/**
	 * ORDER_MODIFIED as CDEK documents it: the order's uuid and `{modification_type, new_value: {type, value}}`
	 * (docs/reference/cdek-api.md §8).
	 */
	orderModified(
		record: OrderRecord,
		modificationType: string,
		newValue: { type: string; value: string },
	): void {
		this.emit(
			'ORDER_MODIFIED',
			{
				type: 'ORDER_MODIFIED',
				date_time: cdekDateTime(),
				uuid: record.uuid,
				attributes: { modification_type: modificationType, new_value: newValue },
			},
			record.uuid,
		);
	}

	/** DELIV_PROBLEM as CDEK documents it: `{cdek_number, number, code, create_date}` (docs/reference/cdek-api.md §8). */
	deliveryProblem(record: OrderRecord, problem: { code: string; create_date: string }): void {
		this.emit(
			'DELIV_PROBLEM',
			{
				type: 'DELIV_PROBLEM',
				date_time: cdekDateTime(),
				uuid: record.uuid,
				attributes: {
					cdek_number: record.data.cdek_number,
					number: record.data.number,
					code: problem.code,
					create_date: problem.create_date,
				},
			},
			record.uuid,
		);
	}

	/**
	 * COURIER_INFO: a courier was assigned to a courier pickup. CDEK's bundle does not describe its payload
	 * (docs/reference/cdek-api.md §8, UNVERIFIED): the sandbox names the intake by `uuid`, as PRINT_FORM names its
	 * form, with the intake's number and the courier.
	 */
	courierAssigned(intake: {
		uuid: string;
		intakeNumber?: unknown;
		orderUuid?: string;
		courier: Record<string, unknown>;
		time: string;
	}): void {
		this.emit(
			'COURIER_INFO',
			{
				type: 'COURIER_INFO',
				date_time: intake.time,
				uuid: intake.uuid,
				attributes: { intake_number: intake.intakeNumber, courier: intake.courier },
			},
			intake.orderUuid ?? '',
		);
	}

	/** Any body, as it is, to every active subscription of `type`: the corpus's real-world variants on request. */
	deliverRaw(type: string, payload: unknown, orderUuid = ''): number {
		return this.emit(type, payload, orderUuid);
	}

	private emit(type: string, payload: unknown, orderUuid: string): number {
		const targets = this.subscriptions.filter((s) => s.type === type && !s.disabled);
		for (const sub of targets) this.deliver(sub, payload, orderUuid);
		return targets.length;
	}

	/** An ORDER_STATUS payload for the order's current status, as `orderStatusChanged` sends it. */
	currentStatusPayload(record: OrderRecord): Record<string, unknown> | undefined {
		const status = record.statuses[0];
		const statusCode = status && statusInfo(status.code).webhookCode;
		return statusCode === undefined
			? undefined
			: this.orderStatusPayload(record, status, statusCode);
	}

	list(): Subscription[] {
		return this.subscriptions.map((s) => ({ ...s }));
	}

	deliveries(): WebhookDelivery[] {
		return JSON.parse(JSON.stringify(this.deliveryLog)) as WebhookDelivery[];
	}

	reset(): void {
		this.generation++;
		for (const timer of this.retryTimers) this.deps.scheduler.cancel(timer);
		this.retryTimers.clear();
		this.abortInFlight();
		this.subscriptions = [];
		this.deliveryLog = [];
	}

	stop(): void {
		this.generation++;
		this.abortInFlight();
	}

	/** ORDER_STATUS payload as in the documented example (docs/reference/cdek-api.md §8). */
	private orderStatusPayload(record: OrderRecord, status: StatusRecord, statusCode: string) {
		const { data } = record;
		return {
			type: 'ORDER_STATUS',
			date_time: status.date_time,
			uuid: record.uuid,
			attributes: {
				is_return: data.is_return,
				is_reverse: data.is_reverse,
				is_client_return: data.is_client_return,
				cdek_number: data.cdek_number,
				number: data.number,
				// Only the two kinds the ORDER_STATUS table names (docs/reference/cdek-api.md §8); a direct order's return
				// order is found by reading the order, not from its webhook.
				related_entities: record.related
					.filter((r) => WEBHOOK_RELATED_TYPES.has(r.type))
					.map((r) => ({
						type: r.type,
						uuid: r.uuid,
						cdek_number: r.cdek_number ?? this.deps.store.get(r.uuid)?.data.cdek_number,
					})),
				code: status.code,
				status_code: statusCode,
				...(status.reason_code ? { status_reason_code: status.reason_code } : {}),
				status_date_time: status.date_time,
				city_name: status.city,
				city_code: status.city_code,
				deleted: status.deleted,
			},
		};
	}

	private deliver(
		sub: Subscription,
		payload: unknown,
		orderUuid: string,
		printFormUuid?: string,
	): void {
		const delivery: WebhookDelivery = {
			id: this.nextDeliveryId++,
			subscription_uuid: sub.uuid,
			url: sub.url,
			type: sub.type,
			order_uuid: orderUuid,
			...(printFormUuid ? { print_form_uuid: printFormUuid } : {}),
			payload,
			state: 'pending',
			attempts: [],
		};
		this.deliveryLog.push(delivery);
		if (this.deliveryLog.length > MAX_KEPT_DELIVERIES) this.deliveryLog.shift();
		this.attempt(delivery, JSON.stringify(payload));
	}

	private attempt(delivery: WebhookDelivery, body: string): void {
		const retry = this.deps.retry();
		const attempt = delivery.attempts.length + 1;
		const record: WebhookDelivery['attempts'][number] = { attempt, time: cdekDateTime() };
		delivery.attempts.push(record);
		this.deps.counters.webhook('attempts');

		const generation = this.generation;
		const finish = (outcome: { status?: number; error?: string }) => {
			if (generation !== this.generation) return;
			Object.assign(record, outcome);
			const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
			const retryable = outcome.error !== undefined || (retry.retryOnHttpError && !ok);
			if (ok) {
				delivery.state = 'delivered';
				this.deps.counters.webhook('delivered');
			} else if (retryable && attempt < retry.attempts) {
				const timer = this.deps.scheduler.after(retry.intervalMs, () => {
					if (timer) this.retryTimers.delete(timer);
					this.attempt(delivery, body);
				});
				if (timer) this.retryTimers.add(timer);
			} else {
				delivery.state = 'failed';
				this.deps.counters.webhook('failed');
				// Exhausted retries disable every subscription of that URL (docs/reference/cdek-api.md §8).
				if (retryable)
					for (const s of this.subscriptions) if (s.url === delivery.url) s.disabled = true;
			}
		};

		let settled = false;
		const once = (outcome: { status?: number; error?: string }) => {
			if (settled) return;
			settled = true;
			this.inFlight.delete(req);
			finish(outcome);
		};
		const url = new URL(delivery.url);
		const transport = url.protocol === 'https:' ? https : http;
		const req = transport.request(
			url,
			{
				method: 'POST',
				agent: false,
				timeout: retry.timeoutMs,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'cdek-sandbox-webhooks',
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => once({ status: res.statusCode }));
				res.on('error', () => once({ status: res.statusCode }));
			},
		);
		this.inFlight.add(req);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', (err) => once({ error: err.message }));
		req.end(body);
	}

	private abortInFlight(): void {
		for (const req of this.inFlight) req.destroy(new Error('sandbox stopped'));
		this.inFlight.clear();
	}

	private find(raw: string, clientId: string | undefined, type: 'GET' | 'DELETE') {
		if (!UUID_PATTERN.test(raw)) {
			return json(
				400,
				entityError(type, [apiError('v2_invalid_format', messages.invalidFormat(raw, 'uuid'))]),
			);
		}
		const sub = this.subscriptions.find(
			(s) => s.uuid === raw.toLowerCase() && s.clientId === clientId,
		);
		return (
			sub ??
			json(
				this.deps.notFoundStatus(),
				entityError(type, [apiError('v2_entity_not_found', messages.entityNotFound(raw))]),
			)
		);
	}

	private requestInfo(type: 'CREATE' | 'DELETE') {
		// The old docs describe only ACCEPTED for subscription requests (docs/reference/cdek-api.md §8 sources); the subscription is
		// active at once.
		return { request_uuid: randomUuid(), type, date_time: cdekDateTime(), state: 'ACCEPTED' };
	}
}
