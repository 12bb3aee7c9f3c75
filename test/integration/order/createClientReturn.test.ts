import { apiCalls, accountCredential, runCdek, useSandbox } from '../cdek-fixture';

describe('Order → Create Client Return (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();

	it('sends {"tariff_code": N} and outputs CDEK\'s 202 body', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createClientReturn', orderUuid: delivered.uuid, tariffCode: '={{ $json.tariff }}' },
			{ input: [{ tariff: '139' }], credentials: accountCredential(sandbox()) },
		);

		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.entity).toEqual({ uuid: delivered.uuid });
		expect(item.json.requests).toEqual([expect.objectContaining({ type: 'CREATE_CLIENT_RETURN', state: 'ACCEPTED' })]);
		expect(apiCalls(sandbox())).toEqual([
			{ method: 'POST', path: `/v2/orders/${delivered.uuid}/clientReturn`, body: { tariff_code: 139 } },
		]);
	});

	it.each([0, -5, 1.5, 'abc'])('refuses tariff %p before any request', async (tariff) => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createClientReturn', orderUuid: delivered.uuid, tariffCode: '={{ $json.tariff }}' },
			{ input: [{ tariff }], credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Tariff Code must be a positive whole number.*\[item 0\]$/);
		expect(sandbox().requestLog()).toHaveLength(0);
	});

	it("reports CDEK's verdict when the return is refused later (the order is then read back)", async () => {
		const { inTransit } = sandbox().seeds;
		const credentials = accountCredential(sandbox());
		await runCdek({ operation: 'createClientReturn', orderUuid: inTransit.uuid, tariffCode: 136 }, { credentials });
		sandbox().settlePending();
		const result = await runCdek({ operation: 'get', lookupBy: 'uuid', orderUuid: inTransit.uuid }, { credentials });
		const requests = result.output('CDEK')[0].json.requests as Array<{ type: string; state: string }>;
		expect(requests[0]).toEqual(expect.objectContaining({ type: 'CREATE_CLIENT_RETURN', state: 'INVALID' }));
	});
});
