/**
 * Fault injection: status/HTML/429, delay, hold, resets before/after applying, malformed JSON, token expiry,
 * random; and the count of requests in flight.
 */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, request, useSandbox, waitFor } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
useSandbox(
	(sandbox, client) => {
		sb = sandbox;
		api = client;
	},
	{},
	{ token: true },
);

const orderPath = () => `/orders/${sb.seeds.inTransit.uuid}`;
const refusalPath = () => `${orderPath()}/refusal`;

describe('status faults', () => {
	it('answers 500 with a CDEK v2_internal_error body once, then normally', async () => {
		sb.injectFault({ kind: 'status', status: 500, path: '/v2/orders/' });
		const failed = await api.get(orderPath());
		expect(failed.status).toBe(500);
		expect(failed.body).toEqual({
			requests: [
				{
					type: 'GET',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'INVALID',
					errors: [
						{
							code: 'v2_internal_error',
							additional_code: expect.any(String),
							message: 'Internal error',
						},
					],
				},
			],
			related_entities: [],
		});
		expect((await api.get(orderPath())).status).toBe(200);
		expect(sb.counters().faultsInjected).toBe(1);
	});

	it('answers with an nginx-like HTML page', async () => {
		sb.injectFault({ kind: 'status', status: 502, body: 'html', count: 2 });
		for (let i = 0; i < 2; i++) {
			const reply = await api.get(orderPath());
			expect(reply.status).toBe(502);
			expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
			expect(reply.text).toContain('<center><h1>502 Bad Gateway</h1></center>');
			expect(reply.body).toBeUndefined();
		}
		expect((await api.get(orderPath())).status).toBe(200);
	});

	it('answers 429 with Retry-After', async () => {
		sb.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
		const reply = await api.get(orderPath());
		expect(reply.status).toBe(429);
		expect(reply.headers.get('retry-after')).toBe('7');
		expect(reply.body.requests[0].errors[0].code).toBe('v2_too_many_requests');
	});

	it('matches by method and by /regex/ path, and hits the token endpoint too', async () => {
		sb.injectFault({ kind: 'status', status: 503, method: 'POST', path: '/\\/refusal$/' });
		sb.injectFault({ kind: 'status', status: 500, path: '/oauth/token' });
		expect((await api.get(orderPath())).status).toBe(200);
		expect((await api.post(refusalPath())).status).toBe(503);
		expect(sb.counters().refusals).toEqual({});
		await expect(api.token(true)).rejects.toThrow('token: 500');
		expect((await api.post(refusalPath(), { token: await api.token(true) })).status).toBe(202);
	});

	it('keeps a fault with count -1 until cleared', async () => {
		sb.injectFault({ kind: 'status', status: 500, count: -1, method: 'GET' });
		for (let i = 0; i < 3; i++) expect((await api.get(orderPath())).status).toBe(500);
		sb.clearFaults();
		expect((await api.get(orderPath())).status).toBe(200);
	});
});

