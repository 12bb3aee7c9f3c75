import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

const NOVOSIBIRSK = 270;
const MOSCOW = 44;

describe('Tariff → Calculate (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const calculate = async (parameters: INodeParameters, input?: IDataObject[]) =>
		await runCdek(
			{
				resource: 'tariff',
				operation: 'calculate',
				fromCityCode: NOVOSIBIRSK,
				toCityCode: MOSCOW,
				weight: 1000,
				...parameters,
			},
			{ input, credentials: accountCredential(sandbox()) },
		);

	it("outputs one item per tariff with CDEK's fields, each paired with its input item", async () => {
		const result = await calculate({});
		expect(result.status).toBe('success');
		const items = result.output('CDEK');
		expect(items).toHaveLength(20);
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual(
			expect.objectContaining({
				tariff_code: 136,
				tariff_name: 'Посылка склад-склад',
				delivery_mode: 4,
				delivery_sum: 621,
				period_min: 5,
				period_max: 6,
			}),
		);
		expect(apiCalls(sandbox())).toEqual([
			{
				method: 'POST',
				path: '/v2/calculator/tarifflist',
				body: {
					from_location: { code: NOVOSIBIRSK },
					to_location: { code: MOSCOW },
					packages: [{ weight: 1000 }],
				},
			},
		]);
	});

	it('keeps only the tariffs that start at an office, cheapest first', async () => {
		const items = (await calculate({ options: { sendFrom: ['office'], sortBy: 'price' } })).output(
			'CDEK',
		);
		expect(items.map((item) => item.json.tariff_code)).toEqual([
			378, 234, 233, 368, 136, 137, 486, 483, 482,
		]);
		const sums = items.map((item) => item.json.delivery_sum as number);
		expect(sums).toEqual([...sums].sort((a, b) => a - b));
		const toOffice = (
			await calculate({
				options: { sendFrom: ['office'], deliverTo: ['office'], sortBy: 'period' },
			})
		).output('CDEK');
		expect(toOffice.map((item) => item.json.tariff_code)).toEqual([483, 136, 234]);
	});

	it('several input items: the outputs of each stay together, paired with their item', async () => {
		const result = await calculate(
			{
				toCityCode: '={{ $json.to }}',
				options: { sendFrom: ['office'], deliverTo: ['office'], sortBy: 'price' },
			},
			[{ to: MOSCOW }, { to: 250 }],
		);
		const items = result.output('CDEK');
		expect(items.map((item) => [item.pairedItem, item.json.tariff_code])).toEqual([
			[{ item: 0 }, 234],
			[{ item: 0 }, 136],
			[{ item: 0 }, 483],
			[{ item: 1 }, 234],
			[{ item: 1 }, 136],
			[{ item: 1 }, 483],
		]);
	});

	it('calculates one tariff with Tariff Code: /calculator/tariff, the code added to the item', async () => {
		const items = (await calculate({ options: { tariffCode: 234 } })).output('CDEK');
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					tariff_code: 234,
					delivery_sum: 449,
					weight_calc: 1000,
					currency: 'RUB',
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(apiCalls(sandbox())[0]).toEqual(
			expect.objectContaining({
				path: '/v2/calculator/tariff',
				body: expect.objectContaining({ tariff_code: 234 }),
			}),
		);
	});

	it('sends a postal code or an address instead of a city code, and several packages with sizes', async () => {
		const items = (
			await calculate({
				fromCityCode: 0,
				toCityCode: 0,
				options: {
					fromPostalCode: ' 630073 ',
					toAddress: 'Москва, ул. Тверская, 1',
					packages: {
						package: [
							{ weight: 500, length: 40, width: 30, height: 30 },
							{ weight: 1200, length: 0, width: 0, height: 0 },
						],
					},
					tariffCode: 136,
				},
			})
		).output('CDEK');
		expect(items[0].json.weight_calc).toBe(8400);
		expect(apiCalls(sandbox())[0].body).toEqual({
			tariff_code: 136,
			from_location: { postal_code: '630073' },
			to_location: { address: 'Москва, ул. Тверская, 1' },
			packages: [{ weight: 500, length: 40, width: 30, height: 30 }, { weight: 1200 }],
		});
	});

	it.each([
		[
			{ fromCityCode: 0 },
			/^From City Code must be a CDEK city code \(a positive whole number such as 44; City → "Get Cities" finds it\), or From Postal Code or From Address under Options, got 0 \[item 1\]$/,
		],
		[{ toCityCode: -44 }, /^To City Code must be a CDEK city code.*got -44 \[item 1\]$/],
		[{ toCityCode: 4.4 }, /^To City Code must be a CDEK city code.*got 4.4/],
		[
			{ weight: 0 },
			/^Weight \(Grams\) must be a weight in whole grams, at least 1, got 0 \[item 1\]$/,
		],
		[{ weight: 1.5 }, /^Weight \(Grams\) must be a weight in whole grams/],
		[{ options: { tariffCode: 0 } }, /^Tariff Code must be a positive whole number/],
		[
			{ options: { packages: { package: [{ weight: 500, length: -1 }] } } },
			/^Packages → Package 1 → Length \(Cm\) must be whole centimetres/,
		],
	])('refuses %j before sending anything', async (parameters, message) => {
		const result = await calculate(parameters as INodeParameters);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toContain('Nothing was sent to CDEK');
		expect(sandbox().requestLog()).toEqual([]);
	});

	it("keeps CDEK's code and explains an unknown place; Continue On Fail makes it the item's error", async () => {
		const result = await runCdek(
			{
				resource: 'tariff',
				operation: 'calculate',
				fromCityCode: 999999,
				toCityCode: 44,
				weight: 1000,
			},
			{ credentials: accountCredential(sandbox()), node: { continueOnFail: true } },
		);
		const [item] = result.output('CDEK');
		expect(item.json.error).toMatch(
			/^CDEK: v2_sender_location_not_recognized: Location is not recognized.* \(HTTP 400\) \[item 1\]$/,
		);
		expect((item.json.details as { description: string }).description).toContain(
			"CDEK does not recognise the sender's place",
		);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('reports "no tariff fits", which CDEK sends inside a 200, as an error', async () => {
		const result = await calculate({ weight: 1_200_000 });
		expect(result.error?.message).toMatch(/^CDEK: err_result_servicelist_empty: .*\(HTTP 200\)/);
		expect(result.error?.description).toContain('CDEK has no tariff for this route and parcel');
	});

	it('outputs nothing for an item whose tariffs the filter all removed', async () => {
		const result = await calculate({ toCityCode: 100001, options: { deliverTo: ['office'] } });
		expect(result.status).toBe('success');
		expect(result.output('CDEK')).toEqual([]);
	});
});

describe('Tariff → Calculate Tariffs, version 2: cities by name, cheapest first, figures with units', () => {
	const sandbox = useSandbox();
	const calculate = async (parameters: INodeParameters) =>
		await runCdekV2(
			{ resource: 'tariff', operation: 'calculate', weight: 1000, ...parameters },
			{ credentials: accountCredential(sandbox()) },
		);

	it('looks the typed city names up in CDEK, then lists the tariffs cheapest first with priceRub, daysMin, daysMax', async () => {
		const result = await calculate({ fromCityCode: 'Новосибирск', toCityCode: ' Москва ' });
		const items = result.output('CDEK').map((item) => item.json);
		expect(items.length).toBeGreaterThan(1);
		const prices = items.map((item) => item.priceRub as number);
		expect(prices).toEqual([...prices].sort((a, b) => a - b));
		expect(items[0]).toEqual(
			expect.objectContaining({
				tariffCode: items[0].tariff_code,
				priceRub: items[0].delivery_sum,
				daysMin: items[0].period_min,
				daysMax: items[0].period_max,
			}),
		);
		expect(Object.keys(items[0]).slice(0, 5)).toEqual([
			'tariffCode',
			'tariffName',
			'priceRub',
			'daysMin',
			'daysMax',
		]);
		const calls = apiCalls(sandbox());
		expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
			'GET /v2/location/cities',
			'GET /v2/location/cities',
			'POST /v2/calculator/tarifflist',
		]);
		expect(calls[2].body).toEqual(
			expect.objectContaining({
				from_location: { code: NOVOSIBIRSK },
				to_location: { code: MOSCOW },
			}),
		);
	});

	it('takes a CDEK code as before, and fails naming the field when no city has the name, calculating nothing', async () => {
		const byCode = await calculate({ fromCityCode: String(NOVOSIBIRSK), toCityCode: MOSCOW });
		expect(byCode.output('CDEK').length).toBeGreaterThan(1);
		sandbox().clearLog();
		const unknown = await calculate({ fromCityCode: 'Нигдеград', toCityCode: MOSCOW });
		expect(unknown.error?.message).toMatch(
			/^From City must be a city CDEK knows in Russia \(none is called "Нигдеград"\)/,
		);
		expect(apiCalls(sandbox()).map((call) => call.path)).toEqual(['/v2/location/cities']);
	});
});
