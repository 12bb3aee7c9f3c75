/**
 * The sandbox's other events (dev/sandbox/webhooks/event-routes.ts): each changes the sandbox's state, so that a receiver
 * reading the object back finds what the event says, then delivers the event in CDEK's documented shape
 * (docs/reference/cdek-api.md §8); and ORDER_STATUS as CDEK has really sent it, on request.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { CdekClient, waitFor } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
let server: http.Server;
let url = '';
const bodies: Array<Record<string, any>> = [];

beforeAll(async () => {
	sb = await startSandbox({
		settleDelayMs: -1,
		webhookRetry: { attempts: 1, intervalMs: 10, timeoutMs: 15_000 },
	});
	api = new CdekClient(sb);
	server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			bodies.push(JSON.parse(raw) as Record<string, any>);
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	await sb.stop();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	sb.reset({ config: true });
	bodies.length = 0;
});

const control = async (path: string, body: object = {}) => {
	const response = await fetch(`${sb.controlUrl}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const received = (count: number) =>
	waitFor(() => bodies.length >= count && bodies, `${count} bodies`);

it('DELIV_PROBLEM: the problem is in the order first, then the event names the order by its numbers', async () => {
	await api.post('/webhooks', { body: { type: 'DELIV_PROBLEM', url } });
	const { inTransit } = sb.seeds;
	expect((await control(`/orders/${inTransit.uuid}/problem`, { code: '7' })).status).toBe(200);
	const [event] = await received(1);
	expect(event).toEqual({
		type: 'DELIV_PROBLEM',
		date_time: expect.any(String),
		uuid: inTransit.uuid,
		attributes: {
			cdek_number: inTransit.cdek_number,
			number: inTransit.number,
			code: '7',
			create_date: expect.any(String),
		},
	});
	expect(sb.getOrder(inTransit.uuid)!.entity.delivery_problem).toEqual([
		{ code: '7', create_date: event.attributes.create_date },
	]);
});

it('ORDER_MODIFIED: a new planned delivery date, in the documented {modification_type, new_value}', async () => {
	await api.post('/webhooks', { body: { type: 'ORDER_MODIFIED', url } });
	const { inTransit } = sb.seeds;
	await control(`/orders/${inTransit.uuid}/modify`, { value: '2026-12-24' });
	const [event] = await received(1);
	expect(event.attributes).toEqual({
		modification_type: 'PLANED_DELIVERY_DATE_CHANGED',
		new_value: { type: 'DATE', value: '2026-12-24' },
	});
	expect(sb.getOrder(inTransit.uuid)!.entity.planned_delivery_date).toBe('2026-12-24');
});

it('COURIER_INFO: the pickup gets APPOINTED_COURIER and a courier, then the event names the pickup', async () => {
	await api.post('/webhooks', { body: { type: 'COURIER_INFO', url } });
	const created = await api.post('/intakes', {
		body: {
			intake_date: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
			intake_time_from: '10:00',
			intake_time_to: '17:00',
			order_uuid: sb.seeds.created.uuid,
		},
	});
	sb.settlePending();
	const uuid = (created.body as { entity: { uuid: string } }).entity.uuid;
	await control(`/intakes/${uuid}/courier`);
	const [event] = await received(1);
	expect(event).toEqual(
		expect.objectContaining({ type: 'COURIER_INFO', uuid, attributes: expect.any(Object) }),
	);
	const intake = sb.getIntake(uuid)!.entity as { statuses: Array<{ code: string }> };
	expect(intake.statuses[0].code).toBe('APPOINTED_COURIER');
});

it('ORDER_STATUS variants as CDEK has sent them; a raw body as it is; an unknown variant is refused', async () => {
	await api.post('/webhooks', { body: { type: 'ORDER_STATUS', url } });
	const { inTransit } = sb.seeds;
	await control('/webhooks/deliver', { order_uuid: inTransit.uuid, variant: 'status-code-only' });
	await control('/webhooks/deliver', {
		order_uuid: inTransit.uuid,
		variant: 'code-trailing-space',
	});
	await control('/webhooks/deliver', { order_uuid: inTransit.uuid, variant: 'offset-colon' });
	await control('/webhooks/deliver', { type: 'ORDER_STATUS', body: { anything: 1 } });
	const [numeric, spaced, colon, raw] = await received(4);
	expect(numeric.attributes.code).toBeUndefined();
	expect(numeric.attributes.status_code).toEqual(expect.any(String));
	expect(spaced.attributes.code).toMatch(/ $/);
	expect(colon.attributes.status_date_time).toMatch(/\+07:00$/);
	expect(Date.parse(colon.attributes.status_date_time)).toBe(
		Date.parse(String(numeric.attributes.status_date_time).replace(/(\d{2})(\d{2})$/, '$1:$2')),
	);
	expect(raw).toEqual({ anything: 1 });
	expect(
		(await control('/webhooks/deliver', { order_uuid: inTransit.uuid, variant: 'x' })).status,
	).toBe(400);
});
