/** /v2/calculator: tarifflist, tariff and alltariffs (docs/reference/cdek-api.md §13; formula in dev/sandbox/README.md). */
import { type Sandbox } from '../../dev/sandbox';
import { CdekClient, useSandbox } from '../../dev/sandbox/http-client';

let api: CdekClient;
let sb: Sandbox;
useSandbox((sandbox, client) => {
	sb = sandbox;
	api = client;
});

const NOVOSIBIRSK = 270;
const MOSCOW = 44;
const route = (extra: Record<string, unknown> = {}) => ({
	from_location: { code: NOVOSIBIRSK },
	to_location: { code: MOSCOW },
	packages: [{ weight: 1000 }],
	...extra,
});
const list = async (body: unknown) => await api.post('/calculator/tarifflist', { body });

describe('tarifflist', () => {
	it('lists every tariff the route allows, sorted by code, with numeric codes and modes and no total_sum', async () => {
		const reply = await list(route());
		expect(reply.status).toBe(200);
		const rows = reply.body.tariff_codes as any[];
		expect(rows.map((row) => row.tariff_code)).toEqual([
			136, 137, 138, 139, 231, 232, 233, 234, 366, 368, 378, 480, 481, 482, 483, 485, 486, 605, 606,
			607,
		]);
		expect(reply.body.errors).toEqual([]);
		const parcel = rows.find((row) => row.tariff_code === 136);
		expect(parcel).toEqual({
			tariff_code: 136,
			tariff_name: 'Посылка склад-склад',
			tariff_description: expect.any(String),
			delivery_mode: 4,
			delivery_sum: 621,
			period_min: 5,
			period_max: 6,
			calendar_min: 7,
			calendar_max: 8,
			delivery_date_range: {
				min: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
				max: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			},
		});
		expect(rows.some((row) => 'total_sum' in row)).toBe(false);
	});

	it('prices by the documented formula: economy cheapest and slowest, express dearest and fastest, doors cost more', async () => {
		const rows = (await list(route())).body.tariff_codes as any[];
		const sum = (code: number) => rows.find((row) => row.tariff_code === code).delivery_sum;
		// Novosibirsk → Moscow is 2810 km: base + per kg × 1 + per km × 2810, + 120 per door, − 20 per locker.
		expect([sum(234), sum(136), sum(483)]).toEqual([
			250 + 30 + 169,
			300 + 40 + 281,
			450 + 60 + 422,
		]);
		expect(sum(139) - sum(136)).toBe(240);
		expect(sum(368) - sum(136)).toBe(-20);
		const fastest = [...rows].sort((a, b) => a.period_min - b.period_min)[0];
		expect(fastest.tariff_name).toMatch(/^Экспресс/);
	});

	it('uses the chargeable weight: volumetric weight (L·W·H/5 g) when it is larger, per package', async () => {
		const rows = (
			await list(
				route({ packages: [{ weight: 500, length: 40, width: 30, height: 30 }, { weight: 1200 }] }),
			)
		).body.tariff_codes as any[];
		// 40·30·30/5 = 7200 g + 1200 g = 8400 g → 9 kg; lockers take one package only.
		expect(rows.find((row) => row.tariff_code === 136).delivery_sum).toBe(300 + 40 * 9 + 281);
		expect(rows.map((row) => row.delivery_mode)).not.toContain(7);
	});

	it('delivers only to the door in a place without offices, and only by express abroad', async () => {
		const village = (await list(route({ to_location: { code: 100001 } }))).body
			.tariff_codes as any[];
		// Modes ending at a door: 1 door-door, 3 office-door, 8 locker-door.
		expect(new Set(village.map((row) => row.delivery_mode))).toEqual(new Set([1, 3, 8]));
		const minsk = (await list(route({ to_location: { code: 9220 } }))).body.tariff_codes as any[];
		// Express to an office or a door in Minsk; from a locker too, as Novosibirsk has lockers and Minsk none.
		expect(minsk.map((row) => row.tariff_code)).toEqual([480, 481, 482, 483, 605, 606]);
	});

	it('finds a place by postal code or by the city named in an address', async () => {
		const byCode = (await list(route())).body.tariff_codes;
		const byPostalCode = (
			await list(
				route({
					from_location: { postal_code: '630073' },
					to_location: { address: 'г. Москва, ул. Тверская, 1' },
				}),
			)
		).body.tariff_codes;
		expect(byPostalCode.map((row: any) => row.delivery_sum)).toEqual(
			byCode.map((row: any) => row.delivery_sum),
		);
	});

	it('answers a bare 400 {errors} for an unknown place, naming only the sender when both are unknown', async () => {
		const reply = await list(
			route({ from_location: { code: 999999 }, to_location: { code: 888888 } }),
		);
		expect([reply.status, reply.body]).toEqual([
			400,
			{
				errors: [
					{
						code: 'v2_sender_location_not_recognized',
						message:
							'Location is not recognized. Check your input data and try to provide more details',
					},
				],
				warnings: [],
			},
		]);
		const recipient = await list(route({ to_location: { address: 'Нигдеград' } }));
		expect(recipient.body.errors[0].code).toBe('v2_recipient_location_not_recognized');
	});

	it('answers 200 with err_result_servicelist_empty when no tariff fits', async () => {
		const reply = await list(route({ packages: [{ weight: 1_200_000 }] }));
		expect(reply.status).toBe(200);
		expect(reply.body.tariff_codes).toEqual([]);
		expect(reply.body.errors).toEqual([
			{ code: 'err_result_servicelist_empty', message: expect.any(String) },
		]);
	});

	it.each([
		['no packages', route({ packages: [] }), 'v2_field_is_empty'],
		[
			'a weight that is not whole grams',
			route({ packages: [{ weight: 1.5 }] }),
			'v2_invalid_value_type',
		],
		[
			'no destination',
			{ from_location: { code: 44 }, packages: [{ weight: 1 }] },
			'v2_field_is_empty',
		],
	])('rejects %s with 400', async (_label, body, code) => {
		const reply = await list(body);
		expect(reply.status).toBe(400);
		expect(reply.body.errors[0].code).toBe(code);
	});
});

