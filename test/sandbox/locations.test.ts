/** GET /v2/deliverypoints (docs/reference/cdek-api.md §14) and GET /v2/location/cities (§15): filters, paging, shapes. */
import { CdekClient, useSandbox } from '../../dev/sandbox/http-client';

let api: CdekClient;
useSandbox((_sandbox, client) => {
	api = client;
});

const offices = async (query: string) => await api.get(`/deliverypoints?${query}`);
const cities = async (query: string) => await api.get(`/location/cities?${query}`);
const codes = (body: any[]) => body.map((entry) => entry.code);

describe('offices', () => {
	it('answers a bare array of OfficeDto entries with the measured name and status', async () => {
		const reply = await offices('city_code=270');
		expect(reply.status).toBe(200);
		expect(Array.isArray(reply.body)).toBe(true);
		expect(codes(reply.body)).toEqual(['NSK27', 'NSK1', 'NSK45', 'NSK12', 'NSK90']);
		expect(reply.body[0]).toEqual(
			expect.objectContaining({
				code: 'NSK27',
				name: 'NSK27, Новосибирск, ул. Блюхера',
				type: 'PVZ',
				is_reception: true,
				is_handout: true,
				work_time: expect.any(String),
				work_time_list: expect.arrayContaining([{ day: 1, time: '09:00/21:00' }]),
				status: 'ACTIVE',
				location: expect.objectContaining({
					city_code: 270,
					city: 'Новосибирск',
					address: 'ул. Блюхера, 32',
					postal_code: '630073',
					latitude: expect.any(Number),
					longitude: expect.any(Number),
				}),
			}),
		);
	});

	it.each([
		['type=POSTAMAT', ['NSK12', 'NSK90']],
		['type=PVZ&is_reception=true', ['NSK27', 'NSK1']],
		['is_reception=1', ['NSK27', 'NSK1', 'NSK12']],
		['is_reception=0', ['NSK45', 'NSK90']],
		['postal_code=630102', ['NSK45']],
		['type=ALL&country_code=ru&weight_max=20', ['NSK27', 'NSK1', 'NSK45']],
	])("filters with CDEK's parameters: %s", async (filter, expected) => {
		expect(codes((await offices(`city_code=270&${filter}`)).body)).toEqual(expected);
	});

	it('pages by size and 0-based page with X-Total-* headers; a page past the end is empty', async () => {
		const first = await offices('city_code=44&size=500&page=0');
		expect(first.body).toHaveLength(500);
		expect([
			first.headers.get('x-total-elements'),
			first.headers.get('x-total-pages'),
			first.headers.get('x-current-page'),
		]).toEqual(['1204', '3', '0']);
		const last = await offices('city_code=44&size=500&page=2');
		expect(last.body).toHaveLength(204);
		expect(last.headers.get('x-current-page')).toBe('2');
		const all = [
			...first.body,
			...(await offices('city_code=44&size=500&page=1')).body,
			...last.body,
		];
		expect(new Set(codes(all)).size).toBe(1204);
		expect((await offices('city_code=44&size=500&page=3')).body).toEqual([]);
		const whole = await offices('city_code=44&is_reception=true');
		// Three hand-written Moscow offices accept parcels, and three in four generated ones.
		expect(whole.body).toHaveLength(3 + 900);
		expect(whole.headers.get('x-total-pages')).toBe('1');
	});

	it.each([
		['type=LOCKER', 'type'],
		['is_reception=yes', 'is_reception'],
		['size=ten', 'size'],
	])('rejects %s with 400 v2_invalid_format', async (query, parameter) => {
		const reply = await offices(`city_code=44&${query}`);
		expect(reply.status).toBe(400);
		expect(reply.body.errors[0]).toEqual({
			code: 'v2_invalid_format',
			message: expect.stringContaining(`[${parameter}]`),
		});
	});
});

describe('cities', () => {
	it('finds a city by its whole name, case- and ё-insensitive, as a bare array', async () => {
		const reply = await cities('city=новосибирск');
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual([
			{
				code: 270,
				city_uuid: '4e938d63-e189-454d-bb5c-54bfb2f1e4e2',
				city: 'Новосибирск',
				fias_guid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456',
				country_code: 'RU',
				country: 'Россия',
				region: 'Новосибирская область',
				region_code: 23,
				sub_region: 'городской округ Новосибирск',
				longitude: 82.906928,
				latitude: 55.028739,
				time_zone: 'Asia/Novosibirsk',
				payment_limit: -1,
			},
		]);
		expect((await cities('city=Новосиб')).body).toEqual([]);
		expect((await cities('city=БЕРЕЗОВКА&size=1000')).body).toHaveLength(120);
	});

	it('filters by country codes and pages 0-based until an empty page', async () => {
		const page = (n: number) => cities(`country_codes=RU&size=1000&page=${n}`);
		const sizes = [];
		for (let n = 0; n < 4; n++) sizes.push((await page(n)).body.length);
		expect(sizes).toEqual([1000, 1000, 406, 0]);
		expect(codes((await cities('country_codes=BY,KZ')).body)).toEqual([4756, 9220]);
	});

	it('caps size at 10000 (v2_exceeded_size) and needs size with page', async () => {
		const tooLarge = await cities('size=10001');
		expect([tooLarge.status, tooLarge.body.errors]).toEqual([
			400,
			[{ code: 'v2_exceeded_size', message: 'The size parameter cannot exceed 10000' }],
		]);
		expect((await cities('size=10000')).status).toBe(200);
		expect((await cities('page=1')).body.errors[0].code).toBe('v2_field_is_empty');
	});
});
