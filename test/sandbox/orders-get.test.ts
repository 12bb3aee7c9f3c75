/** GET /v2/orders/{uuid}, ?cdek_number=, ?im_number= and their measured error bodies (docs/reference/cdek-api.md §5, §7). */
import { type Sandbox } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, useSandbox } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
useSandbox((sandbox, client) => {
	sb = sandbox;
	api = client;
});

const getError = (code: string, additional: string, message: string) => ({
	requests: [
		{
			type: 'GET',
			date_time: expect.stringMatching(DATE_TIME),
			state: 'INVALID',
			errors: [{ code, additional_code: additional, message }],
		},
	],
	related_entities: [],
});

describe('GET /v2/orders/{uuid}', () => {
	it('returns {entity, requests, related_entities} with the measured entity shape', async () => {
		const seed = sb.seeds.delivered;
		const reply = await api.get(`/orders/${seed.uuid}`);
		expect(reply.status).toBe(200);
		expect(Object.keys(reply.body)).toEqual(['entity', 'requests', 'related_entities']);
		const e = reply.body.entity;
		expect(e).toMatchObject({
			uuid: seed.uuid,
			type: 1,
			is_return: false,
			is_reverse: false,
			is_client_return: false,
			cdek_number: seed.cdek_number,
			number: 'SHOP-1005',
			tariff_code: 136,
			shipment_point: 'MSK65',
			delivery_point: 'NSK27',
			from_location: { code: 44, city: 'Москва' },
			to_location: { code: 270, city: 'Новосибирск' },
		});
		expect(typeof e.cdek_number).toBe('string');
		expect(e.sender.company).toBe('Тестирование Интеграции ИМ');
		expect(e.recipient.phones[0].number).toMatch(/^7\d{10}$/);
		expect(e.packages[0].items[0]).toMatchObject({
			name: expect.any(String),
			ware_key: expect.any(String),
			payment: { value: 0 },
		});
		expect(reply.body.requests).toEqual([
			{
				request_uuid: expect.any(String),
				type: 'CREATE',
				date_time: expect.stringMatching(DATE_TIME),
				state: 'SUCCESSFUL',
			},
		]);
		expect(reply.body.related_entities).toEqual([]);
	});

	it('lists statuses newest first with Russian names, +0000 dates, city and deleted', async () => {
		const { body } = await api.get(`/orders/${sb.seeds.delivered.uuid}`);
		const statuses = body.entity.statuses as Array<Record<string, unknown>>;
		expect(statuses[0]).toEqual({
			code: 'DELIVERED',
			name: 'Вручен',
			date_time: expect.stringMatching(DATE_TIME),
			city: 'Новосибирск',
			deleted: false,
		});
		expect(statuses[statuses.length - 1]).toMatchObject({
			code: 'ACCEPTED',
			name: 'Принят',
			city: 'Офис СДЭК',
		});
		const times = statuses.map((s) => s.date_time as string);
		expect([...times].sort().reverse()).toEqual(times);
		expect(body.entity.delivery_detail).toMatchObject({
			date: times[0].slice(0, 10),
			recipient_name: body.entity.recipient.name,
		});
	});

	it('answers a malformed uuid with 400 v2_invalid_format (measured body)', async () => {
		const reply = await api.get('/orders/not-a-uuid');
		expect([reply.status, reply.body]).toEqual([
			400,
			getError('v2_invalid_format', '0x1E0EBE20', 'Invalid value [not-a-uuid] in [uuid] parameter'),
		]);
	});

	it('answers an unknown uuid with v2_entity_not_found at notFoundStatus (404 default, 400 configurable)', async () => {
		const uuid = '00000000-0000-4000-8000-000000000000';
		const expected = getError(
			'v2_entity_not_found',
			'0x7B234F39',
			`Entity is not found by uuid ${uuid}`,
		);
		const first = await api.get(`/orders/${uuid}`);
		expect([first.status, first.body]).toEqual([404, expected]);
		sb.configure({ notFoundStatus: 400 });
		const second = await api.get(`/orders/${uuid}`);
		expect([second.status, second.body]).toEqual([400, expected]);
	});
});

