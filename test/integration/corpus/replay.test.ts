/**
 * Every non-webhook body of the real-payload corpus (test/fixtures/cdek-real, provenance in its SOURCES.md) replayed
 * over real HTTP through the part of the node that reads it: a relay in front of the sandbox answers the request
 * under test with the recorded body (everything else, the token included, reaches the sandbox), and the node runs
 * in n8n's engine. Each case says what CDEK meant: the status, the numbers, the error code, whether it was retried.
 * The webhook bodies are replayed by the trigger's own tests.
 *
 * "Variant" cases change one real body the way other real bodies differ (statuses oldest-first or repeated, a code
 * with a trailing space or in lower case, `Z` offsets, cdek_number as a JSON number), so that each reading is
 * proven on a body whose every other byte is real.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import type { RunResult } from '../../../dev/n8n-core/runner';
import { addDays, todayIn } from '../../../nodes/Cdek/helpers/pickup-time';
import { startHostileRelay } from '../../../dev/proxies/hostile-relay';
import type { HostileRelay, SeenRequest } from '../../../dev/proxies/hostile-relay';

const CORPUS = join(__dirname, '../../fixtures/cdek-real');
const text = (file: string) => readFileSync(join(CORPUS, file), 'utf8');
const json = (file: string) => JSON.parse(text(file)) as IDataObject;
const ORDER = '72753031-0000-4000-8000-000000000001';
/** The node remembers the refusals it sent in a run's process: the safety cases use an order no other case touched. */
const UNTOUCHED = '72753031-0000-4000-8000-000000000002';

interface Answer {
	status: number;
	body: string;
	contentType: string;
}
const jsonAnswer = (body: unknown, status = 200): Answer => ({
	status,
	body: JSON.stringify(body),
	contentType: 'application/json',
});
const htmlAnswer = (file: string, status: number): Answer => ({
	status,
	body: text(file),
	contentType: 'text/html',
});

/** One real order body changed the way other captures differ. */
function variant(body: IDataObject, change: (entity: IDataObject) => void): IDataObject {
	const copy = structuredClone(body);
	change(copy.entity as IDataObject);
	return copy;
}
const statusesOf = (entity: IDataObject) => entity.statuses as IDataObject[];

