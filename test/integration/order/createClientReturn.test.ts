import type { IDataObject } from 'n8n-workflow';

import { runLoadOptions } from '../../../dev/n8n-core/runner';

import {
	ORDER_LOCATOR_MODES,
	accountCredential,
	apiCalls,
	callsWithQuery,
	cdekNode,
	locator,
	lookupOf,
	orderByMode,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

const fast = { pollInterval: 0.1, waitTimeout: 10 };

describe('Order → Create Client Return (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const posted = () => apiCalls(sandbox()).filter((call) => call.method === 'POST');

	it('sends {"tariff_code": N} after reading the order and outputs CDEK\'s 202 body', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'createClientReturn',
				orderUuid: delivered.uuid,
				tariffCode: '={{ $json.tariff }}',
			},
			{ input: [{ tariff: '139' }], credentials: accountCredential(sandbox()) },
		);

		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.entity).toEqual({ uuid: delivered.uuid });
		expect(item.json.requests).toEqual([
			expect.objectContaining({ type: 'CREATE_CLIENT_RETURN', state: 'ACCEPTED' }),
		]);
		expect(posted()).toEqual([
			{
				method: 'POST',
				path: `/v2/orders/${delivered.uuid}/clientReturn`,
				body: { tariff_code: 139 },
			},
		]);
	});

	it.each([0, -5, 1.5, 'abc'])('refuses tariff %p before any request', async (tariff) => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'createClientReturn',
				orderUuid: delivered.uuid,
				tariffCode: '={{ $json.tariff }}',
			},
			{ input: [{ tariff }], credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^Tariff Code must be a positive whole number.*\[item 1\]$/,
		);
		expect(sandbox().requestLog()).toHaveLength(0);
	});

	it('waits for the verdict: the new client-return order is linked in the result', async () => {
		const { partiallyDelivered } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'createClientReturn',
				orderUuid: partiallyDelivered.uuid,
				tariffCode: 136,
				options: { waitForVerdict: true, ...fast },
			},
			{ credentials: accountCredential(sandbox()) },
		);
		const verdict = result.output('CDEK')[0].json.result as {
			state: string;
			returnOrderUuid: string;
		};
		expect(verdict.state).toBe('SUCCESSFUL');
		const returnOrder = sandbox().getOrder(verdict.returnOrderUuid) as {
			entity: { is_client_return: boolean };
		};
		expect(returnOrder.entity.is_client_return).toBe(true);
	});

	it.each([
		['inTransit', 'not delivered yet', 'Use "Refuse Delivery" (Create Refusal)'],
		['created', 'not delivered yet', 'Use "Cancel Before Shipping" (Delete)'],
		[
			'deliveredDeliveryType',
			'only for online-store orders',
			'Use "Create Return Order" (Create, with Client Return on)',
		],
		['notDelivered', 'already NOT_DELIVERED', 'Nothing to do'],
	] as const)(
		'blocks a return on %s locally with the right alternative',
		async (seed, reason, alternative) => {
			const order = sandbox().seeds[seed];
			const result = await runCdek(
				{ operation: 'createClientReturn', orderUuid: order.uuid, tariffCode: 136 },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(result.error?.message).toContain(`Client return not sent: `);
			expect(result.error?.message).toContain(reason);
			expect(result.error?.description).toContain(alternative);
			expect(posted()).toEqual([]);
		},
	);

	it('does not send a second return for an order that already has one', async () => {
		const { alreadyClientReturned } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createClientReturn', orderUuid: alreadyClientReturned.uuid, tariffCode: 136 },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.output('CDEK')[0].json).toEqual(
			expect.objectContaining({
				alreadyRegistered: true,
				requests: [expect.objectContaining({ type: 'CREATE_CLIENT_RETURN', state: 'SUCCESSFUL' })],
			}),
		);
		expect(posted()).toEqual([]);
	});
});

describe('Return a Delivered Order (createClientReturn), version 2: the order by UUID, shop order number or CDEK number', () => {
	const sandbox = useSandbox();

	describe.each(ORDER_LOCATOR_MODES)('by %s', (mode) => {
		it('Create Client Return: one lookup, then the return with the tariff', async () => {
			const { delivered } = sandbox().seeds;
			const result = await runCdekV2(
				{
					operation: 'createClientReturn',
					order: orderByMode(sandbox(), 'delivered', mode),
					tariffCode: 137,
				},
				{ credentials: accountCredential(sandbox()) },
			);
			const [item] = result.output('CDEK');
			expect(item.json.orderUuid).toBe(delivered.uuid);
			expect((item.json.requests as IDataObject[])[0].type).toBe('CREATE_CLIENT_RETURN');
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'delivered', mode),
				`POST /v2/orders/${delivered.uuid}/clientReturn`,
			]);
			expect(apiCalls(sandbox())[1].body).toEqual({ tariff_code: 137 });
		});
	});
});

describe('Order → Create Client Return, version 2: Tariff Code from the contract list (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();
	const returns = () =>
		apiCalls(sandbox()).filter(
			(call) => call.method === 'POST' && call.path.endsWith('/clientReturn'),
		);

	it('sends the code of the tariff picked from the list the node loads', async () => {
		const options = await runLoadOptions({
			node: cdekNode({ operation: 'createClientReturn' }, { typeVersion: 2 }),
			methodName: 'getTariffs',
			credentials: accountCredential(sandbox()),
		});
		const picked = options.find((option) => option.value === 234);
		expect(picked?.name).toBe('234 — Экономичная посылка склад-склад (office → office)');

		const result = await runCdekV2(
			{
				operation: 'createClientReturn',
				order: locator('imNumber', sandbox().seeds.delivered.number),
				tariffCode: picked!.value,
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('success');
		expect(returns().map((call) => call.body)).toEqual([{ tariff_code: 234 }]);
	});

	it('takes the code from an expression, e.g. the cheapest tariff of Tariff → Calculate', async () => {
		const result = await runCdekV2(
			{
				operation: 'createClientReturn',
				order: locator('imNumber', sandbox().seeds.delivered2.number),
				tariffCode: '={{ $json.cheapest.tariff_code }}',
			},
			{ input: [{ cheapest: { tariff_code: '139' } }], credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('success');
		expect(returns().map((call) => call.body)).toEqual([{ tariff_code: 139 }]);
	});

	it('refuses an empty choice before anything is sent', async () => {
		const result = await runCdekV2(
			{
				operation: 'createClientReturn',
				order: locator('imNumber', sandbox().seeds.delivered.number),
				tariffCode: '={{ "" }}',
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toMatch(/^Tariff Code must be a positive whole number/);
		expect(sandbox().requestLog()).toEqual([]);
	});
});
