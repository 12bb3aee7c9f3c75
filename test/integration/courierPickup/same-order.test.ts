/**
 * Courier Pickup → Create for several items of one run that name the same order (n8n-core, sandbox): they go one
 * after another and only the first asks CDEK for a pickup; the others report that pickup, also when CDEK accepts a
 * second request and refuses it only in its verdict (the sandbox's intakeExistsCheck 'settle').
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { addDays, todayIn } from '../../../nodes/Cdek/helpers/pickup-time';

const day = (days: number) => addDays(todayIn('UTC'), days);

describe('Courier Pickup → Create: items naming the same order (n8n-core, sandbox)', () => {
	const sandbox = useSandbox({ intakeExistsCheck: 'settle' });
	const create = async (input: IDataObject[], options: IDataObject = {}, node: IDataObject = {}) =>
		await runCdek(
			{
				resource: 'courierPickup',
				operation: 'create',
				pickupFor: 'order',
				order: '={{ $json.order }}',
				intakeDate: day(3),
				timeFrom: '10:00',
				timeTo: '18:00',
				options,
			} as INodeParameters,
			{ input, credentials: accountCredential(sandbox()), node },
		);
	const pickupPosts = () =>
		apiCalls(sandbox()).filter((call) => call.method === 'POST' && call.path === '/v2/intakes');
	const byCdekNumber = () => ({
		order: { __rl: true, mode: 'cdekNumber', value: sandbox().seeds.accepted.cdek_number },
	});

	it.each([
		['with Prevent Duplicates', {}],
		['without Prevent Duplicates', { preventDuplicates: false }],
	])(
		'three items, one order (%s): one pickup requested, the other two report it',
		async (_how, options) => {
			const { accepted } = sandbox().seeds;
			const result = await create([byCdekNumber(), byCdekNumber(), byCdekNumber()], options);

			expect(result.status).toBe('success');
			expect(pickupPosts()).toHaveLength(1);
			const [first, second, third] = result.output('CDEK').map((item) => item.json);
			expect(first.alreadyRegistered).toBeUndefined();
			for (const later of [second, third]) {
				expect(later).toEqual(
					expect.objectContaining({ entity: first.entity, alreadyRegistered: true }),
				);
			}
			expect(sandbox().counters().intakes[accepted.uuid].registered).toBe(1);
		},
	);

	it("with Wait for CDEK's Verdict: every item ends with the one pickup's verdict, none with a rejected second", async () => {
		const result = await create([byCdekNumber(), byCdekNumber()], {
			waitForVerdict: true,
			pollInterval: 0.1,
			waitTimeout: 10,
		});

		expect(result.status).toBe('success');
		expect(pickupPosts()).toHaveLength(1);
		const [first, second] = result.output('CDEK').map((item) => item.json);
		expect(second).toEqual(
			expect.objectContaining({
				entity: first.entity,
				alreadyRegistered: true,
				result: expect.objectContaining({ state: 'SUCCESSFUL' }),
			}),
		);
	});

	it('the same order named by UUID and by shop number counts as one order', async () => {
		const { accepted } = sandbox().seeds;
		const result = await create(
			[
				{ order: { __rl: true, mode: 'uuid', value: accepted.uuid } },
				{ order: { __rl: true, mode: 'imNumber', value: accepted.number } },
			],
			{ preventDuplicates: false },
		);

		expect(result.status).toBe('success');
		expect(pickupPosts()).toHaveLength(1);
		expect(result.output('CDEK')[1].json.alreadyRegistered).toBe(true);
	});

	it('items naming other orders still each get their pickup', async () => {
		const { accepted } = sandbox().seeds;
		const tariffCode = sandbox().getOrder(accepted.uuid)?.entity.tariff_code;
		const orders = [1, 2].map(() => sandbox().addOrder({ status: 'ACCEPTED', tariffCode }));
		const result = await create(
			[...orders, ...orders].map((order) => ({
				order: { __rl: true, mode: 'uuid', value: order.uuid },
			})),
			{},
			{ onError: 'continueRegularOutput' },
		);

		const posted = pickupPosts().map((call) => (call.body as IDataObject).order_uuid);
		expect(posted.sort()).toEqual(orders.map((order) => order.uuid).sort());
		const items = result.output('CDEK').map((item) => item.json);
		expect(items.slice(2).every((item) => item.alreadyRegistered === true)).toBe(true);
	});
});