describe('connection faults', () => {
	it('reset-before: the socket is destroyed and nothing is applied', async () => {
		sb.injectFault({ kind: 'reset-before', path: '/refusal' });
		await expect(api.post(refusalPath())).rejects.toThrow();
		expect(sb.counters().refusals).toEqual({});
		expect((await api.get(orderPath())).body.requests.map((r: { type: string }) => r.type)).toEqual(
			['CREATE'],
		);
		expect(sb.requestLog().filter((e) => e.fault)).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `/v2${refusalPath()}`,
				status: null,
				fault: 'reset-before',
			}),
		]);
	});

	it('reset-after: the refusal is registered but the client gets no answer; a retry meets the similar-request error', async () => {
		sb.injectFault({ kind: 'reset-after', path: '/refusal' });
		await expect(api.post(refusalPath())).rejects.toThrow();
		expect(sb.counters().refusals[sb.seeds.inTransit.uuid]).toEqual({
			registered: 1,
			applied: 0,
			rejected: 0,
		});
		const order = await api.get(orderPath());
		expect(order.body.requests[0]).toMatchObject({ type: 'CREATE_REFUSAL', state: 'ACCEPTED' });
		const retry = await api.post(refusalPath());
		expect(retry.status).toBe(400);
		expect(retry.body.requests[0].errors[0].code).toBe('v2_similar_request_still_processed');
	});

	it('malformed-json: the request is applied and the answer is cut JSON', async () => {
		sb.injectFault({ kind: 'malformed-json', path: '/refusal' });
		const reply = await api.post(refusalPath());
		expect(reply.status).toBe(202);
		expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
		expect(() => JSON.parse(reply.text)).toThrow();
		expect(reply.text.startsWith('{"entity":')).toBe(true);
		expect(sb.counters().refusals[sb.seeds.inTransit.uuid].registered).toBe(1);
	});

	it('delay: a client timeout fires first, and the request is still applied afterwards', async () => {
		sb.injectFault({ kind: 'delay', delayMs: 300, path: '/refusal' });
		await expect(api.post(refusalPath(), { signal: AbortSignal.timeout(30) })).rejects.toThrow();
		await waitFor(
			() => sb.counters().refusals[sb.seeds.inTransit.uuid]?.registered === 1,
			'delayed refusal to apply',
		);
		expect(sb.requestLog().at(-1)).toMatchObject({ fault: 'delay', status: 202 });
	});
});

describe('hold fault: unanswered until the test releases it', () => {
	const held = (count: number) =>
		waitFor(() => sb.heldRequests().length === count && sb.heldRequests(), `${count} held`);

	it('keeps the request unanswered and unapplied, then processes and answers it on release', async () => {
		sb.injectFault({ kind: 'hold', path: '/refusal' });
		const reply = api.post(refusalPath());
		expect(await held(1)).toEqual([
			{ method: 'POST', path: `/v2${refusalPath()}`, clientGone: false },
		]);
		expect(sb.counters().refusals).toEqual({});
		expect(sb.requestLog().filter((entry) => entry.path.endsWith('/refusal'))).toEqual([]);

		expect(sb.releaseHeld()).toBe(1);
		expect((await reply).status).toBe(202);
		expect(sb.counters().refusals[sb.seeds.inTransit.uuid].registered).toBe(1);
		expect(sb.requestLog().at(-1)).toMatchObject({ fault: 'hold', status: 202 });
		expect(sb.heldRequests()).toEqual([]);
	});

	it('notes the client giving up; a reset closes held requests without applying them', async () => {
		sb.injectFault({ kind: 'hold', path: '/refusal', count: -1 });
		const gaveUp = new AbortController();
		const first = api.post(refusalPath(), { signal: gaveUp.signal });
		const second = api.post(refusalPath());
		await held(2);
		gaveUp.abort();
		await expect(first).rejects.toThrow();
		await waitFor(() => sb.heldRequests()[0].clientGone, 'the client to be gone');
		expect(sb.heldRequests()[1].clientGone).toBe(false);

		sb.reset();
		await expect(second).rejects.toThrow();
		expect(sb.heldRequests()).toEqual([]);
		expect(sb.counters().refusals).toEqual({});
	});

	it('is listed and released over the control API, and is never a random fault', async () => {
		await api.control('POST', '/faults', { kind: 'hold', path: '/v2/orders/' });
		const reply = api.get(orderPath());
		await held(1);
		expect((await api.control('GET', '/held')).body).toEqual([
			{ method: 'GET', path: `/v2${orderPath()}`, clientGone: false },
		]);
		expect((await api.control('POST', '/held/release')).body).toEqual({ ok: true, released: 1 });
		expect((await reply).status).toBe(200);

		const random = await api.control('POST', '/faults/random', {
			seed: 1,
			rate: 1,
			kinds: ['hold'],
		});
		expect(random.status).toBe(400);
		expect(random.body.error).toBe('hold is not a random fault kind');
	});
});

