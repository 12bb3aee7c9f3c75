/** POST /v2/orders/{uuid}/refusal: 202, async settling, links, similar-request error (docs/reference/cdek-api.md §3, §5, §10). */
import { type Sandbox, type SeedName } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, useSandbox, waitFor } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
useSandbox((sandbox, client) => {
	sb = sandbox;
	api = client;
});

const refuse = (name: SeedName) => api.post(`/orders/${sb.seeds[name].uuid}/refusal`);
const order = async (uuid: string) => (await api.get(`/orders/${uuid}`)).body;

describe('refusal of an order in transit', () => {
	it('answers 202 with the measured body and lists the request as ACCEPTED until it settles', async () => {
		const seed = sb.seeds.inTransit;
		const reply = await refuse('inTransit');
		expect(reply.status).toBe(202);
		expect(reply.body).toEqual({
			entity: { uuid: seed.uuid },
			requests: [
				{
					request_uuid: expect.any(String),
					type: 'CREATE_REFUSAL',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'ACCEPTED',
				},
			],
			related_entities: [],
		});
		const pending = await order(seed.uuid);
		expect(pending.requests[0]).toMatchObject({
			request_uuid: reply.body.requests[0].request_uuid,
			type: 'CREATE_REFUSAL',
			state: 'ACCEPTED',
		});
		expect(pending.requests[1]).toMatchObject({ type: 'CREATE', state: 'SUCCESSFUL' });
		expect(pending.entity.statuses[0].code).toBe('SENT_TO_RECIPIENT_CITY');
		expect(sb.counters().refusals[seed.uuid]).toEqual({ registered: 1, applied: 0, rejected: 0 });
	});

	it('settles SUCCESSFUL: NOT_DELIVERED + reason 11 and a return order linked both ways', async () => {
		const seed = sb.seeds.inTransit;
		const reply = await refuse('inTransit');
		expect(sb.settlePending()).toBe(1);
		const direct = await order(seed.uuid);
		expect(direct.requests[0]).toMatchObject({
			request_uuid: reply.body.requests[0].request_uuid,
			state: 'SUCCESSFUL',
		});
		expect(direct.requests[0].errors).toBeUndefined();
		expect(direct.entity.statuses[0]).toMatchObject({
			code: 'NOT_DELIVERED',
			name: 'Не вручен',
			reason_code: '11',
			deleted: false,
		});
		expect(direct.related_entities).toEqual([
			{
				type: 'return_order',
				uuid: expect.any(String),
				cdek_number: expect.stringMatching(/^\d{10}$/),
			},
		]);
		const back = await order(direct.related_entities[0].uuid);
		expect(back.entity).toMatchObject({
			is_return: true,
			is_client_return: false,
			cdek_number: direct.related_entities[0].cdek_number,
			number: `${seed.number}-RET`,
			sender: { name: direct.entity.recipient.name },
			recipient: { company: direct.entity.sender.company },
			from_location: { code: direct.entity.to_location.code },
			to_location: { code: direct.entity.from_location.code },
		});
		expect(back.entity.statuses.map((s: { code: string }) => s.code)).toEqual(['CREATED']);
		expect(back.related_entities).toEqual([
			{ type: 'direct_order', uuid: seed.uuid, cdek_number: seed.cdek_number },
		]);
		expect(sb.counters().refusals[seed.uuid]).toEqual({ registered: 1, applied: 1, rejected: 0 });
		expect(sb.counters().chargeableRefusals).toBe(0);
	});

	it('rejects a second refusal while the first is ACCEPTED with v2_similar_request_still_processed', async () => {
		const seed = sb.seeds.readyForPickup;
		const first = await refuse('readyForPickup');
		const second = await refuse('readyForPickup');
		expect(second.status).toBe(400);
		expect(second.body).toEqual({
			entity: { uuid: seed.uuid },
			requests: [
				{
					type: 'CREATE_REFUSAL',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'INVALID',
					errors: [
						{
							code: 'v2_similar_request_still_processed',
							additional_code: expect.stringMatching(/^0x[0-9A-F]{8}$/),
							message: `Similar request is still being processed ${first.body.requests[0].request_uuid}`,
						},
					],
				},
			],
			related_entities: [],
		});
		expect(
			(await order(seed.uuid)).requests.filter(
				(r: { type: string }) => r.type === 'CREATE_REFUSAL',
			),
		).toHaveLength(1);
		expect(sb.counters()).toMatchObject({
			similarRequestRejections: 1,
			refusals: { [seed.uuid]: { registered: 1 } },
		});
	});

	it('accepts a new refusal after settling, which then settles INVALID: the order has a final status', async () => {
		await refuse('inTransit2');
		sb.settlePending();
		const again = await refuse('inTransit2');
		expect(again.status).toBe(202);
		sb.settlePending();
		const body = await order(sb.seeds.inTransit2.uuid);
		expect(body.requests[0]).toMatchObject({
			state: 'INVALID',
			errors: [
				{
					code: 'v2_entity_has_final_status',
					message: 'Operation is forbidden. Entity has final status NOT_DELIVERED',
				},
			],
		});
		expect(body.related_entities).toHaveLength(1);
	});

	it('settles on its own after settleDelayMs', async () => {
		sb.configure({ settleDelayMs: 20 });
		await refuse('inTransit3');
		const settled = await waitFor(async () => {
			const body = await order(sb.seeds.inTransit3.uuid);
			return body.requests[0].state !== 'ACCEPTED' && body;
		}, 'refusal to settle');
		expect(settled.requests[0].state).toBe('SUCCESSFUL');
		expect(settled.entity.statuses[0].code).toBe('NOT_DELIVERED');
	});

	it('ignores a request body', async () => {
		const reply = await api.post(`/orders/${sb.seeds.inTransit4.uuid}/refusal`, {
			body: { reason: 'anything' },
		});
		expect(reply.status).toBe(202);
	});
});

