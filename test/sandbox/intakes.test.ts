/** /v2/intakes: courier pickups, their checks and life cycle (docs/reference/cdek-api.md §12). */
import { type Sandbox } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, UUID_V4, useSandbox } from '../../dev/sandbox/http-client';
import { addDays, localNow, weekday } from '../../dev/sandbox/common/local-time';

let sb: Sandbox;
let api: CdekClient;
useSandbox((sandbox, client) => {
	sb = sandbox;
	api = client;
});

/** The seeded orders and the standalone address below are in Moscow and Novosibirsk. */
const moscowDay = (days: number) => addDays(localNow('Europe/Moscow').date, days);
const window = { intake_time_from: '10:00', intake_time_to: '14:00' };
const forOrder = (extra: Record<string, unknown> = {}) => ({
	cdek_number: sb.seeds.accepted.cdek_number,
	intake_date: moscowDay(2),
	...window,
	...extra,
});
const standalone = (extra: Record<string, unknown> = {}) => ({
	name: 'Возврат: одежда',
	intake_date: addDays(localNow('Asia/Novosibirsk').date, 2),
	...window,
	from_location: { address: 'Новосибирск, Красный пр., 1, кв. 5' },
	sender: { name: 'Смирнов Алексей', phones: [{ number: '+79231234502' }] },
	weight: 1200,
	length: 30,
	width: 20,
	height: 10,
	...extra,
});
const create = async (body: unknown) => await api.post('/intakes', { body });
const read = async (uuid: string) => (await api.get(`/intakes/${uuid}`)).body;

describe('a pickup for an order', () => {
	it('is ACCEPTED with 202 and settles ACCEPTED → CREATED → READY_FOR_APPOINTMENT, newest first, with the order details', async () => {
		const { accepted } = sb.seeds;
		const reply = await create(forOrder());
		expect(reply.status).toBe(202);
		const uuid = reply.body.entity.uuid as string;
		expect(uuid).toMatch(UUID_V4);
		expect(reply.body.requests).toEqual([
			{
				request_uuid: expect.any(String),
				type: 'CREATE',
				date_time: expect.stringMatching(DATE_TIME),
				state: 'ACCEPTED',
			},
		]);
		expect((await read(uuid)).entity.statuses.map((s: any) => s.code)).toEqual(['ACCEPTED']);

		expect(sb.settlePending()).toBe(1);
		const settled = await read(uuid);
		expect(settled.requests[0].state).toBe('SUCCESSFUL');
		expect(settled.entity).toEqual(
			expect.objectContaining({
				uuid,
				cdek_number: accepted.cdek_number,
				order_uuid: accepted.uuid,
				intake_date: moscowDay(2),
				intake_number: expect.stringMatching(/^\d+$/),
				intake_time_from: '10:00',
				intake_time_to: '14:00',
				name: `Заказ ${accepted.number}`,
				need_call: false,
				from_location: expect.objectContaining({ code: 44 }),
				to_location: expect.objectContaining({ code: 44, address: expect.any(String) }),
			}),
		);
		expect(settled.entity.statuses.map((s: any) => s.code)).toEqual([
			'READY_FOR_APPOINTMENT',
			'CREATED',
			'ACCEPTED',
		]);
		expect(sb.counters().intakes[accepted.uuid]).toEqual({
			registered: 1,
			applied: 1,
			rejected: 0,
		});
	});

	it('is listed as a bare array under GET /orders/{uuid}/intakes; the order can be named by order_uuid', async () => {
		const { accepted } = sb.seeds;
		const { cdek_number: _number, ...rest } = forOrder();
		const reply = await create({ ...rest, order_uuid: accepted.uuid });
		expect(reply.status).toBe(202);
		const listed = await api.get(`/orders/${accepted.uuid}/intakes`);
		expect(listed.status).toBe(200);
		expect(listed.body.map((entity: any) => entity.uuid)).toEqual([reply.body.entity.uuid]);
		expect((await api.get(`/orders/${sb.seeds.delivered.uuid}/intakes`)).body).toEqual([]);
	});

	it('is refused synchronously with v2_intake_exists_by_order while one exists, and allowed again once it is removed', async () => {
		const { accepted } = sb.seeds;
		const first = await create(forOrder());
		const second = await create(forOrder({ intake_date: moscowDay(3) }));
		expect(second.status).toBe(400);
		expect(second.body.requests[0]).toEqual(
			expect.objectContaining({
				type: 'CREATE',
				state: 'INVALID',
				errors: [
					expect.objectContaining({
						code: 'v2_intake_exists_by_order',
						message: `Intake exists by order ${accepted.cdek_number}`,
					}),
				],
			}),
		);
		expect(sb.counters().intakes[accepted.uuid].registered).toBe(1);

		expect((await api.call('DELETE', `/intakes/${first.body.entity.uuid}`)).status).toBe(202);
		sb.settlePending();
		expect((await create(forOrder())).status).toBe(202);
	});

	it('with intakeExistsCheck "settle", accepts the second pickup and settles it INVALID with v2_intake_exists_by_order', async () => {
		sb.configure({ intakeExistsCheck: 'settle' });
		const first = await create(forOrder());
		const second = await create(forOrder({ intake_date: moscowDay(3) }));
		expect([first.status, second.status]).toEqual([202, 202]);
		sb.settlePending();
		expect((await read(first.body.entity.uuid)).requests[0].state).toBe('SUCCESSFUL');
		const refused = await read(second.body.entity.uuid);
		expect(refused.requests[0]).toEqual(
			expect.objectContaining({
				state: 'INVALID',
				errors: [expect.objectContaining({ code: 'v2_intake_exists_by_order' })],
			}),
		);
		expect(refused.entity.statuses[0].code).toBe('INVALID');
	});

	it('settles INVALID with error_validate_build_ci_from_order for an order that does not start at the door', async () => {
		const reply = await create(forOrder({ cdek_number: sb.seeds.created.cdek_number }));
		expect(reply.status).toBe(202);
		sb.settlePending();
		const intake = await read(reply.body.entity.uuid);
		expect(intake.requests[0]).toEqual(
			expect.objectContaining({
				state: 'INVALID',
				errors: [expect.objectContaining({ code: 'error_validate_build_ci_from_order' })],
			}),
		);
		expect(intake.entity.statuses[0].code).toBe('INVALID');
	});

	it('answers 400 v2_order_not_found for an unknown order', async () => {
		const reply = await create(forOrder({ cdek_number: '1999999999' }));
		expect(reply.status).toBe(400);
		expect(reply.body.requests[0].errors[0].code).toBe('v2_order_not_found');
	});
});

