import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { accountCredential, runCdek, useSandbox } from '../../../dev/n8n-core/cdek-fixture';

describe.each([1, 2])('City → Get Many (n8n-core, real HTTP, sandbox), version %i', (version) => {
	const sandbox = useSandbox();
	const cities = async (parameters: INodeParameters, input?: IDataObject[]) =>
		await runCdek(
			{ resource: 'city', operation: 'getMany', ...parameters },
			{ version, input, credentials: accountCredential(sandbox()) },
		);
	const pages = () =>
		sandbox()
			.requestLog()
			.filter((entry) => entry.path === '/v2/location/cities')
			.map((entry) => entry.query);

	it("finds the customer's city by name: code, city, region, country, simplified", async () => {
		const items = (await cities({ name: '={{ $json.city }}' }, [{ city: ' Новосибирск ' }])).output(
			'CDEK',
		);
		expect(items).toEqual([
			{
				json: {
					code: 270,
					city: 'Новосибирск',
					region: 'Новосибирская область',
					regionCode: 23,
					subRegion: 'городской округ Новосибирск',
					country: 'Россия',
					countryCode: 'RU',
					timeZone: 'Asia/Novosibirsk',
					latitude: 55.028739,
					longitude: 82.906928,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(pages()).toEqual([{ city: 'Новосибирск', size: '50', page: '0' }]);
	});

	it("outputs CDEK's raw entry with Simplify off", async () => {
		const [item] = (await cities({ name: 'Москва', simple: false })).output('CDEK');
		expect(item.json).toEqual(
			expect.objectContaining({ code: 44, city_uuid: expect.any(String), payment_limit: -1 }),
		);
	});

	it('Return All walks 0-based pages of 1000 and stops at the first short page', async () => {
		const items = (await cities({ returnAll: true, filters: { countryCode: 'RU' } })).output(
			'CDEK',
		);
		expect(items).toHaveLength(2406);
		expect(new Set(items.map((item) => item.json.code)).size).toBe(2406);
		expect(pages()).toEqual([
			{ country_codes: 'RU', size: '1000', page: '0' },
			{ country_codes: 'RU', size: '1000', page: '1' },
			{ country_codes: 'RU', size: '1000', page: '2' },
		]);
	});

	it('a name many places share: all of them with Return All, the first ones with Limit', async () => {
		expect((await cities({ name: 'Берёзовка', returnAll: true })).output('CDEK')).toHaveLength(120);
		sandbox().clearLog();
		const few = (await cities({ name: 'Берёзовка', limit: 2 })).output('CDEK');
		expect(few.map((item) => item.json.region)).toEqual([
			'Московская область',
			'Московская область',
		]);
		expect(pages()).toEqual([{ city: 'Берёзовка', size: '2', page: '0' }]);
	});

	it.each([
		[{ name: 'x'.repeat(256) }, /^Name must be text of at most 255 characters/],
		[{ filters: { countryCode: 'Russia' } }, /^Country Code must be a two-letter country code/],
		[{ limit: -1 }, /^Limit must be a whole number, at least 1/],
	])('refuses %j before sending anything', async (parameters, message) => {
		const result = await cities(parameters as INodeParameters);
		expect(result.error?.message).toMatch(message);
		expect(sandbox().requestLog()).toEqual([]);
	});
});
