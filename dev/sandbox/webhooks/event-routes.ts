/**
 * /_sandbox control endpoints that make CDEK's other events happen: a delivery problem, an order modification, a
 * courier assigned to a pickup, and any webhook body on request (the real-world variants of ORDER_STATUS CDEK has
 * sent: docs/reference/cdek-api.md §8). Each changes the sandbox's state first, so that the trigger can read back
 * what the event says, then delivers the event to the subscriptions of its type.
 */
import { NotFoundError, type SandboxCore } from '../core';
import { json, type RequestContext } from '../common/http';
import type { Router } from '../common/router';
import { cdekDateTime } from '../common/time';

type Body = (ctx: RequestContext) => Record<string, unknown>;

/** ORDER_STATUS as CDEK has really sent it, made from the order's current status (names: issue 19's corpus). */
const STATUS_VARIANTS: Record<
	string,
	(attributes: Record<string, unknown>) => Record<string, unknown>
> = {
	documented: (a) => a,
	'status-code-only': ({ code: _code, ...a }) => a,
	'status-code-number': ({ code: _code, ...a }) => ({ ...a, status_code: Number(a.status_code) }),
	'code-trailing-space': (a) => ({ ...a, code: `${String(a.code)} ` }),
	'code-lower-case': (a) => ({ ...a, code: String(a.code).toLowerCase() }),
	'offset-colon': (a) => ({ ...a, status_date_time: withColonOffset(a.status_date_time) }),
	'numbers-as-integers': (a) => ({
		...a,
		cdek_number: Number(a.cdek_number),
		city_code: Number(a.city_code),
	}),
};

function withColonOffset(time: unknown): unknown {
	const text = String(time);
	const instant = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	if (Number.isNaN(instant)) return time;
	// The same instant at +07:00 (Novosibirsk), as CDEK writes local times.
	return `${new Date(instant + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

export const WEBHOOK_VARIANTS = Object.keys(STATUS_VARIANTS);

export function registerEventRoutes(router: Router, core: SandboxCore, body: Body): void {
	const order = (uuid: string) => {
		const record = core.store.get(uuid);
		if (!record) throw new NotFoundError(`Unknown order uuid: ${uuid}`);
		return record;
	};

	router.add('POST', '/_sandbox/orders/:uuid/problem', (ctx) => {
		const record = order(ctx.params.uuid);
		const problem = { code: String(body(ctx).code ?? '7'), create_date: cdekDateTime() };
		const problems = (record.data.delivery_problem as unknown[] | undefined) ?? [];
		record.data.delivery_problem = [...problems, problem];
		core.webhooks.deliveryProblem(record, problem);
		return json(200, { problem });
	});

	router.add('POST', '/_sandbox/orders/:uuid/modify', (ctx) => {
		const record = order(ctx.params.uuid);
		const b = body(ctx);
		const value = String(
			b.value ?? new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
		);
		record.data.planned_delivery_date = value;
		core.webhooks.orderModified(
			record,
			String(b.modification_type ?? 'PLANED_DELIVERY_DATE_CHANGED'),
			{
				type: 'DATE',
				value,
			},
		);
		return json(200, { planned_delivery_date: value });
	});

	router.add('POST', '/_sandbox/intakes/:uuid/courier', (ctx) => {
		const record = core.intakes.get(ctx.params.uuid);
		if (!record) throw new NotFoundError(`Unknown intake uuid: ${ctx.params.uuid}`);
		const time = cdekDateTime();
		const courier = { name: 'Курьер Тестовый', phone: '+70000000000' };
		record.statuses.unshift({
			code: 'APPOINTED_COURIER',
			name: 'Назначен курьер',
			date_time: time,
		});
		record.fields = { ...record.fields, courier };
		core.webhooks.courierAssigned({
			uuid: record.uuid,
			intakeNumber: record.fields.intake_number,
			orderUuid: record.orderUuid,
			courier,
			time,
		});
		return json(200, core.intakes.render(record));
	});

	/** `{type, body}` delivers the body as it is; `{order_uuid, variant}` an ORDER_STATUS variant of its status. */
	router.add('POST', '/_sandbox/webhooks/deliver', (ctx) => {
		const b = body(ctx);
		if (b.body !== undefined) {
			const type = String(b.type ?? (b.body as { type?: unknown })?.type ?? '');
			return json(200, { subscriptions: core.webhooks.deliverRaw(type, b.body) });
		}
		const variant = STATUS_VARIANTS[String(b.variant ?? 'documented')];
		if (!variant) throw new Error(`variant must be one of ${WEBHOOK_VARIANTS.join(', ')}`);
		const record = order(String(b.order_uuid ?? ''));
		const payload = core.webhooks.currentStatusPayload(record);
		if (!payload) throw new Error('the order has no status CDEK sends a webhook for');
		const sent = {
			...payload,
			attributes: variant(payload.attributes as Record<string, unknown>),
		};
		return json(200, {
			subscriptions: core.webhooks.deliverRaw('ORDER_STATUS', sent, record.uuid),
			payload: sent,
		});
	});
}
