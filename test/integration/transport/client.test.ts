import { DEFAULT_CONCURRENCY } from '../../../nodes/Cdek/helpers/run-settings';
import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { PATIENCE_MS, until } from '../../../dev/util/until';

const noRetry = { retries: 0 };

describe('transport: faults, retries and no duplicates (sandbox faults)', () => {
	const sandbox = useSandbox();
	const refuse = (options = {}) => ({
		operation: 'createRefusal',
		orderUuid: sandbox().seeds.inTransit.uuid,
		options,
	});
	const refusalPosts = () => apiCalls(sandbox()).filter((call) => call.method === 'POST').length;
	const registered = () =>
		sandbox().counters().refusals[sandbox().seeds.inTransit.uuid]?.registered ?? 0;
	/** Credentials holding a token already: a short Timeout then bounds only the request under test. */
	const withToken = async () => {
		const credentials = accountCredential(sandbox());
		await runCdek(
			{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox().seeds.created.uuid },
			{ credentials },
		);
		expect(sandbox().counters().tokenRequests).toBe(1);
		sandbox().clearLog();
		return credentials;
	};

	describe('what a fault looks like when retries are used up', () => {
		it('an HTML 502 page becomes a readable error', async () => {
			sandbox().injectFault({ kind: 'status', status: 502, body: 'html', path: '/refusal' });
			const result = await runCdek(refuse(noRetry), { credentials: accountCredential(sandbox()) });
			expect(result.error?.message).toMatch(
				/^CDEK answered HTTP 502 with an HTML page \(".*"\) instead of JSON \[item 1\]$/,
			);
			expect(result.error?.description).toContain('temporarily unavailable');
		});

		it("a JSON 500 keeps CDEK's v2_internal_error code", async () => {
			sandbox().injectFault({ kind: 'status', status: 500, body: 'json', path: '/refusal' });
			const result = await runCdek(refuse(noRetry), { credentials: accountCredential(sandbox()) });
			expect(result.error?.message).toMatch(/^CDEK: v2_internal_error: .*\(HTTP 500\) \[item 1\]$/);
		});

		it('honours the Timeout option per request', async () => {
			const credentials = await withToken();
			// Held, not delayed: no answer can beat the Timeout, however the machine schedules the two.
			sandbox().injectFault({ kind: 'hold', path: '/orders/' });
			const result = await runCdek(
				{
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: sandbox().seeds.inTransit.uuid,
					options: { timeout: 200, retries: 0 },
				},
				{ credentials },
			);
			expect(result.error?.message).toBe('CDEK did not answer within 200 ms [item 1]');
			expect(
				await until('the node to close the held request', () =>
					sandbox().heldRequests()[0]?.clientGone ? sandbox().heldRequests() : undefined,
				),
			).toEqual([
				{
					method: 'GET',
					path: `/v2/orders/${sandbox().seeds.inTransit.uuid}`,
					clientGone: true,
				},
			]);
		});
	});

	describe('retries', () => {
		it.each([
			['a 500', { kind: 'status', status: 500 }],
			['a 502 HTML page', { kind: 'status', status: 502, body: 'html' }],
			['a 503', { kind: 'status', status: 503 }],
			['a reset before CDEK applied it', { kind: 'reset-before' }],
		] as const)('retry after %s, and register exactly one refusal', async (_name, fault) => {
			sandbox().injectFault({ ...fault, path: '/refusal', count: 2 });
			const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
			expect(result.status).toBe('success');
			expect(result.output('CDEK')[0].json.requests).toEqual([
				expect.objectContaining({ type: 'CREATE_REFUSAL' }),
			]);
			expect(refusalPosts()).toBe(3);
			expect(registered()).toBe(1);
		});

		it('waits as long as a 429 Retry-After says', async () => {
			sandbox().injectFault({
				kind: 'status',
				status: 429,
				retryAfterSeconds: 1,
				path: '/refusal',
			});
			const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
			expect(result.status).toBe('success');
			const posts = sandbox()
				.requestLog()
				.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/refusal'));
			expect(posts.map((entry) => entry.status)).toEqual([429, 202]);
			expect(Date.parse(posts[1].time) - Date.parse(posts[0].time)).toBeGreaterThanOrEqual(950);
		});

		it('never retries other 4xx answers', async () => {
			sandbox().injectFault({ kind: 'status', status: 400, path: '/refusal' });
			const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
			expect(result.status).toBe('error');
			expect(refusalPosts()).toBe(1);
		});

		it('gives up after Retries and reports the last answer', async () => {
			sandbox().injectFault({ kind: 'status', status: 503, path: '/refusal', count: -1 });
			const result = await runCdek(refuse({ retries: 2 }), {
				credentials: accountCredential(sandbox()),
			});
			expect(result.error?.message).toContain('(HTTP 503)');
			expect(refusalPosts()).toBe(3);
		});
	});

	describe('an unknown outcome is checked, not blindly re-sent', () => {
		it.each([
			['the connection is reset after CDEK applied the refusal', { kind: 'reset-after' }],
			['CDEK answers 202 with broken JSON', { kind: 'malformed-json' }],
		] as const)(
			'when %s: reads the order, finds the refusal, sends no second one',
			async (_name, fault) => {
				sandbox().injectFault({ ...fault, path: '/refusal' });
				const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
				expect(result.status).toBe('success');
				expect(result.output('CDEK')[0].json).toEqual(
					expect.objectContaining({ alreadyRegistered: true }),
				);
				expect(refusalPosts()).toBe(1);
				expect(registered()).toBe(1);
			},
		);

		it('after a timeout, re-sends what CDEK does not have yet; CDEK applies the refusal once', async () => {
			sandbox().configure({ settleDelayMs: -1 });
			// The first refusal reaches CDEK but is held until the node has given up on it and re-sent it.
			const credentials = await withToken();
			sandbox().injectFault({ kind: 'hold', path: '/refusal' });
			const result = await runCdek(refuse({ timeout: 300 }), { credentials });
			expect(result.status).toBe('success');
			expect(result.output('CDEK')[0].json.alreadyRegistered).toBeUndefined();
			expect(sandbox().releaseHeld()).toBe(1);
			await until('the late refusal to be answered', () =>
				sandbox().counters().requestsInFlight === 0 ? true : undefined,
			);
			sandbox().settlePending();
			expect(refusalPosts()).toBe(2);
			const counts = sandbox().counters().refusals[sandbox().seeds.inTransit.uuid];
			expect(counts.applied).toBe(1);
		});

		it('re-sends when the check shows CDEK never got it', async () => {
			sandbox().injectFault({ kind: 'reset-before', path: '/refusal' });
			const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
			expect(result.status).toBe('success');
			expect(refusalPosts()).toBe(2);
			expect(registered()).toBe(1);
		});
	});

	describe('concurrency', () => {
		it('runs many items at once, keeps their order and pairing, and fetches one token', async () => {
			const orders = sandbox().addOrders(DEFAULT_CONCURRENCY + 30, 'SENT_TO_RECIPIENT_CITY');
			// The first item reads alone (its request fetches the token the others wait for); from then on every
			// read is held until DEFAULT_CONCURRENCY of them have arrived: as many items at once, by construction.
			let armed = false;
			sandbox().configure({
				log: (line) => {
					if (armed || !line.startsWith('GET ')) return;
					armed = true;
					sandbox().injectFault({ kind: 'hold', method: 'GET', count: DEFAULT_CONCURRENCY });
				},
			});
			const released = until(
				'every item in flight to have sent its read',
				() => (sandbox().heldRequests().length === DEFAULT_CONCURRENCY ? true : undefined),
				PATIENCE_MS,
				20,
			).then(() => sandbox().releaseHeld());
			const result = await runCdek(
				{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
				{
					input: orders.map((order) => ({ uuid: order.uuid })),
					credentials: accountCredential(sandbox()),
				},
			);
			const items = result.output('CDEK');
			expect(items.map((item) => (item.json.entity as { uuid: string }).uuid)).toEqual(
				orders.map((order) => order.uuid),
			);
			expect(items.map((item) => item.pairedItem)).toEqual(orders.map((_, item) => ({ item })));
			expect(sandbox().counters().tokenRequests).toBe(1);
			expect(await released).toBe(DEFAULT_CONCURRENCY);
			expect(sandbox().counters().peakRequestsInFlight).toBe(DEFAULT_CONCURRENCY);
		});

		it('renews an expired token once for all items in flight', async () => {
			const orders = sandbox().addOrders(30, 'SENT_TO_RECIPIENT_CITY');
			const credentials = accountCredential(sandbox());
			await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: orders[0].uuid },
				{ credentials },
			);
			sandbox().expireTokens();
			const result = await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: '={{ $json.uuid }}' },
				{ input: orders.map((order) => ({ uuid: order.uuid })), credentials },
			);
			expect(result.output('CDEK')).toHaveLength(30);
			expect(sandbox().counters().tokenRequests).toBe(2);
		});

		it('paces items with Batching: batch size, concurrency and interval', async () => {
			const orders = sandbox().addOrders(6, 'SENT_TO_RECIPIENT_CITY');
			const result = await runCdek(
				{
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: '={{ $json.uuid }}',
					options: { batching: { batch: { batchSize: 2, concurrency: 1, batchInterval: 300 } } },
				},
				{
					input: orders.map((order) => ({ uuid: order.uuid })),
					credentials: accountCredential(sandbox()),
				},
			);
			expect(result.output('CDEK')).toHaveLength(6);
			// Counted by the sandbox as requests come and go, not from millisecond timestamps.
			expect(sandbox().counters().peakRequestsInFlight).toBe(1);
			// The pause before each new batch is at least the interval: a lower bound the node guarantees.
			const gets = sandbox()
				.requestLog()
				.filter((entry) => entry.method === 'GET');
			const arrival = (index: number) => Date.parse(gets[index].time);
			const answered = (index: number) => arrival(index) + gets[index].durationMs;
			expect(gets).toHaveLength(6);
			expect(arrival(2) - answered(1)).toBeGreaterThanOrEqual(300);
			expect(arrival(4) - answered(3)).toBeGreaterThanOrEqual(300);
		});

		it('runs the items of a batch without pausing between them, nor after the last batch', async () => {
			const orders = sandbox().addOrders(4, 'SENT_TO_RECIPIENT_CITY');
			// An hour between batches: one pause inside the batch or after it would hold the run that long.
			const result = await runCdek(
				{
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: '={{ $json.uuid }}',
					options: {
						batching: { batch: { batchSize: 4, concurrency: 1, batchInterval: 3_600_000 } },
					},
				},
				{
					input: orders.map((order) => ({ uuid: order.uuid })),
					credentials: accountCredential(sandbox()),
				},
			);
			expect(
				result.output('CDEK').map((item) => (item.json.entity as { uuid: string }).uuid),
			).toEqual(orders.map((order) => order.uuid));
			expect(sandbox().counters().peakRequestsInFlight).toBe(1);
		});
	});
});
