/** POST /v2/orders (incl. is_client_return) and DELETE /v2/orders/{uuid} (docs/reference/cdek-api.md §6, §10). */
import { type Sandbox } from '../../dev/sandbox';
import {
	CdekClient,
	DATE_TIME,
	minimalClientReturn,
	useSandbox,
} from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
useSandbox((sandbox, client) => {
	sb = sandbox;
	api = client;
});

const order = async (uuid: string) => (await api.get(`/orders/${uuid}`)).body;

describe('POST /v2/orders', () => {
	it('accepts with 202 CREATE, shows a sparse ACCEPTED order, then settles to CREATED with a CDEK number', async () => {
		const reply = await api.post('/orders', { body: minimalClientReturn() });
		expect(reply.status).toBe(202);
		expect(reply.body).toEqual({
			entity: { uuid: expect.any(String) },
			requests: [
				{
					request_uuid: expect.any(String),
					type: 'CREATE',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'ACCEPTED',
				},
			],
			related_entities: [],
		});
		const uuid = reply.body.entity.uuid as string;
		const pending = await order(uuid);
		expect(pending.entity.cdek_number).toBeUndefined();
		expect(pending.entity.statuses.map((s: { code: string }) => s.code)).toEqual(['ACCEPTED']);
		expect(pending.requests[0].state).toBe('ACCEPTED');

		sb.settlePending();
		const settled = await order(uuid);
		expect(settled.requests[0]).toMatchObject({ type: 'CREATE', state: 'SUCCESSFUL' });
		expect(settled.entity).toMatchObject({
			uuid,
			number: 'RET-0001',
			is_client_return: true,
			is_return: false,
			tariff_code: 139,
			cdek_number: expect.stringMatching(/^\d{10}$/),
			from_location: { code: 270, city: 'Новосибирск', address: 'ул. Блюхера, 32' },
			recipient: { name: 'Магазин', phones: [{ number: '79134637228' }] },
		});
		expect(settled.entity.statuses.map((s: { code: string }) => s.code)).toEqual([
			'CREATED',
			'ACCEPTED',
		]);
		expect((await api.get('/orders?im_number=RET-0001')).body.entity.uuid).toBe(uuid);
		expect(
			(await api.get(`/orders?cdek_number=${settled.entity.cdek_number}`)).body.entity.uuid,
		).toBe(uuid);
		expect(sb.counters().creates['RET-0001']).toEqual({ registered: 1, applied: 1, rejected: 0 });
	});

	it('settles a duplicate shop number INVALID and keeps finding the original by im_number', async () => {
		const reply = await api.post('/orders', { body: minimalClientReturn(sb.seeds.created.number) });
		expect(reply.status).toBe(202);
		sb.settlePending();
		const dup = await order(reply.body.entity.uuid);
		expect(dup.requests[0]).toMatchObject({
			state: 'INVALID',
			errors: [
				{
					code: 'error_validate_im_dep_number_has_already_had_integration',
					message: 'Введенный номер отправления ИМ не уникальный',
				},
			],
		});
		expect(dup.entity.statuses[0].code).toBe('INVALID');
		expect(dup.entity.cdek_number).toBeUndefined();
		const lookup = await api.get(`/orders?im_number=${sb.seeds.created.number}`);
		expect(lookup.body.entity.uuid).toBe(sb.seeds.created.uuid);
		expect(sb.counters().creates[sb.seeds.created.number]).toEqual({
			registered: 1,
			applied: 0,
			rejected: 1,
		});
	});

	it('settles INVALID with the measured code when there is neither to_location nor delivery_point', async () => {
		const { to_location: _omit, ...body } = minimalClientReturn('RET-0002');
		const reply = await api.post('/orders', { body });
		sb.settlePending();
		const settled = await order(reply.body.entity.uuid);
		expect(settled.requests[0].errors).toEqual([
			{
				code: 'error_validate_receiver_delivery_point_is_empty',
				message: 'Не задан офис получателя',
			},
		]);
	});

	describe('static validation (400, simplified envelope)', () => {
		it('lists every missing required field', async () => {
			const reply = await api.post('/orders', { body: {} });
			expect(reply.status).toBe(400);
			expect(reply.body).toEqual({
				errors: [
					{ code: 'v2_field_is_empty', message: 'tariff_code is empty' },
					{ code: 'v2_field_is_empty', message: 'recipient is empty' },
					{ code: 'v2_field_is_empty', message: 'packages is empty' },
				],
				warnings: [],
			});
			expect(sb.counters().creates).toEqual({});
		});

		it('requires items for type-1 orders, dimensions from 100 g and item fields', async () => {
			const body = minimalClientReturn();
			body.packages = [
				{ number: '1', weight: 700 } as never,
				{
					number: '2',
					weight: 50,
					items: [
						{
							name: 'x',
							ware_key: 'k',
							payment: { value: 0 },
							cost: 1,
							weight: 'heavy',
							amount: 1,
						},
					],
				} as never,
			];
			const reply = await api.post('/orders', { body });
			expect(reply.body.errors).toEqual([
				{ code: 'v2_field_is_empty', message: 'packages[0].length is empty' },
				{ code: 'v2_field_is_empty', message: 'packages[0].width is empty' },
				{ code: 'v2_field_is_empty', message: 'packages[0].height is empty' },
				{ code: 'v2_field_is_empty', message: 'packages[0].items is empty' },
				{
					code: 'v2_invalid_value_type',
					message: 'Invalid value type in packages[1].items[0].weight field',
				},
			]);
		});

		it('rejects both to_location and delivery_point, a wrong tariff type and broken JSON', async () => {
			const both = await api.post('/orders', {
				body: { ...minimalClientReturn(), delivery_point: 'MSK65', tariff_code: '139' },
			});
			expect(both.body.errors.map((e: { code: string }) => e.code)).toEqual([
				'v2_invalid_value_type',
				'v2_delivery_address_multivalued',
			]);
			const broken = await api.post('/orders', { body: '{"type":' });
			expect([broken.status, broken.body]).toEqual([
				400,
				{ errors: [{ code: 'v2_bad_request', message: 'Bad request' }], warnings: [] },
			]);
		});
	});
});

