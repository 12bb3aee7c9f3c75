/**
 * /_sandbox/... control API (JSON in/out, no auth) so other processes (real n8n e2e, benchmarks, the demo) can drive
 * the sandbox. Errors: `{"error": "..."}` with 400/404.
 */
import { TEST_KEYS } from './auth/auth';
import { NotFoundError, type SandboxCore } from './core';
import {
	isPlainObject,
	json,
	parseJson,
	type HandlerResult,
	type RequestContext,
} from './common/http';
import { publicOptions } from './options';
import { SPECIAL_PAYMENT_ORDERS } from './payment/payment';
import { registerEventRoutes } from './webhooks/event-routes';
import { Router } from './common/router';
import type { FaultSpec, RandomFaultSpec, SandboxOptions } from './common/types';

export interface ControlUrls {
	url: string;
	rootUrl: string;
	controlUrl: string;
	paymentUrl: string;
}

function body(ctx: RequestContext): Record<string, unknown> {
	if (!ctx.rawBody.trim()) return {};
	const parsed = parseJson(ctx.rawBody);
	if (!parsed.ok || !isPlainObject(parsed.value)) throw new Error('Body must be a JSON object');
	return parsed.value;
}

const ok = (extra: Record<string, unknown> = {}) => json(200, { ok: true, ...extra });

export function createControlRouter(core: SandboxCore, urls: () => ControlUrls): Router {
	const router = new Router();

	router.add('GET', '/_sandbox/info', () =>
		json(200, {
			...urls(),
			testKeys: TEST_KEYS,
			// Where each seeded order stands now: a refusal or a status change shows here.
			seeds: core.currentSeeds(),
			paymentOrders: SPECIAL_PAYMENT_ORDERS,
			options: publicOptions(core.options),
		}),
	);
	router.add('GET', '/_sandbox/seeds', () => json(200, core.seeds));
	router.add('POST', '/_sandbox/reset', (ctx) => {
		core.reset({ config: body(ctx).config === true });
		return ok({ seeds: core.seeds });
	});

	router.add('POST', '/_sandbox/orders', (ctx) => {
		const b = body(ctx);
		const order = core.addOrder({
			status: b.status as string | undefined,
			type: b.type as 1 | 2 | undefined,
			number: b.number as string | undefined,
			reasonCode: (b.reason_code ?? b.reasonCode) as string | undefined,
			tariffCode: (b.tariff_code ?? b.tariffCode) as number | undefined,
		});
		return json(200, order);
	});
	router.add('POST', '/_sandbox/orders/bulk', (ctx) => {
		const b = body(ctx);
		const orders = core.addOrdersFast(Number(b.count), String(b.status ?? 'CREATED'), {
			type: b.type as 1 | 2 | undefined,
			numberPrefix: b.numberPrefix as string | undefined,
			reasonCode: (b.reason_code ?? b.reasonCode) as string | undefined,
		});
		return json(200, { count: orders.length, orders });
	});
	router.add('GET', '/_sandbox/orders/:uuid', (ctx) => {
		const order = core.order(ctx.params.uuid);
		return order
			? json(200, order)
			: json(404, { error: `Unknown order uuid: ${ctx.params.uuid}` });
	});
	router.add('POST', '/_sandbox/orders/:uuid/status', (ctx) => {
		const b = body(ctx);
		if (typeof b.code !== 'string') throw new Error('code is required');
		return json(
			200,
			core.setStatus(
				ctx.params.uuid,
				b.code,
				(b.reason_code ?? b.reasonCode) as string | undefined,
			),
		);
	});
	router.add('POST', '/_sandbox/settle', () => ok({ settled: core.settlePending() }));
	router.add('GET', '/_sandbox/print-forms', () =>
		json(
			200,
			core.printForms.list().map((form) => core.printForms.render(form)),
		),
	);

	router.add('GET', '/_sandbox/log', (ctx) =>
		json(200, core.log.since(Number(ctx.query.get('since') ?? 0) || 0)),
	);
	router.add('DELETE', '/_sandbox/log', () => {
		core.log.clear();
		return ok();
	});
	router.add('GET', '/_sandbox/counters', () => json(200, core.counters.snapshot()));

	router.add('GET', '/_sandbox/faults', () => json(200, core.faults.list()));
	router.add('POST', '/_sandbox/faults', (ctx) => {
		core.faults.add(body(ctx) as unknown as FaultSpec);
		return ok(core.faults.list());
	});
	router.add('POST', '/_sandbox/faults/random', (ctx) => {
		core.faults.addRandom(body(ctx) as unknown as RandomFaultSpec);
		return ok(core.faults.list());
	});
	router.add('DELETE', '/_sandbox/faults', () => {
		core.faults.clear();
		return ok();
	});

	router.add('GET', '/_sandbox/held', () => json(200, core.holds.list()));
	router.add('POST', '/_sandbox/held/release', () => ok({ released: core.holds.release() }));

	router.add('POST', '/_sandbox/tokens/expire', () => {
		core.auth.expireAll();
		return ok();
	});
	router.add('GET', '/_sandbox/config', () => json(200, publicOptions(core.options)));
	router.add('POST', '/_sandbox/config', (ctx) => {
		const b = body(ctx) as Partial<SandboxOptions>;
		if (b.port !== undefined || b.host !== undefined)
			throw new Error('port and host cannot change while running');
		core.configure(b);
		return json(200, publicOptions(core.options));
	});

	router.add('GET', '/_sandbox/payment/refunds', () => json(200, core.payment.list()));
	registerEventRoutes(router, core, body);
	router.add('GET', '/_sandbox/webhooks', () => json(200, core.webhooks.list()));
	router.add('GET', '/_sandbox/webhooks/deliveries', () => json(200, core.webhooks.deliveries()));
	router.add('POST', '/_sandbox/webhooks/deliveries/:id/redeliver', (ctx) => {
		const id = Number(ctx.params.id);
		const known = core.webhooks.deliveries().some((delivery) => delivery.id === id);
		if (!known) return json(404, { error: `Unknown webhook delivery: ${ctx.params.id}` });
		core.webhooks.redeliver(id);
		return ok({ id });
	});
	return router;
}

/** Runs a control handler, turning thrown errors into JSON errors. */
export async function runControl(router: Router, ctx: RequestContext): Promise<HandlerResult> {
	const match = router.match(ctx.method, ctx.pathname);
	if (match.kind === 'not-found')
		return json(404, { error: `No control route ${ctx.method} ${ctx.pathname}` });
	if (match.kind === 'method-not-allowed')
		return json(
			405,
			{ error: `Use ${match.allowed.join(' or ')}` },
			{ allow: match.allowed.join(', ') },
		);
	try {
		return await match.handler({ ...ctx, params: match.params });
	} catch (err) {
		return json(err instanceof NotFoundError ? 404 : 400, { error: (err as Error).message });
	}
}
