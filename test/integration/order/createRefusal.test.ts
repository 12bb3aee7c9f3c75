import { apiCalls, accountCredential, runCdek, useSandbox } from '../cdek-fixture';

describe('Order → Create Refusal (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();

	it('registers a refusal with no body and outputs CDEK\'s 202 body with pairedItem', async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{ input: [{ uuid: ` ${inTransit.uuid} ` }], credentials: accountCredential(sandbox()) },
		);

		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.entity).toEqual({ uuid: inTransit.uuid });
		expect(item.json.requests).toEqual([
			expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'ACCEPTED', request_uuid: expect.any(String) }),
		]);
		expect(item.json.related_entities).toEqual([]);
		const calls = apiCalls(sandbox());
		expect(calls.map(({ method, path }) => `${method} ${path}`)).toEqual([`POST /v2/orders/${inTransit.uuid}/refusal`]);
		expect(sandbox().requestLog().at(-1)?.headers['content-length'] ?? '0').toBe('0');
		expect(sandbox().counters().refusals[inTransit.uuid]).toEqual(expect.objectContaining({ registered: 1 }));
	});

	it('sends nothing for an invalid UUID and names the parameter and the item', async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{ input: [{ uuid: inTransit.uuid }, { uuid: '{not-a-uuid}' }], credentials: accountCredential(sandbox()) },
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Order UUID must be an order UUID like 72753031-1820-4f99-9240-aab139f05ca5 (8-4-4-4-12 hexadecimal characters), got "{not-a-uuid}" [item 1]',
		);
		expect(apiCalls(sandbox()).map((call) => call.path)).toEqual([`/v2/orders/${inTransit.uuid}/refusal`]);
	});

	it('with Continue On Fail keeps going: every item out, in order, paired, errors with CDEK\'s code', async () => {
		const { inTransit, inTransit2 } = sandbox().seeds;
		const unknown = '11111111-2222-4333-8444-555555555555';
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{
				input: [{ uuid: inTransit.uuid }, { uuid: 'bad' }, { uuid: unknown }, { uuid: inTransit2.uuid }],
				credentials: accountCredential(sandbox()),
				node: { continueOnFail: true },
			},
		);

		expect(result.status).toBe('success');
		const items = result.output('CDEK');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json.entity).toEqual({ uuid: inTransit.uuid });
		expect(items[1].json.error).toContain('Order UUID must be an order UUID');
		expect(items[2].json.error).toBe(`CDEK: v2_entity_not_found: Entity is not found by uuid ${unknown} (HTTP 404) [item 2]`);
		expect(items[2].json.details).toEqual(
			expect.objectContaining({ httpCode: '404', cdekErrors: [expect.objectContaining({ code: 'v2_entity_not_found' })] }),
		);
		expect(items[3].json.entity).toEqual({ uuid: inTransit2.uuid });
		expect(apiCalls(sandbox())).toHaveLength(3);
	});

	it('routes failures to the error output with the input item merged in', async () => {
		const { inTransit } = sandbox().seeds;
		const unknown = '11111111-2222-4333-8444-555555555555';
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{
				input: [{ uuid: unknown, shop: 'A' }, { uuid: inTransit.uuid, shop: 'B' }],
				credentials: accountCredential(sandbox()),
				node: { onError: 'continueErrorOutput' },
			},
		);

		const success = result.output('CDEK', 0);
		const failed = result.output('CDEK', 1);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
		expect(failed[0].json).toEqual(expect.objectContaining({ uuid: unknown, shop: 'A', error: expect.stringContaining('v2_entity_not_found') }));
	});
});
