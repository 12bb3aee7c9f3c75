/** Start/stop: random ports, independent instances, and stop() leaving nothing behind. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../dev/sandbox';
import { CdekClient, request, waitFor } from '../../dev/sandbox/http-client';

describe('lifecycle', () => {
	it('starts on a random free port by default; instances are independent', async () => {
		const a = await startSandbox({ settleDelayMs: -1 });
		const b = await startSandbox({ settleDelayMs: -1 });
		try {
			expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(a.url).not.toBe(b.url);
			expect([a.rootUrl, a.controlUrl, a.paymentUrl]).toEqual([
				`${a.url}/v2`,
				`${a.url}/_sandbox`,
				`${a.url}/payment`,
			]);
			await new CdekClient(a).post(`/orders/${a.seeds.inTransit.uuid}/refusal`);
			expect(a.counters().refusals[a.seeds.inTransit.uuid].registered).toBe(1);
			expect(b.counters().refusals).toEqual({});
		} finally {
			await Promise.all([a.stop(), b.stop()]);
		}
	});

	it('listens on a given port', async () => {
		const probe = http.createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const port = (probe.address() as AddressInfo).port;
		await new Promise((resolve) => probe.close(resolve));
		const sb = await startSandbox({ port });
		try {
			expect(sb.url).toBe(`http://127.0.0.1:${port}`);
		} finally {
			await sb.stop();
		}
	});

	it('stop() closes the server and cancels pending settles, delayed answers and webhook retries', async () => {
		const sb = await startSandbox({
			settleDelayMs: 60_000,
			webhookRetry: { attempts: 12, intervalMs: 60_000 },
		});
		const api = new CdekClient(sb);
		await api.post('/webhooks', {
			body: { type: 'ORDER_STATUS', url: 'http://127.0.0.1:9/unreachable' },
		});
		await api.post(`/orders/${sb.seeds.inTransit.uuid}/refusal`);
		sb.setStatus(sb.seeds.inTransit2.uuid, 'SENT_TO_RECIPIENT_CITY');
		sb.injectFault({ kind: 'delay', delayMs: 60_000 });
		const delayed = api.get(`/orders/${sb.seeds.created.uuid}`).catch((err: Error) => err);
		await waitFor(() => sb.counters().requestsInFlight === 1, 'the delayed request in flight');
		await sb.stop();
		await sb.stop(); // idempotent
		expect(await delayed).toMatchObject({ message: 'fetch failed' });
		await expect(request(`${sb.rootUrl}/orders`, 'GET')).rejects.toThrow();
	});

	it('answers unknown top-level paths with 404 JSON', async () => {
		const sb = await startSandbox();
		try {
			const reply = await request(`${sb.url}/`, 'GET');
			expect(reply.status).toBe(404);
			expect(reply.body).toMatchObject({ rootUrl: sb.rootUrl });
		} finally {
			await sb.stop();
		}
	});
});
