/** /v2/webhooks subscriptions and ORDER_STATUS deliveries with retries (docs/reference/cdek-api.md §8). */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox, type WebhookDelivery } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, waitFor } from '../../dev/sandbox/http-client';

/** A local webhook receiver; `behaviour` decides per request how it answers. */
class Receiver {
	readonly bodies: unknown[] = [];
	behaviour: (n: number) => 'ok' | 'error-500' | 'reset' | 'hang' = () => 'ok';
	private readonly server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			const mode = this.behaviour(this.bodies.length + 1);
			this.bodies.push(JSON.parse(raw));
			if (mode === 'reset') req.socket.destroy();
			else if (mode !== 'hang') res.writeHead(mode === 'ok' ? 200 : 500).end();
		});
	});
	url = '';

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
	}

	stop(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}

let sb: Sandbox;
let api: CdekClient;
let receiver: Receiver;

beforeAll(async () => {
	sb = await startSandbox({
		settleDelayMs: -1,
		// A receiver that answers must never time out, however loaded the machine; the hanging one always does.
		webhookRetry: { attempts: 3, intervalMs: 10, timeoutMs: 15_000 },
	});
	api = new CdekClient(sb);
	receiver = new Receiver();
	await receiver.start();
});
afterAll(async () => {
	await sb.stop();
	await receiver.stop();
});
beforeEach(() => {
	sb.reset({ config: true });
	receiver.bodies.length = 0;
	receiver.behaviour = () => 'ok';
});

const subscribe = (type = 'ORDER_STATUS', url = receiver.url) =>
	api.post('/webhooks', { body: { type, url } });
const settledDeliveries = (count: number) =>
	waitFor(() => {
		const all = sb.webhookDeliveries();
		return all.length >= count && all.every((d) => d.state !== 'pending') && all;
	}, `${count} settled deliveries`);

describe('subscriptions', () => {
	it('subscribes, lists as a bare array with retryable:false, reads and deletes', async () => {
		const created = await subscribe();
		expect(created.status).toBe(200);
		expect(created.body).toEqual({
			entity: { uuid: expect.any(String) },
			requests: [
				{
					request_uuid: expect.any(String),
					type: 'CREATE',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'ACCEPTED',
				},
			],
		});
		const uuid = created.body.entity.uuid;
		const list = await api.get('/webhooks');
		expect(list.body).toEqual([
			{ uuid, type: 'ORDER_STATUS', url: receiver.url, retryable: false },
		]);
		expect((await api.get(`/webhooks/${uuid}`)).body).toEqual({
			entity: { uuid, type: 'ORDER_STATUS', url: receiver.url },
			requests: [],
		});
		const deleted = await api.call('DELETE', `/webhooks/${uuid}`);
		expect(deleted.body).toMatchObject({ entity: { uuid }, requests: [{ type: 'DELETE' }] });
		expect((await api.get('/webhooks')).body).toEqual([]);
		const gone = await api.get(`/webhooks/${uuid}`);
		expect(gone.status).toBe(404);
		expect(gone.body.requests[0].errors[0].code).toBe('v2_entity_not_found');
	});

	it('rejects an unknown type with v2_webhook_type_incorrect', async () => {
		const reply = await subscribe('ORDER_STATUSES');
		expect(reply.status).toBe(400);
		expect(reply.body.requests[0].errors[0]).toMatchObject({
			code: 'v2_webhook_type_incorrect',
			message: 'Webhook type is incorrect',
		});
	});

	it('allows at most two subscriptions per client', async () => {
		expect((await subscribe('ORDER_STATUS')).status).toBe(200);
		expect((await subscribe('PRINT_FORM')).status).toBe(200);
		const third = await subscribe('ORDER_STATUS', `${receiver.url}/other`);
		expect(third.status).toBe(400);
		expect(third.body.requests[0].errors[0]).toMatchObject({
			code: 'v2_too_many_webhooks',
			message: 'Too many active webhooks. Maximum allowed is 2',
		});
	});
});

