/**
 * The HTTP server: /v2 (CDEK API, Bearer auth), /payment (payment platform), /_sandbox (control). Faults, latency
 * and the request log apply to /v2 and /payment only.
 */
import * as http from 'node:http';
import { outlastingClients } from '../util/http-server';
import { createControlRouter, runControl, type ControlUrls } from './control';
import type { SandboxCore } from './core';
import { apiError, entityError, messages } from './common/envelopes';
import { DEFAULT_FAULT_DELAY_MS, nginxErrorPage } from './common/faults';
import { JSON_TYPE, header, json, type HandlerResult, type RequestContext } from './common/http';
import { registerCalculatorRoutes } from './calculator/routes';
import { registerIntakeRoutes } from './intakes/routes';
import { registerLocationRoutes } from './locations/routes';
import { registerOrderRoutes } from './orders/routes';
import { registerPrintFormRoutes } from './print-forms/routes';
import { registerWebhookRoutes } from './webhooks/routes';
import { loggedBody, maskHeaders, maskQuery, maskedSearch } from './common/request-log';
import { Router, displayTemplate } from './common/router';
import type { FaultSpec, RequestType } from './common/types';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const TOKEN_PATH = '/v2/oauth/token';

type Area = 'cdek' | 'payment';

/**
 * CDEK's API by area (README.md, "Map"): each area adds its routes to the router in its own routes file. A new route
 * is one `api.add(method, template, handler)` there; a new area is a folder and one line here. /v2/oauth/token is
 * answered before routing (auth/), like CDEK's Spring Security.
 */
const AREAS: Array<(api: Router, core: SandboxCore) => void> = [
	(api, core) =>
		registerOrderRoutes(api, {
			store: core.store,
			service: core.service,
			counters: core.counters,
			notFoundStatus: () => core.options.notFoundStatus,
		}),
	(api, core) => registerPrintFormRoutes(api, core.printForms),
	(api, core) =>
		registerIntakeRoutes(api, {
			intakes: core.intakes,
			orders: core.store,
			notFoundStatus: () => core.options.notFoundStatus,
			existsCheck: () => core.options.intakeExistsCheck,
		}),
	(api, core) => registerWebhookRoutes(api, core.webhooks),
	(api) => registerCalculatorRoutes(api),
	(api) => registerLocationRoutes(api),
];

export function createSandboxServer(core: SandboxCore, urls: () => ControlUrls): http.Server {
	const api = new Router();
	for (const registerArea of AREAS) registerArea(api, core);
	const control = createControlRouter(core, urls);

	const dispatchCdek = async (ctx: RequestContext): Promise<HandlerResult> => {
		if (ctx.pathname === TOKEN_PATH) {
			core.counters.bump('tokenRequests');
			return core.auth.handleTokenRequest(ctx);
		}
		// Spring Security answers before routing, so unknown paths without a token get 401 too.
		const auth = core.auth.check(header(ctx.headers, 'authorization'));
		if (!auth.ok) return auth.result;
		const match = api.match(ctx.method, ctx.pathname);
		if (match.kind === 'found')
			return match.handler({ ...ctx, params: match.params, clientId: auth.clientId });
		const status = match.kind === 'not-found' ? 404 : 405;
		return json(status, {
			timestamp: new Date().toISOString(),
			status,
			error: status === 404 ? 'Not Found' : 'Method Not Allowed',
			path: ctx.pathname,
		});
	};

	const routeKey = (area: Area, method: string, pathname: string): string => {
		if (area === 'payment') return `${method} /payment/v1/order/{orderId}/refund`;
		if (pathname === TOKEN_PATH) return `${method} ${TOKEN_PATH}`;
		const match = api.match(method, pathname);
		return match.kind === 'found'
			? `${method} ${displayTemplate(match.template)}`
			: `${method} (unmatched)`;
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const rawBody = await readBody(req);
		if (rawBody === undefined) return write(res, json(413, { error: 'Payload too large' }));
		const ctx: RequestContext = {
			method: (req.method ?? 'GET').toUpperCase(),
			pathname: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			params: {},
		};
		if (ctx.pathname === '/_sandbox' || ctx.pathname.startsWith('/_sandbox/'))
			return write(res, await runControl(control, ctx));
		const area = areaOf(ctx.pathname);
		if (!area)
			return write(res, json(404, { error: 'Not found', ...(ctx.pathname === '/' ? urls() : {}) }));

		core.counters.arrive();
		try {
			await serve(req, res, ctx, area, url, started);
		} finally {
			// Right after the answer is written: the client cannot have sent its next request before.
			core.counters.depart();
		}
	};

	const serve = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		ctx: RequestContext,
		area: Area,
		url: URL,
		started: number,
	): Promise<void> => {
		const route = routeKey(area, ctx.method, ctx.pathname);
		core.counters.route(route);
		const fault = core.faults.take(ctx.method, ctx.pathname + url.search);
		if (fault) core.counters.bump('faultsInjected');
		const finish = (status: number | null) => {
			core.log.add({
				time: new Date(started).toISOString(),
				method: ctx.method,
				path: ctx.pathname,
				query: maskQuery(ctx.query),
				headers: maskHeaders(req.headers),
				body: loggedBody(ctx.rawBody, req.headers),
				status,
				durationMs: Date.now() - started,
				route,
				...(fault ? { fault: fault.kind } : {}),
			});
			core.options.log?.(
				`${ctx.method} ${ctx.pathname}${maskedSearch(ctx.query)} → ${status ?? 'reset'} ${Date.now() - started}ms${fault ? ` [fault ${fault.kind}]` : ''}`,
			);
		};

		if (
			fault?.kind === 'hold' &&
			(await core.holds.wait(ctx.method, ctx.pathname, res)) === 'dropped'
		) {
			res.socket?.destroy();
			return finish(null);
		}
		if (fault?.kind === 'reset-before') {
			res.socket?.destroy();
			return finish(null);
		}
		if (fault?.kind === 'delay')
			await core.scheduler.sleep(fault.delayMs ?? DEFAULT_FAULT_DELAY_MS);
		if (area === 'cdek') await core.scheduler.sleep(core.options.latencyMs);
		if (fault?.kind === 'status') {
			const result = faultResult(fault, area, ctx.method);
			write(res, result);
			return finish(result.status);
		}
		if (fault?.kind === 'expire-token') core.auth.expire(header(ctx.headers, 'authorization'));

		let result: HandlerResult;
		try {
			result = area === 'cdek' ? await dispatchCdek(ctx) : core.payment.handle(ctx);
		} catch (err) {
			core.options.log?.(`internal error: ${(err as Error).message}`);
			result = json(
				500,
				entityError(requestTypeOf(ctx.method), [
					apiError('v2_internal_error', messages.internalError),
				]),
			);
		}
		// reset-after: the request was applied, the client never learns the outcome.
		if (fault?.kind === 'reset-after') {
			res.socket?.destroy();
			return finish(null);
		}
		write(res, result, fault?.kind === 'malformed-json');
		finish(result.status);
	};

	return outlastingClients(
		http.createServer((req, res) => {
			handle(req, res).catch(() => {
				if (!res.headersSent) write(res, json(500, { error: 'sandbox failure' }));
				else res.destroy();
			});
		}),
	);
}