describe('refusal in other statuses', () => {
	it.each(['created', 'accepted'] as const)(
		'succeeds in %s but is chargeable: a warning and a counter',
		async (name) => {
			await refuse(name);
			sb.settlePending();
			const body = await order(sb.seeds[name].uuid);
			expect(body.requests[0]).toMatchObject({
				type: 'CREATE_REFUSAL',
				state: 'SUCCESSFUL',
				warnings: [{ code: 'v2_refusal_chargeable', message: expect.stringContaining('charged') }],
			});
			expect(body.entity.statuses[0]).toMatchObject({ code: 'NOT_DELIVERED', reason_code: '11' });
			expect(sb.counters().chargeableRefusals).toBe(1);
		},
	);

	it.each([
		['delivered', 'DELIVERED'],
		['notDelivered', 'NOT_DELIVERED'],
		['removed', 'REMOVED'],
		['alreadyRefused', 'NOT_DELIVERED'],
	] as const)(
		'settles INVALID for %s (final status %s) without changing the order',
		async (name, status) => {
			const before = await order(sb.seeds[name].uuid);
			expect((await refuse(name)).status).toBe(202);
			sb.settlePending();
			const after = await order(sb.seeds[name].uuid);
			expect(after.requests[0]).toMatchObject({
				type: 'CREATE_REFUSAL',
				state: 'INVALID',
				errors: [
					{
						code: 'v2_entity_has_final_status',
						message: `Operation is forbidden. Entity has final status ${status}`,
					},
				],
			});
			expect(after.entity.statuses).toEqual(before.entity.statuses);
			expect(after.related_entities).toEqual(before.related_entities);
			expect(sb.counters().refusals[sb.seeds[name].uuid]).toEqual({
				registered: 1,
				applied: 0,
				rejected: 1,
			});
		},
	);

	it('settles INVALID with v2_entity_invalid for an INVALID order', async () => {
		await refuse('invalid');
		sb.settlePending();
		const body = await order(sb.seeds.invalid.uuid);
		expect(body.requests[0].errors).toEqual([
			{ code: 'v2_entity_invalid', message: `Entity is invalid ${sb.seeds.invalid.uuid}` },
		]);
	});
});

describe('refusal on unknown or malformed uuids', () => {
	it('answers an unknown uuid with v2_entity_not_found (notFoundStatus) and registers nothing', async () => {
		const uuid = '11111111-2222-4333-8444-555555555555';
		const reply = await api.post(`/orders/${uuid}/refusal`);
		expect(reply.status).toBe(404);
		expect(reply.body.requests[0]).toMatchObject({
			type: 'CREATE_REFUSAL',
			state: 'INVALID',
			errors: [
				{
					code: 'v2_entity_not_found',
					additional_code: '0x7B234F39',
					message: `Entity is not found by uuid ${uuid}`,
				},
			],
		});
		expect(sb.counters().refusals).toEqual({});
	});

	it('answers a malformed uuid with 400 v2_invalid_format', async () => {
		const reply = await api.post('/orders/12345/refusal');
		expect(reply.status).toBe(400);
		expect(reply.body.requests[0].errors[0]).toEqual({
			code: 'v2_invalid_format',
			additional_code: '0x1E0EBE20',
			message: 'Invalid value [12345] in [uuid] parameter',
		});
	});
});
