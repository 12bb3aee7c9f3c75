import {
	ORDER_LOCATOR_MODES,
	accountCredential,
	apiCalls,
	callsWithQuery,
	lookupOf,
	orderByMode,
	route,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

const unknown = '11111111-2222-4333-8444-555555555555';
const fast = { pollInterval: 0.1, waitTimeout: 10 };

describe('Order → Create Refusal (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const refusals = (uuid: string) => sandbox().counters().refusals[uuid]?.registered ?? 0;

	it("reads the order, then registers the refusal with no body and outputs CDEK's 202 body with pairedItem", async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{ input: [{ uuid: ` ${inTransit.uuid} ` }], credentials: accountCredential(sandbox()) },
		);

		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			entity: { uuid: inTransit.uuid },
			requests: [
				expect.objectContaining({
					type: 'CREATE_REFUSAL',
					state: 'ACCEPTED',
					request_uuid: expect.any(String),
				}),
			],
			related_entities: [],
		});
		expect(route(apiCalls(sandbox()))).toEqual([
			`GET /v2/orders/${inTransit.uuid}`,
			`POST /v2/orders/${inTransit.uuid}/refusal`,
		]);
		expect(sandbox().requestLog().at(-1)?.headers['content-length']).toBe('0');
		expect(refusals(inTransit.uuid)).toBe(1);
	});

	it('sends only the refusal when the checks are off', async () => {
		const { inTransit } = sandbox().seeds;
		await runCdek(
			{
				operation: 'createRefusal',
				orderUuid: inTransit.uuid,
				options: { safetyCheck: false, preventDuplicates: false },
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(route(apiCalls(sandbox()))).toEqual([`POST /v2/orders/${inTransit.uuid}/refusal`]);
	});

	it('sends nothing for an invalid UUID and names the parameter and the item', async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'createRefusal',
				orderUuid: '={{ $json.uuid }}',
				options: { batching: { batch: { concurrency: 1, batchSize: 10, batchInterval: 0 } } },
			},
			{
				input: [{ uuid: inTransit.uuid }, { uuid: '{not-a-uuid}' }],
				credentials: accountCredential(sandbox()),
			},
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Order UUID must be an order UUID like 72753031-1820-4f99-9240-aab139f05ca5 (8-4-4-4-12 hexadecimal characters), got "{not-a-uuid}" [item 2]',
		);
		expect(apiCalls(sandbox()).every((call) => call.path.includes(inTransit.uuid))).toBe(true);
	});

	describe('safety check', () => {
		it.each([
			[
				'created',
				'has not left the shop yet (CREATED), and CDEK bills a refusal in this status',
				'Use "Cancel Before Shipping" (Delete)',
			],
			['accepted', 'has not left the shop yet (ACCEPTED)', 'Use "Cancel Before Shipping" (Delete)'],
			[
				'delivered',
				'was already delivered (DELIVERED)',
				'Use "Return a Delivered Order" (Create Client Return)',
			],
			['notDelivered', 'is already NOT_DELIVERED', 'Nothing to do'],
			['removed', 'was deleted (REMOVED)', 'Nothing to do'],
		] as const)(
			'refuses locally on a %s order, explains why and what to do instead',
			async (seed, reason, alternative) => {
				const order = sandbox().seeds[seed];
				const result = await runCdek(
					{ operation: 'createRefusal', orderUuid: order.uuid },
					{ credentials: accountCredential(sandbox()) },
				);
				expect(result.status).toBe('error');
				expect(result.error?.message).toContain(`Refusal not sent: the order ${reason}`);
				expect(result.error?.message).toMatch(/\[item 1\]$/);
				expect(result.error?.description).toContain(alternative);
				expect(route(apiCalls(sandbox()))).toEqual([`GET /v2/orders/${order.uuid}`]);
				expect(refusals(order.uuid)).toBe(0);
			},
		);
	});

	it('gives a blocked item details.blocked, so a workflow can route it', async () => {
		const { created } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: created.uuid },
			{ credentials: accountCredential(sandbox()), node: { continueOnFail: true } },
		);
		expect(result.output('CDEK')[0].json.details).toEqual(
			expect.objectContaining({
				blocked: {
					reason:
						'the order has not left the shop yet (CREATED), and CDEK bills a refusal in this status',
					alternative: expect.stringContaining('Use "Cancel Before Shipping" (Delete)'),
					orderUuid: created.uuid,
					orderStatus: 'CREATED',
				},
			}),
		);
	});

	describe('no duplicates', () => {
		// The first refusal stays ACCEPTED until the test settles it: however long the second run takes.
		beforeEach(() => sandbox().configure({ settleDelayMs: -1 }));

		it('returns the refusal CDEK already has, marked alreadyRegistered, without sending another', async () => {
			const { inTransit, alreadyRefused } = sandbox().seeds;
			const credentials = accountCredential(sandbox());
			await runCdek({ operation: 'createRefusal', orderUuid: inTransit.uuid }, { credentials });
			const again = await runCdek(
				{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
				{ input: [{ uuid: inTransit.uuid }, { uuid: alreadyRefused.uuid }], credentials },
			);

			const [inFlight, done] = again.output('CDEK');
			expect(inFlight.json).toEqual(
				expect.objectContaining({
					alreadyRegistered: true,
					requests: [expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'ACCEPTED' })],
				}),
			);
			expect(done.json).toEqual(
				expect.objectContaining({
					alreadyRegistered: true,
					requests: [expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'SUCCESSFUL' })],
				}),
			);
			expect(refusals(inTransit.uuid)).toBe(1);
			expect(refusals(alreadyRefused.uuid)).toBe(0);
		});

		it('three items naming one order in one run: one refusal sent, the others report it, CDEK never refuses one', async () => {
			const { inTransit } = sandbox().seeds;
			const result = await runCdek(
				{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
				{
					input: [
						{ uuid: inTransit.uuid },
						{ uuid: inTransit.uuid.toUpperCase() },
						{ uuid: inTransit.uuid },
					],
					credentials: accountCredential(sandbox()),
				},
			);

			expect(result.status).toBe('success');
			const items = result.output('CDEK');
			expect(items.map((item) => item.json.alreadyRegistered ?? false)).toEqual([
				false,
				true,
				true,
			]);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(route(apiCalls(sandbox())).filter((call) => call.startsWith('POST'))).toEqual([
				`POST /v2/orders/${inTransit.uuid}/refusal`,
			]);
			expect(sandbox().counters().similarRequestRejections).toBe(0);
			expect(refusals(inTransit.uuid)).toBe(1);
		});

		it("treats CDEK's v2_similar_request_still_processed as the request in flight", async () => {
			const { inTransit } = sandbox().seeds;
			const credentials = accountCredential(sandbox());
			const raw = {
				operation: 'createRefusal',
				orderUuid: inTransit.uuid,
				options: { safetyCheck: false, preventDuplicates: false },
			};
			await runCdek(raw, { credentials });
			const second = await runCdek(raw, { credentials });

			expect(second.status).toBe('success');
			expect(sandbox().counters().similarRequestRejections).toBe(1);
			expect(second.output('CDEK')[0].json).toEqual(
				expect.objectContaining({ alreadyRegistered: true }),
			);
			expect(refusals(inTransit.uuid)).toBe(1);
		});
	});

	describe("waiting for CDEK's verdict", () => {
		it('adds a result block once CDEK applied the refusal: NOT_DELIVERED and the return order', async () => {
			const { inTransit } = sandbox().seeds;
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: inTransit.uuid,
					options: { waitForVerdict: true, ...fast },
				},
				{ credentials: accountCredential(sandbox()) },
			);
			const { json } = result.output('CDEK')[0];
			const order = sandbox().getOrder(inTransit.uuid) as {
				related_entities: Array<{ type: string; uuid: string }>;
			};
			const returnOrder = order.related_entities.find((entity) => entity.type === 'return_order');
			expect(json.result).toEqual({
				state: 'SUCCESSFUL',
				requestUuid: (json.requests as Array<{ request_uuid: string }>)[0].request_uuid,
				errors: [],
				orderStatus: 'NOT_DELIVERED',
				returnOrderUuid: returnOrder?.uuid,
			});
		});

		it("turns an INVALID verdict into the item's error with CDEK's codes (Continue On Fail keeps it)", async () => {
			const { delivered } = sandbox().seeds;
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: delivered.uuid,
					options: { waitForVerdict: true, safetyCheck: false, ...fast },
				},
				{ credentials: accountCredential(sandbox()), node: { continueOnFail: true } },
			);
			const { json } = result.output('CDEK')[0];
			expect(json.error).toMatch(
				/^CDEK rejected the refusal: v2_entity_has_final_status: .* \[item 1\]$/,
			);
			expect(json.details).toEqual(
				expect.objectContaining({
					cdekErrors: [expect.objectContaining({ code: 'v2_entity_has_final_status' })],
					result: expect.objectContaining({ state: 'INVALID', orderStatus: 'DELIVERED' }),
				}),
			);
		});

		it('says "still processing" and what to do when the time limit passes', async () => {
			sandbox().configure({ settleDelayMs: -1 });
			const { inTransit } = sandbox().seeds;
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: inTransit.uuid,
					options: { waitForVerdict: true, pollInterval: 0.2, waitTimeout: 1 },
				},
				{ credentials: accountCredential(sandbox()) },
			);
			const { json } = result.output('CDEK')[0];
			expect(json.result).toEqual(
				expect.objectContaining({ state: 'ACCEPTED', stillProcessing: true }),
			);
			expect(String((json.result as { message: string }).message)).toContain(
				'do not send it again',
			);
			// How many polls fit in the second depends on the machine's load; that it polled after the refusal does not.
			const calls = route(apiCalls(sandbox()));
			expect(calls.slice(0, 2)).toEqual([
				`GET /v2/orders/${inTransit.uuid}`,
				`POST /v2/orders/${inTransit.uuid}/refusal`,
			]);
			expect(calls.slice(2).length).toBeGreaterThanOrEqual(1);
			expect(new Set(calls.slice(2))).toEqual(new Set([`GET /v2/orders/${inTransit.uuid}`]));
		});
	});

	it("with Continue On Fail keeps going: every item out, in order, paired, errors with CDEK's code", async () => {
		const { inTransit, inTransit2 } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{
				input: [
					{ uuid: inTransit.uuid },
					{ uuid: 'bad' },
					{ uuid: unknown },
					{ uuid: inTransit2.uuid },
				],
				credentials: accountCredential(sandbox()),
				node: { continueOnFail: true },
			},
		);

		expect(result.status).toBe('success');
		const items = result.output('CDEK');
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.entity).toEqual({ uuid: inTransit.uuid });
		expect(items[1].json.error).toContain('Order UUID must be an order UUID');
		expect(items[2].json.error).toBe(
			`No order ${unknown} in CDEK for this account (CDEK: v2_entity_not_found: Entity is not found by uuid ${unknown}, HTTP 404) [item 3]`,
		);
		expect(items[2].json.details).toEqual(
			expect.objectContaining({
				httpCode: '404',
				cdekErrors: [expect.objectContaining({ code: 'v2_entity_not_found' })],
			}),
		);
		expect(items[3].json.entity).toEqual({ uuid: inTransit2.uuid });
	});

	it('routes failures to the error output with the input item merged in', async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{
				input: [
					{ uuid: unknown, shop: 'A' },
					{ uuid: inTransit.uuid, shop: 'B' },
				],
				credentials: accountCredential(sandbox()),
				node: { onError: 'continueErrorOutput' },
			},
		);

		const success = result.output('CDEK', 0);
		const failed = result.output('CDEK', 1);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
		expect(failed[0].json).toEqual(
			expect.objectContaining({
				uuid: unknown,
				shop: 'A',
				error: expect.stringContaining('v2_entity_not_found'),
			}),
		);
	});
});

