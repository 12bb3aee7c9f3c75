/** /_sandbox control API, request log masking, counters, configuration and reset. */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { CdekClient, request } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
const logLines: string[] = [];

beforeAll(async () => {
	sb = await startSandbox({ settleDelayMs: -1, log: (line) => logLines.push(line) });
	api = new CdekClient(sb);
});
afterAll(() => sb.stop());
beforeEach(async () => {
	sb.reset({ config: true });
	logLines.length = 0;
	await api.token(true);
});

describe('orders over the control API', () => {
	it('serves the seeds', async () => {
		const reply = await api.control('GET', '/seeds');
		expect(reply.body).toEqual(sb.seeds);
		const info = await api.control('GET', '/info');
		expect(info.body).toMatchObject({
			rootUrl: sb.rootUrl,
			paymentUrl: sb.paymentUrl,
			testKeys: sb.testKeys,
			seeds: sb.seeds,
		});
	});

	it("info shows each seeded order's status now: a refusal CDEK applied shows as NOT_DELIVERED", async () => {
		const { inTransit, created } = sb.seeds;
		expect((await api.post(`/orders/${inTransit.uuid}/refusal`)).status).toBe(202);
		await api.control('POST', '/settle');
		const info = await api.control('GET', '/info');
		expect(info.body.seeds.inTransit).toMatchObject({
			uuid: inTransit.uuid,
			number: inTransit.number,
			status: 'NOT_DELIVERED',
		});
		expect(info.body.seeds.created.status).toBe(created.status);
		// /seeds keeps what the sandbox started with.
		expect((await api.control('GET', '/seeds')).body.inTransit.status).toBe(inTransit.status);
		expect(sb.currentSeeds().inTransit.status).toBe('NOT_DELIVERED');
	});

	it('creates an order in a given status that the API then serves', async () => {
		const created = await api.control('POST', '/orders', {
			status: 'DELIVERED',
			number: 'CTRL-1',
			type: 1,
		});
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			number: 'CTRL-1',
			type: 1,
			cdek_number: expect.stringMatching(/^\d{10}$/),
		});
		expect(created.body.statuses[0].code).toBe('DELIVERED');
		const viaApi = await api.get('/orders?im_number=CTRL-1');
		expect(viaApi.body.entity.uuid).toBe(created.body.uuid);
		expect((await api.control('GET', `/orders/${created.body.uuid}`)).body.entity.uuid).toBe(
			created.body.uuid,
		);
	});

	it('creates orders in bulk: 10 000 programmatically, more over HTTP', async () => {
		const orders = sb.addOrders(10_000, 'SENT_TO_RECIPIENT_CITY');
		expect(orders).toHaveLength(10_000);
		expect(new Set(orders.map((o) => o.uuid)).size).toBe(10_000);
		const last = orders[orders.length - 1];
		expect(
			(await api.get(`/orders?cdek_number=${last.cdek_number}`)).body.entity.statuses[0].code,
		).toBe('SENT_TO_RECIPIENT_CITY');
		const bulk = await api.control('POST', '/orders/bulk', { count: 500, status: 'DELIVERED' });
		expect(bulk.body.count).toBe(500);
		expect(bulk.body.orders[0]).toEqual({
			uuid: expect.any(String),
			cdek_number: expect.any(String),
			number: expect.stringMatching(/^BULK-/),
		});
		expect(
			(await api.get(`/orders/${bulk.body.orders[0].uuid}`)).body.entity.statuses[0].code,
		).toBe('DELIVERED');
	});

	it('sets a status (validated) and settles pending requests on demand', async () => {
		const uuid = sb.seeds.readyForPickup.uuid;
		const set = await api.control('POST', `/orders/${uuid}/status`, { code: 'DELIVERED' });
		expect(set.body.entity.statuses[0].code).toBe('DELIVERED');
		expect(
			(await api.control('POST', `/orders/${uuid}/status`, { code: 'TELEPORTED' })).status,
		).toBe(400);
		expect(
			(
				await api.control('POST', '/orders/11111111-2222-4333-8444-555555555555/status', {
					code: 'DELIVERED',
				})
			).status,
		).toBe(404);
		await api.post(`/orders/${uuid}/clientReturn`, { body: { tariff_code: 136 } });
		expect((await api.control('POST', '/settle')).body).toEqual({ ok: true, settled: 1 });
		expect((await api.get(`/orders/${uuid}`)).body.requests[0].state).toBe('SUCCESSFUL');
	});
});