describe('tariff', () => {
	it('prices one tariff like its tarifflist row, with weight_calc, total_sum and a string currency', async () => {
		const row = ((await list(route())).body.tariff_codes as any[]).find(
			(r) => r.tariff_code === 234,
		);
		const reply = await api.post('/calculator/tariff', { body: { tariff_code: 234, ...route() } });
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			delivery_sum: row.delivery_sum,
			period_min: row.period_min,
			period_max: row.period_max,
			calendar_min: row.calendar_min,
			calendar_max: row.calendar_max,
			weight_calc: 1000,
			delivery_date_range: row.delivery_date_range,
			services: [],
			total_sum: row.delivery_sum,
			currency: 'RUB',
		});
	});

	it('answers 400 err_result_service_empty for a tariff the route does not allow or the contract lacks', async () => {
		for (const tariffCode of [368, 1]) {
			const reply = await api.post('/calculator/tariff', {
				body: { tariff_code: tariffCode, ...route({ to_location: { code: 250 } }) },
			});
			expect([reply.status, reply.body.errors[0].code]).toEqual([400, 'err_result_service_empty']);
		}
	});
});

describe('alltariffs', () => {
	it("lists the contract's services with their codes inside delivery_modes, in Russian or in English", async () => {
		const reply = await api.get('/calculator/alltariffs');
		expect(reply.status).toBe(200);
		const parcel = reply.body.tariff_codes.find((entry: any) => entry.tariff_name === 'Посылка');
		expect(parcel.delivery_modes).toContainEqual({
			delivery_mode: '4',
			delivery_mode_name: 'склад-склад',
			tariff_code: 136,
		});
		const codes = reply.body.tariff_codes.flatMap((entry: any) =>
			entry.delivery_modes.map((mode: any) => mode.tariff_code),
		);
		expect(codes).toEqual(expect.arrayContaining([136, 139, 158, 234, 483, 607]));
		const english = await api.get('/calculator/alltariffs', { headers: { 'x-user-lang': 'eng' } });
		expect(english.body.tariff_codes[0].tariff_name).toBe('Parcel');
		expect(english.body.tariff_codes[0].delivery_modes[0].delivery_mode_name).toBe(
			'warehouse-warehouse',
		);
		const calls = sb.requestLog().filter((entry) => entry.path !== '/v2/oauth/token');
		expect(calls.map((entry) => entry.path)).toEqual([
			'/v2/calculator/alltariffs',
			'/v2/calculator/alltariffs',
		]);
	});
});