describe('ORDER_STATUS deliveries', () => {
	it('delivers the documented payload on a status change', async () => {
		await subscribe();
		const seed = sb.seeds.inTransit;
		sb.setStatus(seed.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		await settledDeliveries(1);
		expect(receiver.bodies).toEqual([
			{
				type: 'ORDER_STATUS',
				date_time: expect.stringMatching(DATE_TIME),
				uuid: seed.uuid,
				attributes: {
					is_return: false,
					is_reverse: false,
					is_client_return: false,
					cdek_number: seed.cdek_number,
					number: seed.number,
					related_entities: [],
					code: 'ACCEPTED_IN_RECIPIENT_CITY',
					status_code: '9',
					status_date_time: expect.stringMatching(DATE_TIME),
					city_name: 'Новосибирск',
					city_code: '270',
					deleted: false,
				},
			},
		]);
		expect(sb.counters().webhookDeliveries).toEqual({ attempts: 1, delivered: 1, failed: 0 });
	});

	it('delivers NOT_DELIVERED (reason 11) and the return order CREATED after a refusal', async () => {
		await subscribe();
		const seed = sb.seeds.inTransit2;
		await api.post(`/orders/${seed.uuid}/refusal`);
		sb.settlePending();
		await settledDeliveries(2);
		const byCode = Object.fromEntries(
			receiver.bodies.map((b) => [(b as { attributes: { code: string } }).attributes.code, b]),
		) as Record<string, { uuid: string; attributes: Record<string, unknown> }>;
		expect(byCode.NOT_DELIVERED.uuid).toBe(seed.uuid);
		expect(byCode.NOT_DELIVERED.attributes).toMatchObject({
			status_code: '5',
			status_reason_code: '11',
		});
		// The event names no return order (only direct_order / client_direct_order, [OPENAPI #0]): the order does.
		expect(byCode.NOT_DELIVERED.attributes.related_entities).toEqual([]);
		const direct = await api.get(`/orders/${seed.uuid}`);
		const returnUuid = (direct.body.related_entities as Array<{ type: string; uuid: string }>).find(
			(entity) => entity.type === 'return_order',
		)!.uuid;
		expect(byCode.CREATED.uuid).toBe(returnUuid);
		expect(byCode.CREATED.attributes).toMatchObject({
			is_return: true,
			status_code: '1',
			related_entities: [{ type: 'direct_order', uuid: seed.uuid, cdek_number: seed.cdek_number }],
		});
	});

	it('sends nothing for subscriptions of other types', async () => {
		await subscribe('PRINT_FORM');
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		expect(sb.webhookDeliveries()).toEqual([]);
	});
});

describe('delivery retries', () => {
	const attemptsOf = (d: WebhookDelivery) => d.attempts.map((a) => a.status ?? 'error');

	it('retries after connection failures until the receiver answers 200', async () => {
		receiver.behaviour = (n) => (n <= 2 ? 'reset' : 'ok');
		await subscribe();
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const [delivery] = await settledDeliveries(1);
		expect(delivery.state).toBe('delivered');
		expect(attemptsOf(delivery)).toEqual(['error', 'error', 200]);
		expect(receiver.bodies).toHaveLength(3);
		expect(sb.counters().webhookDeliveries).toEqual({ attempts: 3, delivered: 1, failed: 0 });
	});

	it('retries after timeouts; when attempts run out the URL is disabled', async () => {
		sb.configure({ webhookRetry: { attempts: 3, intervalMs: 10, timeoutMs: 200 } });
		receiver.behaviour = () => 'hang';
		await subscribe();
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const [delivery] = await settledDeliveries(1);
		expect(delivery.state).toBe('failed');
		expect(delivery.attempts.map((a) => a.error)).toEqual(['timeout', 'timeout', 'timeout']);
		const subs = (await api.control('GET', '/webhooks')).body;
		expect(subs).toEqual([expect.objectContaining({ url: receiver.url, disabled: true })]);
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE');
		expect(sb.webhookDeliveries()).toHaveLength(1);
	});

	it('does not retry a non-2xx answer unless retryOnHttpError is set', async () => {
		receiver.behaviour = () => 'error-500';
		await subscribe();
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const [first] = await settledDeliveries(1);
		expect([first.state, attemptsOf(first)]).toEqual(['failed', [500]]);
		expect((await api.control('GET', '/webhooks')).body[0].disabled).toBe(false);

		sb.configure({ webhookRetry: { attempts: 2, intervalMs: 10, retryOnHttpError: true } });
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE');
		const all = await settledDeliveries(2);
		expect(attemptsOf(all[1])).toEqual([500, 500]);
	});

	it('re-delivers the same payload as one more attempt, also over the control API', async () => {
		await subscribe();
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const [delivery] = await settledDeliveries(1);
		sb.redeliverWebhook(delivery.id);
		expect(
			(await api.control('POST', `/webhooks/deliveries/${delivery.id}/redeliver`)).status,
		).toBe(200);
		const again = await waitFor(() => {
			const [entry] = sb.webhookDeliveries();
			// Both re-deliveries run at once: wait until each has its answer, not only the first.
			const answered = entry.attempts.every((a) => a.status !== undefined || a.error !== undefined);
			return entry.attempts.length === 3 && answered && entry;
		}, 'two more attempts');
		expect(attemptsOf(again)).toEqual([200, 200, 200]);
		expect(receiver.bodies).toEqual([delivery.payload, delivery.payload, delivery.payload]);
		expect((await api.control('POST', '/webhooks/deliveries/999/redeliver')).status).toBe(404);
	});

	it('lists deliveries over the control API', async () => {
		await subscribe();
		sb.setStatus(sb.seeds.inTransit.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		await settledDeliveries(1);
		const reply = await api.control('GET', '/webhooks/deliveries');
		expect(reply.body).toEqual([
			expect.objectContaining({
				url: receiver.url,
				type: 'ORDER_STATUS',
				order_uuid: sb.seeds.inTransit.uuid,
				state: 'delivered',
			}),
		]);
	});
});
