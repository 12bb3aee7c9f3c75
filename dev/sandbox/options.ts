/** Defaults and validation of SandboxOptions (startSandbox, configure(), POST /_sandbox/config). */
import { DEFAULT_PAYMENT_TOKEN } from './payment/payment';
import type { ResolvedOptions, SandboxOptions } from './common/types';

export const DEFAULT_OPTIONS: ResolvedOptions = {
	port: 0,
	host: '127.0.0.1',
	settleDelayMs: 300,
	tokenTtlSeconds: 3599,
	latencyMs: 0,
	clients: [],
	authErrorStatus: 401,
	tokenErrorStatus: 401,
	notFoundStatus: 404,
	// CDEK: 12 attempts in 75 min on timeout (docs/reference/cdek-api.md §8), scaled down.
	webhookRetry: { attempts: 12, intervalMs: 250, timeoutMs: 2000, retryOnHttpError: false },
	paymentToken: DEFAULT_PAYMENT_TOKEN,
	returnNumberDelayMs: 0,
	printReadyDelayMs: 1000,
	// "The link is available for 1 hour" (docs/reference/cdek-api.md §11).
	printLinkTtlMs: 3_600_000,
	printUrlBase: '',
	intakeExistsCheck: 'request',
};

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

/** Merges a partial into resolved options; throws on invalid values. */
export function mergeOptions(
	base: ResolvedOptions,
	partial: Partial<SandboxOptions>,
): ResolvedOptions {
	const next: ResolvedOptions = { ...base, webhookRetry: { ...base.webhookRetry } };
	const p = partial ?? {};
	if (p.port !== undefined) next.port = requireInt('port', p.port, 0, 65535);
	if (p.host !== undefined) next.host = String(p.host);
	if (p.settleDelayMs !== undefined)
		next.settleDelayMs = requireInt('settleDelayMs', p.settleDelayMs, -1);
	if (p.tokenTtlSeconds !== undefined)
		next.tokenTtlSeconds = requireInt('tokenTtlSeconds', p.tokenTtlSeconds, 0);
	if (p.latencyMs !== undefined) next.latencyMs = requireInt('latencyMs', p.latencyMs, 0);
	if (p.clients !== undefined) {
		if (
			!Array.isArray(p.clients) ||
			p.clients.some((c) => typeof c?.clientId !== 'string' || typeof c?.clientSecret !== 'string')
		) {
			throw new Error('clients must be an array of {clientId, clientSecret}');
		}
		next.clients = p.clients.map((c) => ({ clientId: c.clientId, clientSecret: c.clientSecret }));
	}
	if (p.authErrorStatus !== undefined) {
		if (p.authErrorStatus !== 400 && p.authErrorStatus !== 401)
			throw new Error('authErrorStatus must be 400 or 401');
		next.authErrorStatus = p.authErrorStatus;
	}
	if (p.tokenErrorStatus !== undefined)
		next.tokenErrorStatus = requireInt('tokenErrorStatus', p.tokenErrorStatus, 400, 599);
	if (p.notFoundStatus !== undefined) {
		if (p.notFoundStatus !== 400 && p.notFoundStatus !== 404)
			throw new Error('notFoundStatus must be 400 or 404');
		next.notFoundStatus = p.notFoundStatus;
	}
	if (p.webhookRetry !== undefined) {
		const r = p.webhookRetry;
		next.webhookRetry = {
			attempts: requireInt('webhookRetry.attempts', r.attempts ?? next.webhookRetry.attempts, 1),
			intervalMs: requireInt(
				'webhookRetry.intervalMs',
				r.intervalMs ?? next.webhookRetry.intervalMs,
				0,
			),
			timeoutMs: requireInt(
				'webhookRetry.timeoutMs',
				r.timeoutMs ?? next.webhookRetry.timeoutMs,
				1,
			),
			retryOnHttpError: Boolean(r.retryOnHttpError ?? next.webhookRetry.retryOnHttpError),
		};
	}
	if (p.paymentToken !== undefined) {
		if (typeof p.paymentToken !== 'string' || !p.paymentToken)
			throw new Error('paymentToken must be a non-empty string');
		next.paymentToken = p.paymentToken;
	}
	if (p.returnNumberDelayMs !== undefined)
		next.returnNumberDelayMs = requireInt('returnNumberDelayMs', p.returnNumberDelayMs, -1);
	if (p.printReadyDelayMs !== undefined)
		next.printReadyDelayMs = requireInt('printReadyDelayMs', p.printReadyDelayMs, -1);
	if (p.printLinkTtlMs !== undefined)
		next.printLinkTtlMs = requireInt('printLinkTtlMs', p.printLinkTtlMs, 1);
	if (p.printUrlBase !== undefined) {
		if (
			typeof p.printUrlBase !== 'string' ||
			(p.printUrlBase && !/^https?:\/\/\S+$/.test(p.printUrlBase))
		)
			throw new Error('printUrlBase must be an http(s) URL or empty');
		next.printUrlBase = p.printUrlBase.replace(/\/+$/, '');
	}
	if (p.intakeExistsCheck !== undefined) {
		if (p.intakeExistsCheck !== 'request' && p.intakeExistsCheck !== 'settle')
			throw new Error("intakeExistsCheck must be 'request' or 'settle'");
		next.intakeExistsCheck = p.intakeExistsCheck;
	}
	if (p.log !== undefined) next.log = p.log;
	return next;
}

function requireInt(
	name: string,
	value: unknown,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	if (!isInt(value) || (value as number) < min || (value as number) > max) {
		throw new Error(`${name} must be an integer between ${min} and ${max}`);
	}
	return value as number;
}

/** Options as shown over HTTP: client secrets and the payment token masked, no functions. */
export function publicOptions(options: ResolvedOptions) {
	const { log: _log, ...rest } = options;
	return {
		...rest,
		clients: rest.clients.map((c) => ({ clientId: c.clientId, clientSecret: '***' })),
		paymentToken: '***',
	};
}
