/** Test helpers: a tiny HTTP client for the sandbox (real HTTP via Node's fetch) and polling. */
import { startSandbox } from './index';
import type { Sandbox, SandboxOptions } from './index';
import { PATIENCE_MS, until } from '../util/until';

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	body: any;
}

export interface CallOptions {
	body?: unknown;
	form?: Record<string, string>;
	token?: string | null;
	headers?: Record<string, string>;
	signal?: AbortSignal;
}

export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export async function request(url: string, method: string, opts: CallOptions = {}): Promise<Reply> {
	const headers: Record<string, string> = { ...opts.headers };
	let body: string | undefined;
	if (opts.form) {
		body = new URLSearchParams(opts.form).toString();
		headers['content-type'] ??= 'application/x-www-form-urlencoded';
	} else if (opts.body !== undefined) {
		body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
		headers['content-type'] ??= 'application/json';
	}
	if (opts.token) headers.authorization ??= `Bearer ${opts.token}`;
	const res = await fetch(url, { method, headers, body, signal: opts.signal });
	const text = await res.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	return { status: res.status, headers: res.headers, text, body: parsed };
}

/** Client for one sandbox: fetches and caches a token with the published test keys. */
export class CdekClient {
	private cached?: string;

	constructor(readonly sandbox: Sandbox) {}

	async token(fresh = false): Promise<string> {
		if (this.cached && !fresh) return this.cached;
		const { clientId, clientSecret } = this.sandbox.testKeys;
		const reply = await request(`${this.sandbox.rootUrl}/oauth/token`, 'POST', {
			form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
		});
		if (reply.status !== 200) throw new Error(`token: ${reply.status} ${reply.text}`);
		this.cached = reply.body.access_token as string;
		return this.cached;
	}

	/** `path` is relative to the API root, e.g. "/orders/<uuid>". */
	async call(method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
		const token = opts.token === undefined ? await this.token() : opts.token;
		return request(`${this.sandbox.rootUrl}${path}`, method, { ...opts, token });
	}

	get(path: string, opts?: CallOptions) {
		return this.call('GET', path, opts);
	}

	post(path: string, opts?: CallOptions) {
		return this.call('POST', path, opts);
	}

	control(method: string, path: string, body?: unknown): Promise<Reply> {
		return request(`${this.sandbox.controlUrl}${path}`, method, { body });
	}
}

/** Polls until `check` returns a truthy value (async settling, webhook deliveries). */
/** The minimal body of docs/reference/cdek-api.md §6 (from the measured OPI Create-order test, plus the flag). */
export const minimalClientReturn = (number = 'RET-0001') => ({
	type: 1,
	number,
	tariff_code: 139,
	is_client_return: true,
	sender: { name: 'Покупатель' },
	recipient: { name: 'Магазин', phones: [{ number: '+79134637228' }] },
	from_location: { code: 270, address: 'ул. Блюхера, 32' },
	to_location: { code: 44, address: 'Ленинградский пр., 4' },
	packages: [
		{
			number: '1',
			weight: 700,
			length: 10,
			width: 10,
			height: 10,
			items: [
				{
					name: 'Product',
					ware_key: '00055',
					payment: { value: 0 },
					cost: 300,
					weight: 700,
					amount: 1,
				},
			],
		},
	],
});

export async function waitFor<T>(
	check: () => T | Promise<T>,
	what = 'condition',
	timeoutMs = PATIENCE_MS,
): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
	return await until(
		what,
		async () =>
			((await check()) || undefined) as Exclude<T, false | null | undefined | 0 | ''> | undefined,
		timeoutMs,
		10,
	);
}

export function decodeJwtPart(part: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * One sandbox per test file (requests settle only on settlePending()), reset before each test. `use`
 * receives the sandbox and a client for it; with `token` the client fetches a fresh token before each test.
 */
export function useSandbox(
	use: (sandbox: Sandbox, api: CdekClient) => void,
	options: SandboxOptions = {},
	{ token = false } = {},
): void {
	let sandbox: Sandbox | undefined;
	let api: CdekClient | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: -1, ...options });
		api = new CdekClient(sandbox);
		use(sandbox, api);
	});
	afterAll(async () => {
		await sandbox?.stop();
	});
	beforeEach(async () => {
		sandbox?.reset({ config: true });
		if (token) await api?.token(true);
	});
}
