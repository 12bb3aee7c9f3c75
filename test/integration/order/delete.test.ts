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

describe('Order → Delete (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();

	it('deletes a CREATED order and, when waiting, reports it REMOVED', async () => {
		const { created } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'delete',
				orderUuid: created.uuid,
				options: { waitForVerdict: true, pollInterval: 0.1 },
			},
			{ credentials: accountCredential(sandbox()) },
		);
		const { json } = result.output('CDEK')[0];
		expect(json.requests).toEqual([expect.objectContaining({ type: 'DELETE' })]);
		expect(json.result).toEqual(
			expect.objectContaining({ state: 'SUCCESSFUL', orderStatus: 'REMOVED' }),
		);
		expect(
			apiCalls(sandbox())
				.filter((call) => call.method === 'DELETE')
				.map((call) => call.path),
		).toEqual([`/v2/orders/${created.uuid}`]);
	});

	it('blocks a deletion once the order is moving and suggests a refusal', async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'delete', orderUuid: inTransit.uuid },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toContain(
			'Deletion not sent: CDEK deletes orders only before they leave the shop',
		);
		expect(result.error?.description).toContain('Create Refusal');
		expect(apiCalls(sandbox()).filter((call) => call.method === 'DELETE')).toEqual([]);
	});

	it("reports CDEK's own refusal to delete when the safety check is off", async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'delete',
				orderUuid: inTransit.uuid,
				options: { safetyCheck: false, waitForVerdict: true, pollInterval: 0.1 },
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toMatch(
			/^CDEK rejected the deletion: error_validate_order_delete_status: /,
		);
	});
});

describe('Cancel Before Shipping (delete), version 2: the order by UUID, shop order number or CDEK number', () => {
	const sandbox = useSandbox();

	describe.each(ORDER_LOCATOR_MODES)('by %s', (mode) => {
		it('Delete: one lookup, then the deletion', async () => {
			const { accepted } = sandbox().seeds;
			const result = await runCdekV2(
				{ operation: 'delete', order: orderByMode(sandbox(), 'accepted', mode) },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(result.output('CDEK')[0].json.orderUuid).toBe(accepted.uuid);
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'accepted', mode),
				`DELETE /v2/orders/${accepted.uuid}`,
			]);
		});
	});
});
