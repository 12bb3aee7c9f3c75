import {
	ORDER_LOCATOR_MODES,
	accountCredential,
	apiCalls,
	callsWithQuery,
	lookupOf,
	orderByMode,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

describe('Order → Get (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();

	it('looks an order up by UUID, CDEK number and shop order number, one item per input', async () => {
		const { delivered } = sandbox().seeds;
		const credentials = accountCredential(sandbox());
		const byUuid = await runCdek(
			{ operation: 'get', lookupBy: 'uuid', orderUuid: delivered.uuid },
			{ credentials },
		);
		const byCdek = await runCdek(
			{ operation: 'get', lookupBy: 'cdekNumber', cdekNumber: delivered.cdek_number },
			{ credentials },
		);
		const byShop = await runCdek(
			{ operation: 'get', lookupBy: 'imNumber', imNumber: ` ${delivered.number} ` },
			{ credentials },
		);

		for (const result of [byUuid, byCdek, byShop]) {
			const [item] = result.output('CDEK');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual(
				expect.objectContaining({
					entity: expect.objectContaining({
						uuid: delivered.uuid,
						cdek_number: delivered.cdek_number,
						number: delivered.number,
					}),
					requests: expect.any(Array),
					related_entities: expect.any(Array),
				}),
			);
		}
		expect(apiCalls(sandbox()).map((call) => call.path)).toEqual([
			`/v2/orders/${delivered.uuid}`,
			'/v2/orders',
			'/v2/orders',
		]);
		const queries = sandbox()
			.requestLog()
			.filter((entry) => entry.path === '/v2/orders')
			.map((entry) => entry.query);
		expect(queries).toEqual([
			{ cdek_number: delivered.cdek_number },
			{ im_number: delivered.number },
		]);
	});

	it('outputs status, headers and body with "Include Response Headers and Status"', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'get',
				lookupBy: 'uuid',
				orderUuid: delivered.uuid,
				options: { fullResponse: true },
			},
			{ credentials: accountCredential(sandbox()) },
		);
		const { json } = result.output('CDEK')[0];
		expect(json.statusCode).toBe(200);
		expect((json.headers as Record<string, string>)['content-type']).toContain('application/json');
		expect((json.body as { entity: { uuid: string } }).entity.uuid).toBe(delivered.uuid);
	});

	it("turns CDEK's measured 400 for an unknown shop number into a readable error", async () => {
		const result = await runCdek(
			{ operation: 'get', lookupBy: 'imNumber', imNumber: 'NO-SUCH-ORDER' },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'No order "NO-SUCH-ORDER" in CDEK for this account (CDEK: v2_entity_not_found_im_number: Entity is not found by number NO-SUCH-ORDER, HTTP 400) [item 1]',
		);
		expect(result.error?.description).toContain('no order with this shop order number');
	});

	it.each([
		[
			'cdekNumber',
			{ cdekNumber: '11O9940745' },
			'CDEK Number must be a CDEK order number made of digits only',
		],
		['imNumber', { imNumber: '   ' }, "Shop Order Number must be the shop's order number"],
		['uuid', { orderUuid: '={{ "" }}' }, 'Order UUID must be an order UUID'],
	])('validates %s before sending', async (lookupBy, parameters, message) => {
		const result = await runCdek(
			{ operation: 'get', lookupBy, ...parameters },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toContain(message);
		expect(sandbox().requestLog()).toHaveLength(0);
	});
});

describe('Look Up Order (get), version 2: the order by UUID, shop order number or CDEK number', () => {
	const sandbox = useSandbox();

	describe.each(ORDER_LOCATOR_MODES)('by %s', (mode) => {
		it("Get: one lookup, simplified by default, CDEK's body with Simplify off", async () => {
			const { delivered2 } = sandbox().seeds;
			const simple = await runCdekV2(
				{ operation: 'get', order: orderByMode(sandbox(), 'delivered2', mode) },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(simple.output('CDEK')[0].json).toEqual({
				uuid: delivered2.uuid,
				cdekNumber: delivered2.cdek_number,
				number: delivered2.number,
				status: 'DELIVERED',
				statusName: 'Вручен',
				statusTime: expect.any(String),
				statusReasonCode: null,
				statusReason: null,
				statusReasonRu: null,
				statusCity: expect.any(String),
				isReturn: false,
				isClientReturn: false,
				returnOrderUuid: null,
				deliveryProblem: null,
				lastRequestType: 'CREATE',
				lastRequestState: 'SUCCESSFUL',
			});
			const whole = await runCdekV2(
				{ operation: 'get', order: orderByMode(sandbox(), 'delivered2', mode), simplify: false },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(whole.output('CDEK')[0].json).toEqual(sandbox().getOrder(delivered2.uuid));
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'delivered2', mode),
				lookupOf(sandbox(), 'delivered2', mode),
			]);
		});
	});
});