describe('GET /v2/orders?cdek_number= / ?im_number=', () => {
	it('finds the same order by CDEK number and by shop number', async () => {
		const seed = sb.seeds.inTransit;
		const byCdek = await api.get(`/orders?cdek_number=${seed.cdek_number}`);
		const byIm = await api.get(`/orders?im_number=${encodeURIComponent(seed.number)}`);
		expect(byCdek.status).toBe(200);
		expect(byCdek.body.entity.uuid).toBe(seed.uuid);
		expect(byIm.body).toEqual(byCdek.body);
	});

	it('answers an unknown im_number with HTTP 400 v2_entity_not_found_im_number (measured body)', async () => {
		const reply = await api.get('/orders?im_number=no-such-number-04082026');
		expect([reply.status, reply.body]).toEqual([
			400,
			getError(
				'v2_entity_not_found_im_number',
				'0x7B234F39',
				'Entity is not found by number no-such-number-04082026',
			),
		]);
	});

	it('answers an unknown cdek_number with 400 v2_order_not_found', async () => {
		const reply = await api.get('/orders?cdek_number=1000000001');
		expect(reply.status).toBe(400);
		expect(reply.body.requests[0].errors[0]).toMatchObject({
			code: 'v2_order_not_found',
			message: 'Order not found by cdek_number 1000000001',
		});
	});

	it('answers a non-numeric cdek_number with v2_invalid_format and no parameters with v2_order_number_empty', async () => {
		const bad = await api.get('/orders?cdek_number=abc');
		expect(bad.body.requests[0].errors[0]).toMatchObject({
			code: 'v2_invalid_format',
			message: 'Invalid value [abc] in [cdek_number] parameter',
		});
		const none = await api.get('/orders');
		expect(none.status).toBe(400);
		expect(none.body.requests[0].errors[0]).toMatchObject({
			code: 'v2_order_number_empty',
			message: 'Order number and order uuid are empty',
		});
	});
});

describe('seeded order variants', () => {
	const entity = async (name: keyof Sandbox['seeds']) =>
		(await api.get(`/orders/${sb.seeds[name].uuid}`)).body;

	it('accepted: newest status ACCEPTED after CREATED (OPI capture order)', async () => {
		const { entity: e } = await entity('accepted');
		expect(e.statuses.map((s: { code: string }) => s.code)).toEqual(['ACCEPTED', 'CREATED']);
	});

	it('partiallyDelivered: DELIVERED with reason_code 20 and one item not delivered', async () => {
		const { entity: e } = await entity('partiallyDelivered');
		expect(e.statuses[0]).toMatchObject({ code: 'DELIVERED', reason_code: '20' });
		expect(e.packages[0].items.map((i: { delivery_amount: number }) => i.delivery_amount)).toEqual([
			1, 0,
		]);
	});

	it('deliveredDeliveryType is a type-2 delivered order', async () => {
		const { entity: e } = await entity('deliveredDeliveryType');
		expect([e.type, e.statuses[0].code]).toEqual([2, 'DELIVERED']);
	});

	it('alreadyRefused: NOT_DELIVERED reason 11, a SUCCESSFUL CREATE_REFUSAL and a linked return order', async () => {
		const body = await entity('alreadyRefused');
		expect(body.entity.statuses[0]).toMatchObject({
			code: 'NOT_DELIVERED',
			name: 'Не вручен',
			reason_code: '11',
		});
		expect(
			body.requests.map((r: { type: string; state: string }) => `${r.type}:${r.state}`),
		).toEqual(['CREATE_REFUSAL:SUCCESSFUL', 'CREATE:SUCCESSFUL']);
		const ret = sb.seeds.alreadyRefusedReturn;
		expect(body.related_entities).toEqual([
			{ type: 'return_order', uuid: ret.uuid, cdek_number: ret.cdek_number },
		]);
		const back = await entity('alreadyRefusedReturn');
		expect(back.entity).toMatchObject({
			is_return: true,
			number: 'SHOP-1011-RET',
			shipment_point: body.entity.delivery_point,
		});
		expect(back.related_entities).toEqual([
			{ type: 'direct_order', uuid: body.entity.uuid, cdek_number: body.entity.cdek_number },
		]);
	});

	it('alreadyClientReturned links a client return order both ways', async () => {
		const body = await entity('alreadyClientReturned');
		const ret = await entity('alreadyClientReturnedReturn');
		expect(body.related_entities).toEqual([{ type: 'client_return_order', uuid: ret.entity.uuid }]);
		expect(ret.entity).toMatchObject({ is_client_return: true, is_return: false });
		expect(ret.related_entities).toEqual([{ type: 'client_direct_order', uuid: body.entity.uuid }]);
	});

	it('invalid: INVALID without a CDEK number, its CREATE request carries the measured error', async () => {
		const body = await entity('invalid');
		expect(body.entity.cdek_number).toBeUndefined();
		expect(
			body.entity.statuses.map((s: { code: string; name: string }) => [s.code, s.name]),
		).toEqual([
			['INVALID', 'Некорректный заказ'],
			['ACCEPTED', 'Принят'],
		]);
		expect(body.requests[0]).toMatchObject({
			type: 'CREATE',
			state: 'INVALID',
			errors: [
				{
					code: 'error_validate_receiver_delivery_point_is_empty',
					message: 'Не задан офис получателя',
				},
			],
		});
	});

	it('removed: REMOVED after a SUCCESSFUL DELETE', async () => {
		const body = await entity('removed');
		expect(body.entity.statuses[0]).toMatchObject({ code: 'REMOVED', name: 'Удален' });
		expect(body.requests[0]).toMatchObject({ type: 'DELETE', state: 'SUCCESSFUL' });
	});
});
