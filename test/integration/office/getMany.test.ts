import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

describe('Pickup Point → Get Many (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const offices = async (parameters: INodeParameters, input?: IDataObject[]) =>
		await runCdek(
			{ resource: 'office', operation: 'getMany', cityCode: 270, ...parameters },
			{ input, credentials: accountCredential(sandbox()) },
		);
	const pages = () =>
		sandbox()
			.requestLog()
			.filter((entry) => entry.path === '/v2/deliverypoints')
			.map((entry) => entry.query);

	it('lists the points that accept parcels, simplified, one item per point paired with its input item', async () => {
		const result = await offices({ filters: { acceptsParcels: true } });
		const items = result.output('CDEK');
		expect(items.map((item) => item.json.code)).toEqual(['NSK27', 'NSK1', 'NSK12']);
		expect(items[0]).toEqual({
			json: {
				code: 'NSK27',
				name: 'NSK27, Новосибирск, ул. Блюхера',
				type: 'PVZ',
				acceptsParcels: true,
				issuesParcels: true,
				city: 'Новосибирск',
				cityCode: 270,
				postalCode: '630073',
				address: 'ул. Блюхера, 32',
				workTime: 'Пн-Пт 09:00-21:00, Сб-Вс 10:00-18:00',
				latitude: expect.any(Number),
				longitude: expect.any(Number),
			},
			pairedItem: { item: 0 },
		});
		expect(pages()).toEqual([{ city_code: '270', is_reception: 'true', size: '50', page: '0' }]);
	});

	it("outputs CDEK's raw entry with Simplify off, and filters by type, postal code and country", async () => {
		const [locker] = (
			await offices({
				simple: false,
				filters: { type: 'POSTAMAT', postalCode: '630129', countryCode: 'ru' },
			})
		).output('CDEK');
		expect(locker.json).toEqual(
			expect.objectContaining({ code: 'NSK12', type: 'POSTAMAT', dimensions: expect.any(Array) }),
		);
		expect(pages()).toEqual([
			{
				city_code: '270',
				type: 'POSTAMAT',
				postal_code: '630129',
				country_code: 'RU',
				size: '50',
				page: '0',
			},
		]);
	});

	it('Return All walks every page of 500 and stops at the last one (X-Total-Pages)', async () => {
		const items = (await offices({ cityCode: 44, returnAll: true })).output('CDEK');
		expect(items).toHaveLength(1204);
		expect(new Set(items.map((item) => item.json.code)).size).toBe(1204);
		expect(pages().map((query) => [query.size, query.page])).toEqual([
			['500', '0'],
			['500', '1'],
			['500', '2'],
		]);
	});

	it('Limit stops early: one request of that size, or only the pages it needs', async () => {
		expect((await offices({ cityCode: 44, limit: 3 })).output('CDEK')).toHaveLength(3);
		expect(pages().map((query) => [query.size, query.page])).toEqual([['3', '0']]);
		sandbox().clearLog();
		const items = (await offices({ cityCode: 44, limit: 600 })).output('CDEK');
		expect(items).toHaveLength(600);
		expect(items[599].json.code).toBe('MSK1596');
		expect(pages().map((query) => [query.size, query.page])).toEqual([
			['500', '0'],
			['500', '1'],
		]);
	});

	it('outputs nothing for a city without points, and each input item gets its own city', async () => {
		const result = await offices(
			{ cityCode: '={{ $json.city }}', filters: { acceptsParcels: true, type: 'PVZ' } },
			[{ city: 100001 }, { city: 137 }],
		);
		expect(result.output('CDEK').map((item) => [item.pairedItem, item.json.code])).toEqual([
			[{ item: 1 }, 'SPB112'],
		]);
	});

	it.each([
		[{ cityCode: 0 }, /^City Code must be a CDEK city code.*got 0 \[item 1\]$/],
		[{ cityCode: 'Москва' }, /^City Code must be a CDEK city code.*got "Москва"/],
		[{ limit: 0 }, /^Limit must be a whole number, at least 1, got 0/],
		[{ filters: { countryCode: 'RUS' } }, /^Country Code must be a two-letter country code/],
	])('refuses %j before sending anything', async (parameters, message) => {
		const result = await offices(parameters as INodeParameters);
		expect(result.error?.message).toMatch(message);
		expect(sandbox().requestLog()).toEqual([]);
	});
});

describe('Pickup Point → Get Pickup Points, version 2: only points that accept parcels unless told otherwise', () => {
	const sandbox = useSandbox();
	const offices = async (parameters: INodeParameters) =>
		await runCdekV2(
			{ resource: 'office', operation: 'getMany', cityCode: 270, ...parameters },
			{ credentials: accountCredential(sandbox()) },
		);
	const codes = (result: Awaited<ReturnType<typeof offices>>) =>
		result.output('CDEK').map((item) => item.json.code);

	it('leaves out points that do not accept parcels without any filter, lists them with the filter off', async () => {
		const accepting = await offices({});
		expect(codes(accepting)).toEqual(['NSK27', 'NSK1', 'NSK12']);
		expect(accepting.output('CDEK').every((item) => item.json.acceptsParcels === true)).toBe(true);
		const every = await offices({ filters: { acceptsParcels: false } });
		expect(codes(every).length).toBeGreaterThan(3);
		expect(every.output('CDEK').some((item) => item.json.acceptsParcels === false)).toBe(true);
	});
});