function areaOf(pathname: string): Area | undefined {
	if (pathname === '/v2' || pathname.startsWith('/v2/')) return 'cdek';
	if (pathname.startsWith('/payment/')) return 'payment';
	return undefined;
}

function requestTypeOf(method: string): RequestType {
	return method === 'GET'
		? 'GET'
		: method === 'DELETE'
			? 'DELETE'
			: method === 'PATCH'
				? 'UPDATE'
				: 'CREATE';
}

/** A 'status' fault: CDEK-style JSON (v2_internal_error, §7) or an nginx HTML page; 429 carries Retry-After. */
function faultResult(fault: FaultSpec, area: Area, method: string): HandlerResult {
	const status = fault.status ?? 500;
	const headers: Record<string, string> = {};
	if (fault.retryAfterSeconds !== undefined || status === 429)
		headers['retry-after'] = String(fault.retryAfterSeconds ?? 1);
	if (fault.body === 'html')
		return { status, text: nginxErrorPage(status), contentType: 'text/html', headers };
	if (area === 'payment')
		return json(status, { errors: [{ error: status, message: 'Internal Server Error' }] }, headers);
	// CDEK documents no code for 429 (docs/reference/cdek-api.md §9); the sandbox uses v2_too_many_requests (sandbox choice).
	const [code, message] =
		status === 429
			? ['v2_too_many_requests', 'Too many requests']
			: ['v2_internal_error', messages.internalError];
	return json(status, entityError(requestTypeOf(method), [apiError(code, message)]), headers);
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(''));
	});
}

function write(res: http.ServerResponse, result: HandlerResult, malformed = false): void {
	if (res.destroyed || res.writableEnded) return;
	let payload: string | Buffer =
		result.raw ?? result.text ?? (result.body === undefined ? '' : JSON.stringify(result.body));
	// malformed-json: a complete HTTP answer whose body is cut in half (a PDF too).
	if (malformed)
		payload = payload.length > 1 ? payload.slice(0, Math.floor(payload.length / 2)) : '{';
	const headers: Record<string, string | number> = {
		'content-length': Buffer.byteLength(payload),
		...result.headers,
	};
	if (payload.length)
		headers['content-type'] =
			result.contentType ?? (result.text !== undefined ? 'text/plain;charset=UTF-8' : JSON_TYPE);
	res.writeHead(result.status, headers);
	res.end(payload);
}