describe('Refuse Delivery (createRefusal), version 2: the order by UUID, shop order number or CDEK number', () => {
	const sandbox = useSandbox();

	describe.each(ORDER_LOCATOR_MODES)('by %s', (mode) => {
		it('Create Refusal: the Safety Check read is the lookup, then the refusal; the item names the order UUID', async () => {
			const { inTransit } = sandbox().seeds;
			const result = await runCdekV2(
				{ operation: 'createRefusal', order: orderByMode(sandbox(), 'inTransit', mode) },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(result.status).toBe('success');
			const [item] = result.output('CDEK');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual({
				orderUuid: inTransit.uuid,
				// The shop's own number too, however the order was named.
				number: inTransit.number,
				summary: 'Refusal queued at CDEK (ACCEPTED): CDEK has not decided yet.',
				nextStep: expect.stringContaining("Wait for CDEK's Verdict"),
				entity: { uuid: inTransit.uuid },
				requests: [expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'ACCEPTED' })],
				related_entities: [],
			});
			expect(Object.keys(item.json).slice(0, 4)).toEqual([
				'orderUuid',
				'number',
				'summary',
				'nextStep',
			]);
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'inTransit', mode),
				`POST /v2/orders/${inTransit.uuid}/refusal`,
			]);
			expect(sandbox().counters().refusals[inTransit.uuid].registered).toBe(1);
		});
	});
});
