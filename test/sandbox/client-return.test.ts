/** POST /v2/orders/{uuid}/clientReturn (docs/reference/cdek-api.md §4, §5 table). */
import { type Sandbox, type SeedName } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, useSandbox } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
useSandbox((sandbox, client) => {
	sb = sandbox;
	api = client;
});

const clientReturn = (name: SeedName, body: unknown = { tariff_code: 136 }) =>
	api.post(`/orders/${sb.seeds[name].uuid}/clientReturn`, { body });
const order = async (uuid: string) => (await api.get(`/orders/${uuid}`)).body;

describe('body validation (simplified envelope)', () => {
	const simplified = (code: string, message: string) => ({
		errors: [{ code, message }],
		warnings: [],
	});

	it.each([
		['no body', undefined, simplified('v2_field_is_empty', 'tariff_code is empty')],
		['empty object', {}, simplified('v2_field_is_empty', 'tariff_code is empty')],
		['null tariff', { tariff_code: null }, simplified('v2_field_is_empty', 'tariff_code is empty')],
		[
			'string tariff',
			{ tariff_code: '136' },
			simplified('v2_invalid_value_type', 'Invalid value type in tariff_code field'),
		],
		[
			'fractional tariff',
			{ tariff_code: 136.5 },
			simplified('v2_invalid_value_type', 'Invalid value type in tariff_code field'),
		],
		['broken JSON', '{"tariff_code":', simplified('v2_bad_request', 'Bad request')],
	])('%s → 400', async (_label, body, expected) => {
		const reply = await api.post(
			`/orders/${sb.seeds.delivered.uuid}/clientReturn`,
			body === undefined ? {} : { body },
		);
		expect([reply.status, reply.body]).toEqual([400, expected]);
		expect(sb.counters().clientReturns).toEqual({});
	});
});

describe('client return of a delivered online-store order', () => {
	it('answers 202 with the direct order uuid and settles into a linked client-return order', async () => {
		const seed = sb.seeds.delivered;
		const reply = await clientReturn('delivered', { tariff_code: 137 });
		expect(reply.status).toBe(202);
		expect(reply.body).toEqual({
			entity: { uuid: seed.uuid },
			requests: [
				{
					request_uuid: expect.any(String),
					type: 'CREATE_CLIENT_RETURN',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'ACCEPTED',
				},
			],
			related_entities: [],
		});
		expect((await order(seed.uuid)).requests[0].state).toBe('ACCEPTED');
		sb.settlePending();
		const direct = await order(seed.uuid);
		expect(direct.requests[0]).toMatchObject({ type: 'CREATE_CLIENT_RETURN', state: 'SUCCESSFUL' });
		expect(direct.entity.statuses[0].code).toBe('DELIVERED');
		expect(direct.related_entities).toEqual([
			{ type: 'client_return_order', uuid: expect.any(String) },
		]);
		const ret = await order(direct.related_entities[0].uuid);
		expect(ret.entity).toMatchObject({
			is_client_return: true,
			is_return: false,
			tariff_code: 137,
			number: `${seed.number}-CR`,
			cdek_number: expect.stringMatching(/^\d{10}$/),
		});
		expect(ret.related_entities).toEqual([{ type: 'client_direct_order', uuid: seed.uuid }]);
		expect(sb.counters().clientReturns[seed.uuid]).toEqual({
			registered: 1,
			applied: 1,
			rejected: 0,
		});
	});

	it('works for a partially delivered order (reason 20)', async () => {
		await clientReturn('partiallyDelivered');
		sb.settlePending();
		expect((await order(sb.seeds.partiallyDelivered.uuid)).requests[0].state).toBe('SUCCESSFUL');
	});

	it('rejects a second client return while the first is ACCEPTED', async () => {
		const first = await clientReturn('delivered2');
		const second = await clientReturn('delivered2');
		expect(second.status).toBe(400);
		expect(second.body.requests[0]).toMatchObject({
			type: 'CREATE_CLIENT_RETURN',
			errors: [
				{
					code: 'v2_similar_request_still_processed',
					message: `Similar request is still being processed ${first.body.requests[0].request_uuid}`,
				},
			],
		});
	});
});

describe('client return rejected at settle time', () => {
	it.each([
		['deliveredDeliveryType', 'v2_client_return_forbidden_order_type'],
		['inTransit', 'v2_client_return_forbidden_status'],
		['created', 'v2_client_return_forbidden_status'],
		['notDelivered', 'v2_entity_has_final_status'],
		['removed', 'v2_entity_has_final_status'],
		['alreadyClientReturned', 'v2_client_return_already_exists'],
		['alreadyRefusedReturn', 'v2_client_return_forbidden_status'],
	] as const)('%s → INVALID %s, no new order', async (name, code) => {
		const before = await order(sb.seeds[name].uuid);
		expect((await clientReturn(name)).status).toBe(202);
		sb.settlePending();
		const after = await order(sb.seeds[name].uuid);
		expect(after.requests[0]).toMatchObject({
			type: 'CREATE_CLIENT_RETURN',
			state: 'INVALID',
			errors: [{ code, message: expect.any(String) }],
		});
		expect(after.related_entities).toEqual(before.related_entities);
		expect(sb.counters().clientReturns[sb.seeds[name].uuid]).toEqual({
			registered: 1,
			applied: 0,
			rejected: 1,
		});
	});
});

describe('client return on unknown or malformed uuids', () => {
	it('answers an unknown uuid with v2_entity_not_found', async () => {
		const reply = await api.post('/orders/11111111-2222-4333-8444-555555555555/clientReturn', {
			body: { tariff_code: 136 },
		});
		expect(reply.status).toBe(404);
		expect(reply.body.requests[0]).toMatchObject({
			type: 'CREATE_CLIENT_RETURN',
			errors: [{ code: 'v2_entity_not_found' }],
		});
	});

	it('checks the uuid format before the body', async () => {
		const reply = await api.post('/orders/nope/clientReturn', { body: {} });
		expect(reply.status).toBe(400);
		expect(reply.body.requests[0].errors[0]).toMatchObject({
			code: 'v2_invalid_format',
			message: 'Invalid value [nope] in [uuid] parameter',
		});
	});
});
