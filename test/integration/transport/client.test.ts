import { DEFAULT_CONCURRENCY } from '../../../nodes/Cdek/helpers/run-settings';
import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

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

	describe('what a fault looks like when retries are used up', () => {
		it('an HTML 502 page becomes a readable error', async () => {
			sandbox().injectFault({ kind: 'status', status: 502, body: 'html', path: '/refusal' });
			const result = await runCdek(refuse(noRetry), { credentials: accountCredential(sandbox()) });
			expect(result.error?.message).toMatch(
				/^CDEK answered HTTP 502 with an HTML page \(".*"\) instead of JSON \[item 0\]$/,
			);
			expect(result.error?.description).toContain('temporarily unavailable');
		});

		it("a JSON 500 keeps CDEK's v2_internal_error code", async () => {
			sandbox().injectFault({ kind: 'status', status: 500, body: 'json', path: '/refusal' });
			const result = await runCdek(refuse(noRetry), { credentials: accountCredential(sandbox()) });
			expect(result.error?.message).toMatch(/^CDEK: v2_internal_error: .*\(HTTP 500\) \[item 0\]$/);
		});

		it('honours the Timeout option per request', async () => {
			sandbox().injectFault({ kind: 'delay', delayMs: 2000, path: '/orders/' });
			const result = await runCdek(
				{
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: sandbox().seeds.inTransit.uuid,
					options: { timeout: 200, retries: 0 },
				},
				{ credentials: accountCredential(sandbox()) },
			);
			expect(result.error?.message).toBe('CDEK did not answer within 200 ms [item 0]');
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
			sandbox().injectFault({ kind: 'delay', delayMs: 1000, path: '/refusal' });
			const result = await runCdek(refuse({ timeout: 300 }), {
				credentials: accountCredential(sandbox()),
			});
			expect(result.status).toBe('success');
			await new Promise((resolve) => setTimeout(resolve, 1500));
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
			sandbox().configure({ latencyMs: 30 });
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
			const peak = maxInFlight(
				sandbox()
					.requestLog()
					.filter((entry) => entry.path !== '/v2/oauth/token'),
			);
			expect(peak).toBeGreaterThan(1);
			expect(peak).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
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
			const gets = sandbox()
				.requestLog()
				.filter((entry) => entry.method === 'GET');
			expect(maxInFlight(gets)).toBe(1);
			const gaps = gets
				.slice(1)
				.map((entry, index) => Date.parse(entry.time) - Date.parse(gets[index].time));
			expect(gaps.filter((gap) => gap >= 280)).toHaveLength(2);
		});
	});
});

/** Most requests the sandbox was serving at the same moment (from arrival times and durations). */
function maxInFlight(entries: Array<{ time: string; durationMs: number }>): number {
	const events = entries.flatMap((entry) => {
		const start = Date.parse(entry.time);
		return [
			{ at: start, delta: 1 },
			{ at: start + entry.durationMs, delta: -1 },
		];
	});
	events.sort((a, b) => a.at - b.at || a.delta - b.delta);
	let current = 0;
	let peak = 0;
	for (const event of events) {
		current += event.delta;
		peak = Math.max(peak, current);
	}
	return peak;
}