describe('request log', () => {
	it('records requests with masked secrets and supports ?since=', async () => {
		sb.clearLog();
		logLines.length = 0;
		const { clientId, clientSecret } = sb.testKeys;
		const tokenReply = await request(
			`${sb.rootUrl}/oauth/token?grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
			'POST',
		);
		const token = tokenReply.body.access_token as string;
		await request(`${sb.rootUrl}/oauth/token`, 'POST', {
			form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
		});
		await api.get(`/orders/${sb.seeds.created.uuid}`, { token });
		await request(`${sb.paymentUrl}/v1/order/SHOP-1001/refund`, 'POST', {
			token: 'sandbox-payment-token',
			body: { email: 'a@b.ru' },
		});

		const log = (await api.control('GET', '/log')).body as Array<Record<string, any>>;
		expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /v2/oauth/token 200',
			'POST /v2/oauth/token 200',
			`GET /v2/orders/${sb.seeds.created.uuid} 200`,
			'POST /payment/v1/order/SHOP-1001/refund 200',
		]);
		expect(log[0].query).toEqual({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: '***',
		});
		expect(log[1].body).toEqual({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: '***',
		});
		expect(log[2].headers.authorization).toBe('Bearer ***');
		expect(log[3].headers.authorization).toBe('Bearer ***');
		expect(log[3].body).toEqual({ email: 'a@b.ru' });
		expect(log[2]).toMatchObject({
			seq: expect.any(Number),
			time: expect.any(String),
			route: 'GET /v2/orders/{uuid}',
			durationMs: expect.any(Number),
		});

		const everything = JSON.stringify(log) + JSON.stringify(sb.requestLog()) + logLines.join('\n');
		expect(everything).not.toContain(clientSecret);
		expect(everything).not.toContain(token);
		expect(everything).not.toContain('sandbox-payment-token');
		expect(logLines[0]).toBe(
			'POST /v2/oauth/token?grant_type=client_credentials&client_id=' +
				clientId +
				'&client_secret=***' +
				logLines[0].slice(logLines[0].indexOf(' → ')),
		);

		const since = (await api.control('GET', `/log?since=${log[1].seq}`)).body;
		expect(since.map((e: { seq: number }) => e.seq)).toEqual([log[2].seq, log[3].seq]);
		await api.control('DELETE', '/log');
		expect((await api.control('GET', '/log')).body).toEqual([]);
	});
});

describe('counters, config and reset', () => {
	it('counts requests per route', async () => {
		await api.get(`/orders/${sb.seeds.created.uuid}`);
		await api.get(`/orders/${sb.seeds.delivered.uuid}`);
		await api.get('/orders?im_number=SHOP-1001');
		const counters = (await api.control('GET', '/counters')).body;
		expect(counters.requestsByRoute).toMatchObject({
			'GET /v2/orders/{uuid}': 2,
			'GET /v2/orders': 1,
		});
	});

	it('changes options at run time and masks secrets when showing them', async () => {
		const reply = await api.control('POST', '/config', {
			notFoundStatus: 400,
			clients: [{ clientId: 'c', clientSecret: 's3cret' }],
		});
		expect(reply.body).toMatchObject({
			notFoundStatus: 400,
			clients: [{ clientId: 'c', clientSecret: '***' }],
			paymentToken: '***',
		});
		expect((await api.get('/orders/11111111-2222-4333-8444-555555555555')).status).toBe(400);
		expect((await api.control('POST', '/config', { notFoundStatus: 418 })).status).toBe(400);
		expect((await api.control('POST', '/config', { port: 1234 })).status).toBe(400);
	});

	it('expires tokens over HTTP', async () => {
		const token = await api.token();
		await api.control('POST', '/tokens/expire');
		expect(
			(await api.get(`/orders/${sb.seeds.created.uuid}`, { token })).body.requests[0].errors[0]
				.code,
		).toBe('v2_token_expired');
	});

	it('reset restores seeds and clears requests, counters, log and faults; tokens stay valid', async () => {
		const uuid = sb.seeds.inTransit.uuid;
		await api.post(`/orders/${uuid}/refusal`);
		sb.settlePending();
		await api.control('POST', '/faults', {
			kind: 'status',
			status: 500,
			path: '/nothing-matches-this',
		});
		expect((await api.get(`/orders/${uuid}`)).body.entity.statuses[0].code).toBe('NOT_DELIVERED');

		expect((await api.control('POST', '/reset')).body).toMatchObject({ ok: true, seeds: sb.seeds });
		const after = await api.get(`/orders/${uuid}`);
		expect(after.status).toBe(200);
		expect(after.body.entity.statuses[0].code).toBe('SENT_TO_RECIPIENT_CITY');
		expect(after.body.related_entities).toEqual([]);
		expect((await api.control('GET', '/faults')).body).toEqual({ faults: [], random: [] });
		const counters = sb.counters();
		expect(counters.refusals).toEqual({});
		expect(counters.requestsByRoute).toEqual({ 'GET /v2/orders/{uuid}': 1 });
		expect(sb.requestLog()).toHaveLength(1);
	});

	it('answers unknown control routes with 404 JSON', async () => {
		const reply = await api.control('GET', '/nope');
		expect([reply.status, reply.body.error]).toEqual([404, 'No control route GET /_sandbox/nope']);
	});
});
