/**
 * Payment platform emulator: POST /payment/v1/order/{orderId}/refund, per the refund API in
 * the payment platform's published "Create Order Refund Requests" reference (`POST /v1/order/{id}/refund`). Error body: `{"errors":[{"error":<number>,"message":"…"}]}`.
 *
 * Choices where the document is silent:
 * - bad or missing bearer token → 401 with error 15000 (the only documented configuration/authorization code);
 * - success → 200 `{"refund_request_id","order_id","status":"new"}` (the document shows no success body);
 * - unknown body fields → 15010 ("the parameter name is incorrect" is listed under 15010);
 * - order ids are the CDEK orders' shop numbers (`number`); a new refund request stays "new", so a second one for
 *   the same order answers 15050.
 */
import type { CounterSet } from '../common/counters';
import {
	header,
	isJsonContentType,
	isPlainObject,
	json,
	parseJson,
	type HandlerResult,
	type RequestContext,
} from '../common/http';
import { randomUuid } from '../common/ids';
import type { OrderStore } from '../orders/order-store';
import { cdekDateTime } from '../common/time';
import type { PaymentRefund } from '../common/types';

export interface PaymentOrder {
	id: string;
	status: 'paid' | 'new' | 'canceled';
	amount: number;
}

/** Special payment orders for the eligibility errors (the rest follow the CDEK orders). */
export const SPECIAL_PAYMENT_ORDERS: PaymentOrder[] = [
	{ id: 'PAY-UNPAID', status: 'new', amount: 2490 },
	{ id: 'PAY-ZERO', status: 'paid', amount: 0 },
	{ id: 'PAY-PENDING-REFUND', status: 'paid', amount: 3990 },
];

export const DEFAULT_PAYMENT_TOKEN = 'sandbox-payment-token';

const MESSAGES: Record<number, string> = {
	110: 'JSON is not valid. The request cannot be processed.',
	111: 'Invalid data format (Content-type). The request cannot be processed.',
	15000:
		'Unable to identify your configuration for accessing this API. Please contact technical support.',
	15030: 'Order refund is impossible. Order status is not equal to "paid".',
	15040: 'Order refund is impossible. Order price amount is equal to zero.',
	15050: 'Order refund is impossible. Order refund request already exists.',
	15060: 'Order refund is impossible. Order not found.',
};

const error = (status: number, code: number, message = MESSAGES[code]): HandlerResult =>
	json(status, { errors: [{ error: code, message }] });

export interface PaymentDeps {
	store: OrderStore;
	counters: CounterSet;
	token: () => string;
}

export class PaymentPlatform {
	private refunds: PaymentRefund[] = [];
	private orders = new Map<string, PaymentOrder>();

	constructor(private readonly deps: PaymentDeps) {}

	/** Seeds the special orders and one pending refund (for 15050). */
	reset(): void {
		this.refunds = [];
		this.orders = new Map(SPECIAL_PAYMENT_ORDERS.map((o) => [o.id, { ...o }]));
		this.refunds.push({
			refund_request_id: '5d1c4b7e-2f0a-4c39-9f5e-6b8a1d2e3f40',
			order_id: 'PAY-PENDING-REFUND',
			description: 'Возврат по обращению покупателя',
			email: 'merchant@example.ru',
			status: 'processing',
			created_at: '2026-11-02T10:15:00+0000',
		});
	}

	/**
	 * Payment orders: the special ones, else every CDEK direct order by shop number, paid, amount = items cost
	 * plus the delivery sum.
	 */
	findOrder(id: string): PaymentOrder | undefined {
		const special = this.orders.get(id);
		if (special) return special;
		const record = this.deps.store.findByNumber(id);
		if (!record || record.data.is_return || record.data.is_client_return) return undefined;
		const items = record.data.packages.flatMap((p) => p.items ?? []);
		const amount =
			items.reduce((sum, i) => sum + i.cost * i.amount, 0) +
			Number(record.data.delivery_detail?.delivery_sum ?? 0);
		return { id, status: 'paid', amount };
	}

	list(): PaymentRefund[] {
		return this.refunds.map((r) => ({ ...r }));
	}

	handle(ctx: RequestContext): HandlerResult {
		const match = /^\/payment\/v1\/order\/([^/]+)\/refund$/.exec(ctx.pathname);
		if (!match) return { status: 404, text: '' };
		if (ctx.method !== 'POST') return { status: 405, text: '', headers: { allow: 'POST' } };
		const orderId = decodeURIComponent(match[1]);
		this.deps.counters.paymentRefund(orderId, 'requested');

		const auth = /^Bearer\s+(\S+)$/i.exec(header(ctx.headers, 'authorization') ?? '');
		if (!auth || auth[1] !== this.deps.token()) return error(401, 15000);
		if (!isJsonContentType(ctx.headers)) return error(400, 111);
		const parsed = parseJson(ctx.rawBody);
		if (!parsed.ok || !isPlainObject(parsed.value)) return error(400, 110);

		const fieldErrors = validateRefundBody(parsed.value);
		if (fieldErrors.length) {
			return json(400, {
				errors: fieldErrors.map((f) => ({ error: 15010, message: `Invalid field value: [${f}]` })),
			});
		}

		// Eligibility: the first failing condition answers (seeds/003 error table).
		const order = this.findOrder(orderId);
		if (!order) return error(404, 15060);
		if (order.status !== 'paid') return error(400, 15030);
		if (order.amount <= 0) return error(400, 15040);
		if (
			this.refunds.some(
				(r) => r.order_id === orderId && (r.status === 'new' || r.status === 'processing'),
			)
		) {
			return error(400, 15050);
		}

		const body = parsed.value as { email: string; description?: string };
		const refund: PaymentRefund = {
			refund_request_id: randomUuid(),
			order_id: orderId,
			...(body.description !== undefined ? { description: body.description } : {}),
			email: body.email,
			status: 'new',
			created_at: cdekDateTime(),
		};
		this.refunds.push(refund);
		this.deps.counters.paymentRefund(orderId, 'created');
		return json(200, {
			refund_request_id: refund.refund_request_id,
			order_id: orderId,
			status: refund.status,
		});
	}
}

/** 15010 for each invalid field; several may return (seeds/003). */
function validateRefundBody(body: Record<string, unknown>): string[] {
	const invalid: string[] = [];
	for (const key of Object.keys(body))
		if (key !== 'email' && key !== 'description') invalid.push(key);
	const { email, description } = body;
	if (
		typeof email !== 'string' ||
		email.length === 0 ||
		email.length > 80 ||
		!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
	) {
		invalid.unshift('email');
	}
	if (description !== undefined && (typeof description !== 'string' || description.length > 500))
		invalid.push('description');
	return invalid;
}
