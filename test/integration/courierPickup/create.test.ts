import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { addDays, todayIn } from '../../../nodes/Cdek/helpers/pickup-time';

/** Days from today; the margins keep them valid in the workflow's and the sender's time zone alike. */
const day = (days: number) => addDays(todayIn('UTC'), days);
const fast = { pollInterval: 0.1, waitTimeout: 10 };

describe('Courier Pickup → Create (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const create = async (
		parameters: INodeParameters,
		extra: { input?: IDataObject[]; continueOnFail?: boolean; node?: { typeVersion: number } } = {},
	) =>
		await runCdek(
			{
				resource: 'courierPickup',
				operation: 'create',
				pickupFor: 'order',
				order: { __rl: true, mode: 'cdekNumber', value: sandbox().seeds.accepted.cdek_number },
				intakeDate: day(3),
				timeFrom: '10:00',
				timeTo: '18:00',
				...parameters,
			},
			{
				input: extra.input,
				credentials: accountCredential(sandbox()),
				node: { ...extra.node, ...(extra.continueOnFail ? { continueOnFail: true } : {}) },
			},
		);
	const posts = () => apiCalls(sandbox()).filter((call) => call.method === 'POST');

	it("registers a pickup for an order: reads the order and its pickups, then sends the order's UUID", async () => {
		const { accepted } = sandbox().seeds;
		const result = await create({
			additionalFields: { comment: ' Звонить в домофон ', needCall: true },
		});
		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			entity: { uuid: expect.any(String) },
			requests: [expect.objectContaining({ type: 'CREATE', state: 'ACCEPTED' })],
			related_entities: [],
		});
		expect(apiCalls(sandbox())).toEqual([
			{ method: 'GET', path: '/v2/orders', body: undefined },
			{ method: 'GET', path: `/v2/orders/${accepted.uuid}/intakes`, body: undefined },
			{
				method: 'POST',
				path: '/v2/intakes',
				body: {
					order_uuid: accepted.uuid,
					intake_date: day(3),
					intake_time_from: '10:00',
					intake_time_to: '18:00',
					comment: 'Звонить в домофон',
					need_call: true,
				},
			},
		]);
	});

	it('a window under 3 hours is a hint in the output, not an error', async () => {
		const [item] = (await create({ timeFrom: '9:30', timeTo: '11:00' })).output('CDEK');
		expect(item.json.hint).toBe(
			'The pickup window 09:30–11:00 is 1 h 30 min; CDEK advises at least 3 hours, so that a courier can fit it in.',
		);
		expect(posts()[0].body).toEqual(
			expect.objectContaining({ intake_time_from: '09:30', intake_time_to: '11:00' }),
		);
	});

	it('never registers a second pickup for an order: the next run returns the first, marked alreadyRegistered', async () => {
		const { accepted } = sandbox().seeds;
		const first = (await create({})).output('CDEK')[0].json;
		const again = (await create({ intakeDate: day(4) })).output('CDEK')[0].json;
		expect(again).toEqual({
			entity: first.entity,
			requests: [expect.objectContaining({ type: 'CREATE' })],
			related_entities: [],
			alreadyRegistered: true,
		});
		expect(posts()).toHaveLength(1);
		expect(sandbox().counters().intakes[accepted.uuid].registered).toBe(1);
	});

	it("without Prevent Duplicates, CDEK's v2_intake_exists_by_order answer becomes the pickup it already has", async () => {
		const { accepted } = sandbox().seeds;
		const first = (await create({})).output('CDEK')[0].json;
		const result = await create({ options: { preventDuplicates: false } });
		expect(result.status).toBe('success');
		expect(result.output('CDEK')[0].json).toEqual(
			expect.objectContaining({ entity: first.entity, alreadyRegistered: true }),
		);
		expect(posts()).toHaveLength(2);
		expect(sandbox().counters().intakes[accepted.uuid].registered).toBe(1);
	});

	it('when CDEK refuses the second pickup only in its verdict (v2_intake_exists_by_order), the item is the pickup it has', async () => {
		sandbox().configure({ intakeExistsCheck: 'settle' });
		const first = (await create({})).output('CDEK')[0].json;
		const result = await create({
			options: { preventDuplicates: false, waitForVerdict: true, ...fast },
		});
		expect(result.status).toBe('success');
		expect(result.output('CDEK')[0].json).toEqual(
			expect.objectContaining({
				entity: first.entity,
				alreadyRegistered: true,
				result: expect.objectContaining({ state: 'SUCCESSFUL' }),
			}),
		);
		expect(posts()).toHaveLength(2);
	});

	it("waits for CDEK's verdict: the pickup is READY_FOR_APPOINTMENT with its number", async () => {
		const [item] = (await create({ options: { waitForVerdict: true, ...fast } })).output('CDEK');
		expect(item.json.result).toEqual({
			state: 'SUCCESSFUL',
			requestUuid: (item.json.requests as IDataObject[])[0].request_uuid,
			errors: [],
			pickupStatus: 'READY_FOR_APPOINTMENT',
			intakeNumber: expect.stringMatching(/^\d+$/),
			orderUuid: sandbox().seeds.accepted.uuid,
			cdekNumber: sandbox().seeds.accepted.cdek_number,
		});
	});

	it("version 2: the item says the pickup is queued; Wait for CDEK's Verdict, a parameter of its own, says it is done", async () => {
		const v2 = { node: { typeVersion: 2 } };
		const queued = (await create({}, v2)).output('CDEK')[0].json;
		expect(queued.summary).toBe(
			'Courier pickup queued at CDEK (ACCEPTED): CDEK has not decided yet.',
		);
		expect(queued.nextStep).toContain('"Get Courier Pickup"');
		const waited = (await create({ waitForVerdict: true, ...fast }, v2)).output('CDEK')[0].json;
		expect(waited.result).toEqual(expect.objectContaining({ state: 'SUCCESSFUL' }));
		expect(waited.summary).toMatch(/CDEK carried it out \(SUCCESSFUL\)/);
	});

	it("an order whose tariff starts at an office: CDEK's INVALID verdict is the item's error, explained", async () => {
		const result = await create({
			order: { __rl: true, mode: 'imNumber', value: sandbox().seeds.created.number },
			options: { waitForVerdict: true, ...fast },
		});
		expect(result.error?.message).toMatch(
			/^CDEK rejected the courier pickup: error_validate_build_ci_from_order: .* \[item 1\]$/,
		);
		expect(result.error?.description).toContain('Pickup status: INVALID');
		expect(result.error?.description).toContain('tariff starts at the door');
	});

	it("standalone: an address, a sender and a parcel; the verdict names CDEK's waybill order", async () => {
		const result = await create({
			pickupFor: 'standalone',
			cargoDescription: 'Возврат: куртка',
			senderName: 'Смирнов Алексей',
			senderPhone: '+79231234502',
			cityCode: 270,
			address: 'Красный пр., 86, кв. 12',
			weight: 1500,
			length: 40,
			width: 30,
			height: 0,
			options: { waitForVerdict: true, ...fast },
		});
		const [item] = result.output('CDEK');
		expect(posts()[0].body).toEqual({
			intake_date: day(3),
			intake_time_from: '10:00',
			intake_time_to: '18:00',
			name: 'Возврат: куртка',
			from_location: { address: 'Красный пр., 86, кв. 12', code: 270 },
			sender: { name: 'Смирнов Алексей', phones: [{ number: '+79231234502' }] },
			weight: 1500,
			length: 40,
			width: 30,
			need_call: false,
		});
		const verdict = item.json.result as IDataObject;
		expect(verdict).toEqual(
			expect.objectContaining({ state: 'SUCCESSFUL', orderUuid: expect.any(String) }),
		);
		expect(sandbox().getOrder(verdict.orderUuid as string)?.entity).toEqual(
			expect.objectContaining({ tariff_code: 158, cdek_number: verdict.cdekNumber }),
		);
	});

	it('without Prevent Duplicates, a shop order number is looked up and a CDEK number sent as it is', async () => {
		const { accepted } = sandbox().seeds;
		await create({
			order: { __rl: true, mode: 'imNumber', value: accepted.number },
			options: { preventDuplicates: false },
		});
		expect(apiCalls(sandbox()).map((call) => [call.method, call.path])).toEqual([
			['GET', '/v2/orders'],
			['POST', '/v2/intakes'],
		]);
		expect(posts()[0].body).toEqual(expect.objectContaining({ order_uuid: accepted.uuid }));
		sandbox().reset();
		await create({ options: { preventDuplicates: false } });
		expect(apiCalls(sandbox())).toEqual([
			{
				method: 'POST',
				path: '/v2/intakes',
				body: expect.objectContaining({ cdek_number: accepted.cdek_number }),
			},
		]);
	});

	it.each([
		[
			'a past date',
			{ intakeDate: day(-2) },
			/^Pickup Date must be a date from today .* to 31 days ahead/,
		],
		['more than 31 days ahead', { intakeDate: day(33) }, /^Pickup Date must be a date from today/],
		[
			'a date that does not exist',
			{ intakeDate: '2027-02-29' },
			/^Pickup Date must be a date that exists, written YYYY-MM-DD/,
		],
		[
			'no date (from an expression)',
			{ intakeDate: '={{ "" }}' },
			/^Pickup Date must be a date that exists/,
		],
		[
			'a start before 09:00',
			{ timeFrom: '08:00' },
			/^Time From must be a time HH:mm from 09:00 to 22:00/,
		],
		[
			'an end after 22:00',
			{ timeTo: '22:30' },
			/^Time To must be a time HH:mm from 09:00 to 22:00/,
		],
		[
			'an end before the start',
			{ timeFrom: '14:00', timeTo: '11:00' },
			/^Time To must be later than Time From \(14:00\)/,
		],
		[
			'an order UUID that is not one (from an expression)',
			{ order: { __rl: true, mode: 'uuid', value: '={{ "nope" }}' } },
			/^Order \(UUID\) must be an order UUID/,
		],
		[
			'a standalone pickup without an address',
			{
				pickupFor: 'standalone',
				cargoDescription: 'x',
				senderName: 'y',
				senderPhone: '1',
				address: ' ',
			},
			/^Address must be the street address with the city/,
		],
		[
			'a standalone weight of 0',
			{
				pickupFor: 'standalone',
				cargoDescription: 'x',
				senderName: 'y',
				senderPhone: '1',
				address: 'a',
				weight: 0,
			},
			/^Weight \(Grams\) must be a weight in whole grams/,
		],
	])(
		'refuses %s with nothing sent, naming the field and the item',
		async (_label, change, message) => {
			const result = await create(change as INodeParameters);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toMatch(/\[item 1\]$/);
			expect(result.error?.description).toContain('Nothing was sent to CDEK');
			expect(sandbox().requestLog()).toEqual([]);
		},
	);

	it('one invalid item stops every item before anything is sent; with Continue On Fail only it fails', async () => {
		const input = [{ date: day(3) }, { date: day(-5) }];
		const stopped = await create({ intakeDate: '={{ $json.date }}' }, { input });
		expect(stopped.error?.message).toMatch(/^Pickup Date must be .*\[item 2\]$/);
		expect(sandbox().requestLog()).toEqual([]);

		const items = (
			await create({ intakeDate: '={{ $json.date }}' }, { input, continueOnFail: true })
		).output('CDEK');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.entity).toEqual({ uuid: expect.any(String) });
		expect(items[1].json.error).toMatch(/^Pickup Date must be .*\[item 2\]$/);
		expect(posts()).toHaveLength(1);
	});
});