describe("CDEK's date and time rules, in the sender's local time", () => {
	it.each([
		['a past date', { intake_date: moscowDay(-1) }, 've_ci_pickup_date_expired'],
		['more than 31 days ahead', { intake_date: moscowDay(32) }, 've_ci_pickup_date_too_large'],
		['a start before 09:00', { intake_time_from: '08:59' }, 've_ci_pickup_time_too_small'],
		['an end after 22:00', { intake_time_to: '22:01' }, 've_ci_pickup_time_too_large'],
		[
			'an end before the start',
			{ intake_time_from: '15:00', intake_time_to: '12:00' },
			've_ci_pickup_time_to_before_from',
		],
		['a date that does not exist', { intake_date: '2026-02-30' }, 'v2_invalid_format'],
		['a time that does not exist', { intake_time_to: '25:00' }, 'v2_invalid_format'],
		['no date', { intake_date: undefined }, 'v2_field_is_empty'],
		[
			'a lunch outside the window',
			{ lunch_time_from: '09:00', lunch_time_to: '10:00' },
			've_ci_pickup_lunch_interval_incorrect',
		],
	])('rejects %s with 400 and registers nothing', async (_label, change, code) => {
		const reply = await create(forOrder(change));
		expect(reply.status).toBe(400);
		expect(reply.body.errors.map((error: any) => error.code)).toContain(code);
		expect(sb.counters().intakes).toEqual({});
	});

	it('accepts the edges: 31 days ahead, 09:00–22:00', async () => {
		const reply = await create(
			forOrder({ intake_date: moscowDay(31), intake_time_from: '09:00', intake_time_to: '22:00' }),
		);
		expect(reply.status).toBe(202);
	});
});