describe('requests in flight', () => {
	it('counts requests from arrival until their answer is written, and keeps the peak', async () => {
		sb.injectFault({ kind: 'hold', path: '/v2/orders/', count: 3 });
		const replies = [api.get(orderPath()), api.get(orderPath()), api.post(refusalPath())];
		await waitFor(() => sb.heldRequests().length === 3, '3 held');
		expect(sb.counters()).toMatchObject({ requestsInFlight: 3, peakRequestsInFlight: 3 });

		sb.releaseHeld();
		await Promise.all(replies);
		await api.get(orderPath());
		expect(sb.counters()).toMatchObject({ requestsInFlight: 0, peakRequestsInFlight: 3 });
	});

	it('a reset keeps the requests still in flight counted, as the new peak', async () => {
		sb.injectFault({ kind: 'hold', path: '/v2/orders/', count: 2 });
		const replies = [api.get(orderPath()), api.get(orderPath())];
		await waitFor(() => sb.heldRequests().length === 2, '2 held');
		// The reset closes both held requests; they leave after it, so they were still counted across it.
		sb.reset();
		expect(sb.counters()).toMatchObject({ requestsInFlight: 2, peakRequestsInFlight: 2 });
		expect((await Promise.allSettled(replies)).map((reply) => reply.status)).toEqual([
			'rejected',
			'rejected',
		]);
		expect(sb.counters()).toMatchObject({ requestsInFlight: 0, peakRequestsInFlight: 2 });
	});
});

describe('expire-token fault', () => {
	it('treats the token as expired from that request on', async () => {
		sb.injectFault({ kind: 'expire-token', path: '/orders/' });
		const token = await api.token();
		const first = await api.get(orderPath(), { token });
		expect(first.status).toBe(401);
		expect(first.body.requests[0]).toMatchObject({
			type: 'AUTH',
			errors: [{ code: 'v2_token_expired' }],
		});
		expect((await api.get(orderPath(), { token })).body.requests[0].errors[0].code).toBe(
			'v2_token_expired',
		);
		expect((await api.get(orderPath(), { token: await api.token(true) })).status).toBe(200);
	});
});

describe('random faults', () => {
	const run = async (seed: number) => {
		const box = await startSandbox({ settleDelayMs: -1 });
		try {
			const client = new CdekClient(box);
			const token = await client.token();
			box.injectRandomFaults({
				seed,
				rate: 0.5,
				kinds: [
					{ kind: 'status', status: 503 },
					{ kind: 'status', status: 500, body: 'html' },
				],
				path: '/orders',
			});
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++)
				statuses.push((await client.get(`/orders/${box.seeds.delivered.uuid}`, { token })).status);
			return statuses;
		} finally {
			await box.stop();
		}
	};

	it('produces the same fault sequence for the same seed', async () => {
		const a = await run(42);
		const b = await run(42);
		expect(a).toEqual(b);
		expect(a).toContain(503);
		expect(a).toContain(500);
		expect(a).toContain(200);
		expect(await run(7)).not.toEqual(a);
	});

	it('is set and cleared over the control API', async () => {
		const set = await api.control('POST', '/faults/random', {
			seed: 1,
			rate: 1,
			kinds: ['reset-before'],
			path: '/orders',
		});
		expect(set.status).toBe(200);
		await expect(api.get(orderPath())).rejects.toThrow();
		expect((await api.control('DELETE', '/faults')).status).toBe(200);
		expect((await api.get(orderPath())).status).toBe(200);
	});
});

describe('faults over HTTP and scope', () => {
	it('validates fault specs', async () => {
		const reply = await api.control('POST', '/faults', { kind: 'explode' });
		expect(reply.status).toBe(400);
		expect(reply.body.error).toMatch(/Unknown fault kind/);
	});

	it('never applies to the control API and applies to the payment API', async () => {
		await api.control('POST', '/faults', { kind: 'status', status: 500, count: -1 });
		expect((await api.control('GET', '/counters')).status).toBe(200);
		const pay = await request(`${sb.paymentUrl}/v1/order/SHOP-1005/refund`, 'POST', {
			body: { email: 'a@b.ru' },
		});
		expect(pay.status).toBe(500);
		expect(pay.body).toEqual({ errors: [{ error: 500, message: 'Internal Server Error' }] });
	});
});