describe('DELETE /v2/orders/{uuid}', () => {
	it('removes a CREATED order: 202 DELETE, then REMOVED', async () => {
		const seed = sb.seeds.created;
		const reply = await api.call('DELETE', `/orders/${seed.uuid}`);
		expect(reply.status).toBe(202);
		expect(reply.body).toEqual({
			entity: { uuid: seed.uuid },
			requests: [
				{
					request_uuid: expect.any(String),
					type: 'DELETE',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'ACCEPTED',
				},
			],
			related_entities: [],
		});
		const busy = await api.call('DELETE', `/orders/${seed.uuid}`);
		expect(busy.status).toBe(400);
		expect(busy.body.requests[0].errors[0].code).toBe('v2_similar_request_still_processed');
		sb.settlePending();
		const body = await order(seed.uuid);
		expect(body.requests[0]).toMatchObject({ type: 'DELETE', state: 'SUCCESSFUL' });
		expect(body.entity.statuses[0]).toMatchObject({ code: 'REMOVED', name: 'Удален' });
		expect(sb.counters().deletes[seed.uuid]).toEqual({ registered: 1, applied: 1, rejected: 0 });
	});

	it('removes an order whose own creation is still ACCEPTED', async () => {
		const created = await api.post('/orders', { body: minimalClientReturn('RET-0003') });
		await api.call('DELETE', `/orders/${created.body.entity.uuid}`);
		sb.settlePending();
		expect((await order(created.body.entity.uuid)).entity.statuses[0].code).toBe('REMOVED');
	});

	it('settles INVALID error_validate_order_delete_status outside CREATED/ACCEPTED', async () => {
		const seed = sb.seeds.inTransit;
		await api.call('DELETE', `/orders/${seed.uuid}`);
		sb.settlePending();
		const body = await order(seed.uuid);
		expect(body.requests[0]).toMatchObject({
			type: 'DELETE',
			state: 'INVALID',
			errors: [
				{
					code: 'error_validate_order_delete_status',
					message: 'Заказ может быть удален только в статусе Создан',
				},
			],
		});
		expect(body.entity.statuses[0].code).toBe('SENT_TO_RECIPIENT_CITY');
	});

	it('answers unknown and malformed uuids synchronously', async () => {
		expect((await api.call('DELETE', '/orders/11111111-2222-4333-8444-555555555555')).status).toBe(
			404,
		);
		expect((await api.call('DELETE', '/orders/xyz')).body.requests[0].errors[0].code).toBe(
			'v2_invalid_format',
		);
	});
});