describe('a standalone pickup', () => {
	it('needs a description, an address and a sender with a phone', async () => {
		const reply = await create(
			standalone({ name: undefined, from_location: {}, sender: { name: 'X' } }),
		);
		expect(reply.status).toBe(400);
		expect(reply.body.errors.map((error: any) => error.message)).toEqual([
			'name is empty',
			'from_location.address is empty',
			'sender.phones is empty',
		]);
	});

	it('gets a tariff 158 waybill order of its own when it settles', async () => {
		const reply = await create(standalone());
		expect(reply.status).toBe(202);
		sb.settlePending();
		const { entity } = await read(reply.body.entity.uuid);
		expect(entity).toEqual(
			expect.objectContaining({
				cdek_number: expect.stringMatching(/^\d+$/),
				order_uuid: expect.stringMatching(UUID_V4),
				name: 'Возврат: одежда',
				weight: 1200,
				sender: { name: 'Смирнов Алексей', phones: [{ number: '79231234502' }] },
				from_location: expect.objectContaining({
					code: 270,
					address: 'Новосибирск, Красный пр., 1, кв. 5',
				}),
				to_location: expect.objectContaining({ code: 270 }),
			}),
		);
		const order = sb.getOrder(entity.order_uuid as string);
		expect(order?.entity).toEqual(
			expect.objectContaining({ tariff_code: 158, cdek_number: entity.cdek_number }),
		);
	});

	it('is refused with v2_intake_exists_by_date_address for the same address on the same day', async () => {
		expect((await create(standalone())).status).toBe(202);
		const again = await create(standalone({ name: 'Ещё одна' }));
		expect(again.status).toBe(400);
		expect(again.body.requests[0].errors[0].code).toBe('v2_intake_exists_by_date_address');
	});
});

describe('delete', () => {
	it('answers 202 with a DELETE request, settles to REMOVED, and then refuses with v2_entity_has_final_status', async () => {
		const uuid = (await create(forOrder())).body.entity.uuid as string;
		sb.settlePending();
		const reply = await api.call('DELETE', `/intakes/${uuid}`);
		expect(reply.status).toBe(202);
		expect(reply.body).toEqual({
			entity: { uuid },
			requests: [expect.objectContaining({ type: 'DELETE', state: 'ACCEPTED' })],
			related_entities: [],
		});
		const inFlight = await api.call('DELETE', `/intakes/${uuid}`);
		expect(inFlight.body.requests[0].errors[0].code).toBe('v2_similar_request_still_processed');
		sb.settlePending();
		const removed = await read(uuid);
		expect(removed.entity.statuses[0].code).toBe('REMOVED');
		expect(removed.requests.map((r: any) => [r.type, r.state])).toEqual([
			['DELETE', 'SUCCESSFUL'],
			['CREATE', 'SUCCESSFUL'],
		]);
		const again = await api.call('DELETE', `/intakes/${uuid}`);
		expect([again.status, again.body.requests[0].errors[0].message]).toEqual([
			400,
			'Operation is forbidden. Entity has final status REMOVED',
		]);
		expect(sb.counters().intakeDeletes[uuid]).toEqual({ registered: 1, applied: 1, rejected: 0 });
	});

	it('answers 404 v2_entity_not_found for an unknown pickup and 400 v2_invalid_format for a malformed one', async () => {
		const unknown = await api.call('DELETE', '/intakes/11111111-2222-4333-8444-555555555555');
		expect([unknown.status, unknown.body.requests[0].errors[0].code]).toEqual([
			404,
			'v2_entity_not_found',
		]);
		const malformed = await api.get('/intakes/not-a-uuid');
		expect([malformed.status, malformed.body.requests[0].errors[0].code]).toEqual([
			400,
			'v2_invalid_format',
		]);
	});
});

describe('available days', () => {
	it('lists the days from today until two weeks ahead, Sundays excluded', async () => {
		const reply = await api.post('/intakes/availableDays', {
			body: { from_location: { code: 270 } },
		});
		expect(reply.status).toBe(200);
		const today = localNow('Asia/Novosibirsk').date;
		const expected = Array.from({ length: 15 }, (_, i) => addDays(today, i)).filter(
			(day) => weekday(day) !== 0,
		);
		expect(reply.body).toEqual({ date: expected, all_days: false, errors: [], warnings: [] });
		const until = await api.post('/intakes/availableDays', {
			body: { from_location: { address: 'Новосибирск, ул. Ленина, 1' }, date: addDays(today, 2) },
		});
		expect(until.body.date).toEqual(expected.filter((day) => day <= addDays(today, 2)));
	});

	it('needs a known place', async () => {
		expect((await api.post('/intakes/availableDays', { body: {} })).body.errors[0].code).toBe(
			'v2_field_is_empty',
		);
		expect(
			(await api.post('/intakes/availableDays', { body: { from_location: { code: 999999 } } })).body
				.errors[0].code,
		).toBe('v2_sender_location_not_recognized');
	});
});