describe('real CDEK payloads replayed through the node (n8n-core, real HTTP)', () => {
	const sandbox = useSandbox();
	let relay: HostileRelay;
	let answers: Array<{ match: (seen: SeenRequest) => boolean; answer: Answer }> = [];
	const served = () => relay.answers.length;

	beforeAll(async () => {
		relay = await startHostileRelay(sandbox().url, (seen) => {
			const found = answers.find(({ match }) => match(seen));
			return found ? { kind: 'answer', ...found.answer } : undefined;
		});
	});
	afterAll(async () => relay.close());
	beforeEach(() => {
		answers = [];
		relay.answers.length = 0;
	});

	const credentials = () => accountCredential(sandbox(), { baseUrl: relay.rootUrl });
	const answerGetOrder = (answer: Answer, uuid = ORDER) => {
		answers.push({
			match: (seen) => seen.method === 'GET' && seen.url.startsWith(`/v2/orders/${uuid}`),
			answer,
		});
	};
	const getSimplified = async (): Promise<IDataObject> => {
		const result = await runCdekV2(
			{ operation: 'get', order: { __rl: true, mode: 'uuid', value: ORDER } },
			{ credentials: credentials() },
		);
		expect(result.error).toBeUndefined();
		return result.output('CDEK')[0].json;
	};

	describe('orders/: Get with Simplify reads the current status and the numbers', () => {
		const full = () => json('orders/edu-full-newest-first-plus03-00.json');
		const cases: Array<[string, () => IDataObject, IDataObject]> = [
			[
				'orders/edu-full-newest-first-plus03-00.json',
				full,
				{ status: 'ACCEPTED', cdekNumber: '1106094897', statusTime: '2024-10-21T21:27:08+03:00' },
			],
			[
				'orders/edu-sparse-after-create.json',
				() => json('orders/edu-sparse-after-create.json'),
				{ status: 'ACCEPTED', cdekNumber: null, lastRequestType: 'CREATE' },
			],
			[
				'orders/edu-by-number-created-plus0000.json',
				() => json('orders/edu-by-number-created-plus0000.json'),
				{ status: 'CREATED', cdekNumber: '1109940740', lastRequestState: 'SUCCESSFUL' },
			],
			[
				'orders/edu-invalid-create.json',
				() => json('orders/edu-invalid-create.json'),
				{ status: 'INVALID', lastRequestType: 'CREATE', lastRequestState: 'INVALID' },
			],
			[
				'orders/pycdek-edu-full-plus0000.json',
				() => json('orders/pycdek-edu-full-plus0000.json'),
				{ status: 'CREATED', cdekNumber: '1100000001', number: 'fixture-order-1' },
			],
			[
				'orders/edu-delete-pending.json',
				() => json('orders/edu-delete-pending.json'),
				{ status: 'CREATED', lastRequestType: 'DELETE', lastRequestState: 'ACCEPTED' },
			],
			[
				'actions/create-accepted-plus03-00.json (read right after creation)',
				() => json('actions/create-accepted-plus03-00.json'),
				{ status: null, cdekNumber: null, lastRequestType: 'CREATE', lastRequestState: 'ACCEPTED' },
			],
			[
				'actions/create-accepted-plus0000.json (read right after creation)',
				() => json('actions/create-accepted-plus0000.json'),
				{ status: null, lastRequestType: 'CREATE', lastRequestState: 'ACCEPTED' },
			],
			[
				'variant: statuses oldest-first',
				() => variant(full(), (entity) => statusesOf(entity).reverse()),
				{ status: 'ACCEPTED', statusTime: '2024-10-21T21:27:08+03:00' },
			],
			[
				'variant: every status listed twice',
				() =>
					variant(full(), (entity) => {
						entity.statuses = [...statusesOf(entity), ...statusesOf(entity)].reverse();
					}),
				{ status: 'ACCEPTED' },
			],
			[
				'variant: Z offsets with fractions',
				() =>
					variant(full(), (entity) => {
						statusesOf(entity)[0].date_time = '2024-10-21T18:27:08.000Z';
						statusesOf(entity)[1].date_time = '2024-10-21T18:26:59Z';
						statusesOf(entity).reverse();
					}),
				{ status: 'ACCEPTED', statusTime: '2024-10-21T18:27:08.000Z' },
			],
			[
				'variant: mixed offsets (+0700 older than +03:00 as instants)',
				() =>
					variant(full(), (entity) => {
						// 01:26:59+0700 is 21:26:59+03:00 the day before: listed first, still the older one.
						statusesOf(entity)[1].date_time = '2024-10-22T01:26:59+0700';
						statusesOf(entity).reverse();
					}),
				{ status: 'ACCEPTED' },
			],
			[
				'variant: cdek_number as a JSON number',
				() =>
					variant(full(), (entity) => {
						entity.cdek_number = 1106094897;
					}),
				{ cdekNumber: '1106094897' },
			],
			[
				'variant: codes with a trailing space and in lower case',
				() =>
					variant(full(), (entity) => {
						statusesOf(entity)[0].code = 'accepted ';
						statusesOf(entity)[1].code = 'CREATED ';
					}),
				{ status: 'ACCEPTED' },
			],
		];

		it.each(cases)('%s', async (_name, body, expected) => {
			answerGetOrder(jsonAnswer(body()));
			const order = await getSimplified();
			expect(order).toEqual(expect.objectContaining(expected));
			expect(served()).toBe(1);
		});
	});

	describe('errors/: the error names CDEK code and status, 5xx are retried, HTML is not echoed', () => {
		const runGet = async (): Promise<RunResult> =>
			await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: ORDER, options: { retries: 1 } },
				{ credentials: credentials() },
			);
		const cases: Array<[string, Answer, { code: string; status: number; tries: number }]> = [
			[
				'errors/edu-not-found-im-number-400.json',
				jsonAnswer(json('errors/edu-not-found-im-number-400.json'), 400),
				{ code: 'v2_entity_not_found_im_number', status: 400, tries: 1 },
			],
			[
				'errors/openapi-invalid-create-requests-envelope.json',
				jsonAnswer(json('errors/openapi-invalid-create-requests-envelope.json'), 400),
				{ code: 'error_validate_im_dep_number_has_already_had_integration', status: 400, tries: 1 },
			],
			[
				'errors/pycdek-edu-webhook-limit-400.json',
				jsonAnswer(json('errors/pycdek-edu-webhook-limit-400.json'), 400),
				{ code: 'v2_too_many_webhooks', status: 400, tries: 1 },
			],
			[
				'errors/pycdek-edu-webhook-delete-unknown-404.json',
				jsonAnswer(json('errors/pycdek-edu-webhook-delete-unknown-404.json'), 404),
				{ code: 'v2_entity_not_found', status: 404, tries: 1 },
			],
			[
				'errors/spring-500.json',
				jsonAnswer(json('errors/spring-500.json'), 500),
				{ code: 'Request processing failed', status: 500, tries: 2 },
			],
			[
				'errors/nginx-502.html',
				htmlAnswer('errors/nginx-502.html', 502),
				{ code: '502 Bad Gateway', status: 502, tries: 2 },
			],
			[
				'errors/nginx-504.html',
				htmlAnswer('errors/nginx-504.html', 504),
				{ code: '504 Gateway Time-out', status: 504, tries: 2 },
			],
		];

		it.each(cases)('%s', async (_name, answer, expected) => {
			answerGetOrder(answer);
			const result = await runGet();
			expect(result.status).toBe('error');
			const error = result.error!;
			expect(error.message).toContain(expected.code);
			expect(error.message).toContain(`HTTP ${expected.status}`);
			expect(served()).toBe(expected.tries);
			const everything = JSON.stringify(error);
			expect(everything).not.toMatch(/<html|<center>|<\/h1>/i);
		});
	});

	describe('actions/: the registration answers come out as CDEK sent them', () => {
		const off = { safetyCheck: false, preventDuplicates: false };
		const cases: Array<[string, string, RegExp, INodeParameters]> = [
			[
				'actions/refusal-accepted.json',
				'POST',
				/\/refusal$/,
				{ operation: 'createRefusal', orderUuid: ORDER, options: off },
			],
			[
				'actions/client-return-accepted.json',
				'POST',
				/\/clientReturn$/,
				{ operation: 'createClientReturn', orderUuid: ORDER, tariffCode: 139, options: off },
			],
			[
				'actions/delete-accepted.json',
				'DELETE',
				new RegExp(`/v2/orders/${ORDER}$`),
				{ operation: 'delete', orderUuid: ORDER, options: off },
			],
		];

		it.each(cases)('%s', async (file, method, path, parameters) => {
			const body = json(file);
			answers.push({
				match: (seen) => seen.method === method && path.test(seen.url),
				answer: jsonAnswer(body, 202),
			});
			const result = await runCdek(parameters, { credentials: credentials() });
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK')[0].json).toEqual(body);
			expect(served()).toBe(1);
		});
	});

	describe('safety check on real order reads: a refusal of an order that has not left the shop is blocked', () => {
		const full = () => json('orders/edu-full-newest-first-plus03-00.json');
		const cases: Array<[string, () => IDataObject]> = [
			['orders/edu-full-newest-first-plus03-00.json', full],
			[
				'orders/edu-by-number-created-plus0000.json',
				() => json('orders/edu-by-number-created-plus0000.json'),
			],
			['orders/edu-sparse-after-create.json', () => json('orders/edu-sparse-after-create.json')],
			[
				'variant: codes with a trailing space',
				() =>
					variant(full(), (entity) => {
						for (const status of statusesOf(entity)) status.code = `${String(status.code)} `;
					}),
			],
			[
				'variant: statuses oldest-first in lower case',
				() =>
					variant(full(), (entity) => {
						statusesOf(entity).reverse();
						for (const status of statusesOf(entity))
							status.code = String(status.code).toLowerCase();
					}),
			],
		];

		it.each(cases)('%s', async (_name, body) => {
			answerGetOrder(jsonAnswer(body()), UNTOUCHED);
			answers.push({
				match: (seen) => seen.method === 'POST' && seen.url.endsWith('/refusal'),
				answer: jsonAnswer(json('actions/refusal-accepted.json'), 202),
			});
			const result = await runCdek(
				{ operation: 'createRefusal', orderUuid: UNTOUCHED, options: { preventDuplicates: false } },
				{ credentials: credentials() },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/not left the shop/);
			expect(
				relay.requests.filter(
					(seen) => seen.method === 'POST' && seen.url === `/v2/orders/${UNTOUCHED}/refusal`,
				),
			).toEqual([]);
		});
	});

	describe('print-forms/: an INVALID form listed oldest-first is the item error with CDEK code', () => {
		it.each([
			['barcode', 'barcodes', 'print-forms/barcode-invalid-oldest-first.json'],
			['waybill', 'orders', 'print-forms/waybill-invalid-oldest-first.json'],
		])('%s: %s', async (labelType, path, file) => {
			// A return order: its own label is printed.
			const { alreadyClientReturnedReturn: delivered } = sandbox().seeds;
			answers.push(
				{
					match: (seen) => seen.method === 'POST' && seen.url === `/v2/print/${path}`,
					answer: jsonAnswer(json('print-forms/barcode-create-accepted.json'), 202),
				},
				{
					match: (seen) => seen.method === 'GET' && seen.url.startsWith(`/v2/print/${path}/`),
					answer: jsonAnswer(json(file)),
				},
			);
			const result = await runCdekV2(
				{
					operation: 'getLabel',
					order: { __rl: true, mode: 'uuid', value: delivered.uuid },
					labelType,
					options: { pollInterval: 0.1, waitTimeout: 10 },
				},
				{ credentials: credentials() },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('v2_orders_number_is_empty');
			expect(served()).toBe(2);
		});
	});

	describe("intakes/: an order's courier pickup counts by its newest status, however CDEK spells it", () => {
		const pickup = () => json('intakes/get-newest-first-equal-times.json');
		const create = async (): Promise<RunResult> =>
			await runCdekV2(
				{
					resource: 'courierPickup',
					operation: 'create',
					pickupFor: 'order',
					order: { __rl: true, mode: 'uuid', value: ORDER },
					intakeDate: addDays(todayIn('UTC'), 3),
					timeFrom: '10:00',
					timeTo: '17:00',
					waitForVerdict: false,
				},
				{ credentials: credentials() },
			);
		const listAndRead = (body: IDataObject) => {
			const uuid = String((body.entity as IDataObject).uuid);
			answers.push(
				{
					match: (seen) => seen.method === 'GET' && seen.url === `/v2/orders/${ORDER}/intakes`,
					answer: jsonAnswer([body.entity]),
				},
				{
					match: (seen) => seen.method === 'GET' && seen.url === `/v2/intakes/${uuid}`,
					answer: jsonAnswer(body),
				},
				{
					match: (seen) => seen.method === 'POST' && seen.url === '/v2/intakes',
					answer: jsonAnswer(json('intakes/create-accepted-plus03-00.json'), 202),
				},
			);
		};
		const posted = () => relay.answers.filter(({ request }) => request.method === 'POST').length;

		it('intakes/get-newest-first-equal-times.json: the live pickup is answered, none ordered again', async () => {
			listAndRead(pickup());
			const result = await create();
			expect(result.error).toBeUndefined();
			const item = result.output('CDEK')[0].json;
			expect(item).toEqual(
				expect.objectContaining({
					entity: { uuid: '59932fd2-48d1-4326-a0af-138a254bd292' },
					alreadyRegistered: true,
				}),
			);
			expect(posted()).toBe(0);
		});

		it('intakes/create-accepted-plus03-00.json, after a variant pickup REMOVED with a trailing space: ordered anew', async () => {
			listAndRead(
				variant(pickup(), (entity) => {
					statusesOf(entity).unshift({
						code: 'REMOVED ',
						name: 'Удален',
						date_time: '2025-10-15T11:00:00+00:00',
					});
				}),
			);
			const result = await create();
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK')[0].json).toEqual(
				expect.objectContaining({ entity: { uuid: '72753031-e8e5-4454-b51a-643dbacc9e2d' } }),
			);
			expect(posted()).toBe(1);
		});
	});

	describe('locations/: offices come out simplified with their codes and numbers', () => {
		it('locations/offices-novosibirsk.json', async () => {
			answers.push({
				match: (seen) => seen.method === 'GET' && seen.url.startsWith('/v2/deliverypoints'),
				answer: jsonAnswer(json('locations/offices-novosibirsk.json')),
			});
			const result = await runCdek(
				{ resource: 'office', operation: 'getMany', cityCode: 270 },
				{ credentials: credentials() },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK').map((item) => item.json)).toEqual([
				expect.objectContaining({ code: 'NSK1', cityCode: 270, postalCode: '630007' }),
				expect.objectContaining({ code: 'NSK5', cityCode: 270, acceptsParcels: true }),
			]);
		});
	});

	describe('pycdek captures (api.edu.cdek.ru, 2026-08-01) through the operations that read them', () => {
		it('print-forms/pycdek-barcode-ready-oldest-first.json: READY listed last, the PDF fetched below our root only', async () => {
			// A return order: its own label is printed.
			const { alreadyClientReturnedReturn: delivered } = sandbox().seeds;
			const form = json('print-forms/pycdek-barcode-ready-oldest-first.json');
			const formUuid = String((form.entity as IDataObject).uuid);
			answers.push(
				{
					match: (seen) => seen.method === 'POST' && seen.url === '/v2/print/barcodes',
					answer: jsonAnswer(json('print-forms/barcode-create-accepted.json'), 202),
				},
				{
					match: (seen) =>
						seen.method === 'GET' &&
						seen.url.startsWith('/v2/print/barcodes/') &&
						!seen.url.endsWith('.pdf'),
					answer: jsonAnswer(form),
				},
				{
					match: (seen) =>
						seen.method === 'GET' && seen.url === `/v2/print/barcodes/${formUuid}.pdf`,
					answer: { status: 200, body: '%PDF-1.4\n%%EOF\n', contentType: 'application/pdf' },
				},
			);
			const result = await runCdekV2(
				{
					operation: 'getLabel',
					order: { __rl: true, mode: 'uuid', value: delivered.uuid },
					labelType: 'barcode',
				},
				{ credentials: credentials() },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK')[0].json).toEqual(
				expect.objectContaining({ printFormUuid: formUuid }),
			);
			// CDEK's url names api.edu.cdek.ru: the token went to the configured root, nowhere else.
			expect(served()).toBe(3);
		});

		it('intakes/pycdek-edu-get-all-equal-times.json and intakes/pycdek-edu-delete-accepted-202.json: a live pickup deleted', async () => {
			const pickup = json('intakes/pycdek-edu-get-all-equal-times.json');
			const uuid = String((pickup.entity as IDataObject).uuid);
			answers.push(
				{
					match: (seen) => seen.method === 'GET' && seen.url === `/v2/intakes/${uuid}`,
					answer: jsonAnswer(pickup),
				},
				{
					match: (seen) => seen.method === 'DELETE' && seen.url === `/v2/intakes/${uuid}`,
					answer: jsonAnswer(json('intakes/pycdek-edu-delete-accepted-202.json'), 202),
				},
			);
			const result = await runCdek(
				{ resource: 'courierPickup', operation: 'delete', pickupUuid: uuid },
				{ credentials: credentials() },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK')[0].json).toEqual(
				expect.objectContaining({
					entity: { uuid },
					requests: [expect.objectContaining({ type: 'DELETE', state: 'ACCEPTED' })],
				}),
			);
			expect(relay.answers.map(({ request }) => request.method)).toEqual(['GET', 'DELETE']);
		});

		it('calculator/pycdek-edu-tariff.json: one tariff, its sums as numbers and the code added', async () => {
			answers.push({
				match: (seen) => seen.method === 'POST' && seen.url === '/v2/calculator/tariff',
				answer: jsonAnswer(json('calculator/pycdek-edu-tariff.json')),
			});
			const result = await runCdek(
				{
					resource: 'tariff',
					operation: 'calculate',
					fromCityCode: 44,
					toCityCode: 270,
					weight: 200,
					options: { tariffCode: 136 },
				},
				{ credentials: credentials() },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK').map((item) => item.json)).toEqual([
				expect.objectContaining({
					tariff_code: 136,
					delivery_sum: 590,
					total_sum: 708,
					period_min: 0,
				}),
			]);
		});

		it('locations/pycdek-edu-cities-two-moscows.json: both places named Москва, told apart', async () => {
			answers.push({
				match: (seen) => seen.method === 'GET' && seen.url.startsWith('/v2/location/cities'),
				answer: jsonAnswer(json('locations/pycdek-edu-cities-two-moscows.json')),
			});
			const result = await runCdek(
				{ resource: 'city', operation: 'getMany', name: 'Москва' },
				{ credentials: credentials() },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK').map((item) => item.json)).toEqual([
				expect.objectContaining({ code: 44, countryCode: 'RU', timeZone: 'Europe/Moscow' }),
				expect.objectContaining({ code: 464830, countryCode: 'PL', regionCode: 558 }),
			]);
		});

		it('locations/pycdek-edu-office-msk65.json', async () => {
			answers.push({
				match: (seen) => seen.method === 'GET' && seen.url.startsWith('/v2/deliverypoints'),
				answer: jsonAnswer(json('locations/pycdek-edu-office-msk65.json')),
			});
			const result = await runCdek(
				{ resource: 'office', operation: 'getMany', cityCode: 44 },
				{ credentials: credentials() },
			);
			expect(result.error).toBeUndefined();
			expect(result.output('CDEK').map((item) => item.json)).toEqual([
				expect.objectContaining({ code: 'MSK65', cityCode: 44, postalCode: '109044' }),
			]);
		});
	});

	it('replays every non-webhook file of the corpus', () => {
		const files = [
			'orders',
			'errors',
			'actions',
			'print-forms',
			'intakes',
			'locations',
			'calculator',
		].flatMap((kind) => readdirSync(join(CORPUS, kind)).map((file) => `${kind}/${file}`));
		const source = readFileSync(__filename, 'utf8');
		expect(files.filter((file) => !source.includes(`'${file}`))).toEqual([]);
	});
});
