import type { IDataObject } from 'n8n-workflow';

import {
	apiCalls,
	accountCredential,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { returnOrderFields } from '../../../dev/reliability/support';

const fields = returnOrderFields;

describe('Order → Create, a partial client return (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const creates = () =>
		apiCalls(sandbox()).filter((call) => call.method === 'POST' && call.path === '/v2/orders');

	it('builds the body from fields with is_client_return and reaches SUCCESSFUL', async () => {
		const result = await runCdek(
			{ ...fields('RET-SHOP-1005-1'), options: { waitForVerdict: true, pollInterval: 0.1 } },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('success');
		const { json } = result.output('CDEK')[0];
		expect(json.requests).toEqual([expect.objectContaining({ type: 'CREATE', state: 'ACCEPTED' })]);
		expect(json.result).toEqual(
			expect.objectContaining({ state: 'SUCCESSFUL', orderStatus: 'CREATED' }),
		);
		const [sent] = creates();
		expect(sent.body).toEqual({
			type: 1,
			number: 'RET-SHOP-1005-1',
			tariff_code: 136,
			is_client_return: true,
			sender: { name: 'Ирина Покупатель', phones: [{ number: '+79130000001' }] },
			recipient: { name: 'Магазин, склад возвратов', phones: [{ number: '+74950000002' }] },
			shipment_point: 'NSK27',
			to_location: { code: 44, address: 'Ленинградский пр., 4' },
			packages: [
				{
					number: '1',
					weight: 700,
					length: 20,
					width: 15,
					height: 10,
					items: [
						{
							name: 'Кроссовки, 42',
							ware_key: 'SKU-42',
							payment: { value: 0 },
							cost: 4990,
							weight: 700,
							amount: 1,
						},
					],
				},
			],
		});
		const order = sandbox().getOrder(String((json.entity as IDataObject).uuid)) as {
			entity: IDataObject;
		};
		expect(order.entity.is_client_return).toBe(true);
	});

	it('takes the order as JSON too', async () => {
		const order = {
			...JSON.parse(
				JSON.stringify({
					number: 'RET-JSON-1',
					tariff_code: 136,
					recipient: { name: 'Shop' },
					shipment_point: 'NSK27',
					delivery_point: 'MSK67',
					packages: [
						{
							number: '1',
							weight: 50,
							items: [
								{ name: 'A', ware_key: 'S', payment: { value: 0 }, cost: 1, weight: 50, amount: 1 },
							],
						},
					],
				}),
			),
		};
		const result = await runCdek(
			{ operation: 'create', defineOrder: 'json', orderJson: JSON.stringify(order) },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.status).toBe('success');
		expect(creates()[0].body).toEqual({ ...order, is_client_return: true });
	});

	it('names every missing field CDEK requires and sends nothing', async () => {
		const result = await runCdek(
			{
				operation: 'create',
				defineOrder: 'json',
				orderJson: '{"tariff_code": 136, "packages": []}',
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toBe(
			'The order is not complete: recipient.name is required; from_location (an address) or shipment_point (a CDEK office code) is required; to_location (an address) or delivery_point (a CDEK office code) is required; packages: at least one package is required [item 1]',
		);
		expect(sandbox().requestLog()).toHaveLength(0);
	});

	it('reports invalid JSON clearly', async () => {
		const result = await runCdek(
			{ operation: 'create', defineOrder: 'json', orderJson: '{"tariff_code": ' },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toMatch(/^Order \(JSON\) is not valid JSON: .*\[item 1\]$/);
	});

	it('never creates the same shop number twice', async () => {
		const credentials = accountCredential(sandbox());
		await runCdek(fields('RET-TWICE-1'), { credentials });
		const again = await runCdek(fields('RET-TWICE-1'), { credentials });
		expect(again.output('CDEK')[0].json).toEqual(
			expect.objectContaining({ alreadyRegistered: true }),
		);
		expect(creates()).toHaveLength(1);
		expect(sandbox().counters().creates['RET-TWICE-1']).toEqual(
			expect.objectContaining({ registered: 1 }),
		);
	});

	it('after a reset once CDEK took the order, finds it by shop number instead of creating it again', async () => {
		sandbox().injectFault({ kind: 'reset-after', path: '/v2/orders', method: 'POST' });
		const result = await runCdek(fields('RET-RESET-1'), {
			credentials: accountCredential(sandbox()),
		});
		expect(result.output('CDEK')[0].json).toEqual(
			expect.objectContaining({ alreadyRegistered: true }),
		);
		expect(creates()).toHaveLength(1);
	});
});
