/**
 * Version 2's Tariff Code on Create Client Return: the contract's tariffs as a list (methods.loadOptions.getTariffs),
 * whose values the node sends as they are, while an expression can still give the code.
 */
import {
	accountCredential,
	apiCalls,
	cdekNode,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { runLoadOptions } from '../../../dev/n8n-core/runner';

const locator = (value: string) => ({ __rl: true, mode: 'imNumber', value });

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
				order: locator(sandbox().seeds.delivered.number),
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
				order: locator(sandbox().seeds.delivered2.number),
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
				order: locator(sandbox().seeds.delivered.number),
				tariffCode: '={{ "" }}',
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toMatch(/^Tariff Code must be a positive whole number/);
		expect(sandbox().requestLog()).toEqual([]);
	});
});
