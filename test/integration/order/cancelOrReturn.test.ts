/**
 * Cancel or Return (node version 2): one read of the order, then what its status allows (docs/reference/cdek-api.md
 * §5 table, §10), through the single operations' registration: Delete, Create Refusal, Create Client Return, or
 * nothing with the reason. The item says what it did in `action` beside CDEK's answer.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	locator,
	route,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import type { SeedName } from '../../../dev/sandbox';
import { until } from '../../../dev/util/until';

describe('Order → Cancel or Return (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const run = async (
		parameters: IDataObject,
		extra: { input?: IDataObject[]; continueOnFail?: boolean } = {},
	) =>
		await runCdekV2(
			{ operation: 'cancelOrReturn', ...parameters },
			{
				credentials: accountCredential(sandbox()),
				input: extra.input,
				node: extra.continueOnFail ? { continueOnFail: true } : {},
			},
		);

	it.each([
		['created', 'delete', 'DELETE', (uuid: string) => `DELETE /v2/orders/${uuid}`],
		['accepted', 'delete', 'DELETE', (uuid: string) => `DELETE /v2/orders/${uuid}`],
		['inTransit', 'refusal', 'CREATE_REFUSAL', (uuid: string) => `POST /v2/orders/${uuid}/refusal`],
		[
			'readyForPickup',
			'refusal',
			'CREATE_REFUSAL',
			(uuid: string) => `POST /v2/orders/${uuid}/refusal`,
		],
		[
			'delivered',
			'clientReturn',
			'CREATE_CLIENT_RETURN',
			(uuid: string) => `POST /v2/orders/${uuid}/clientReturn`,
		],
	] as const)(
		'a %s order: one read by shop number, then %s',
		async (seed, action, type, request) => {
			const order = sandbox().seeds[seed as SeedName];
			const result = await run({ order: locator('imNumber', order.number), tariffCode: 136 });
			expect(result.status).toBe('success');
			const [item] = result.output('CDEK');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual({
				action,
				orderUuid: order.uuid,
				orderStatus: order.status,
				summary: expect.stringMatching(/ queued at CDEK \(ACCEPTED\): CDEK has not decided yet\.$/),
				nextStep: expect.stringContaining("Wait for CDEK's Verdict"),
				entity: { uuid: order.uuid },
				requests: [expect.objectContaining({ type, state: 'ACCEPTED' })],
				related_entities: [],
			});
			expect(route(apiCalls(sandbox()))).toEqual(['GET /v2/orders', request(order.uuid)]);
			expect(sandbox().counters().chargeableRefusals).toBe(0);
		},
	);

	it('sends the tariff only for a client return', async () => {
		const { delivered, inTransit } = sandbox().seeds;
		await run(
			{ order: '={{ $json.order }}', tariffCode: 139 },
			{
				input: [
					{ order: locator('uuid', delivered.uuid) },
					{ order: locator('uuid', inTransit.uuid) },
				],
			},
		);
		const bodies = Object.fromEntries(
			apiCalls(sandbox())
				.filter((call) => call.method === 'POST')
				.map((call) => [call.path, call.body ?? null]),
		);
		expect(bodies).toEqual({
			[`/v2/orders/${delivered.uuid}/clientReturn`]: { tariff_code: 139 },
			[`/v2/orders/${inTransit.uuid}/refusal`]: null,
		});
	});

	it.each([
		['notDelivered', 'the order is already NOT_DELIVERED: CDEK is returning it to the shop'],
		['removed', 'the order was deleted (REMOVED)'],
		['invalid', 'CDEK never accepted this order (INVALID)'],
	] as const)('does nothing for a %s order and says why', async (seed, reason) => {
		const order = sandbox().seeds[seed];
		const result = await run({ order: locator('uuid', order.uuid) });
		expect(result.output('CDEK')[0].json).toEqual({
			action: 'none',
			orderUuid: order.uuid,
			orderStatus: order.status,
			summary: `Nothing sent: ${reason}`,
			nextStep: expect.any(String),
			reason,
			alternative: expect.any(String),
		});
		expect(route(apiCalls(sandbox()))).toEqual([`GET /v2/orders/${order.uuid}`]);
	});

	it('fails a delivered order clearly when no tariff was given, sending nothing; other items run', async () => {
		const { delivered, inTransit } = sandbox().seeds;
		const result = await run(
			{ order: '={{ $json.order }}' },
			{
				input: [
					{ order: locator('imNumber', delivered.number) },
					{ order: locator('uuid', inTransit.uuid) },
				],
				continueOnFail: true,
			},
		);
		const [failed, refused] = result.output('CDEK');
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(failed.json).toEqual({
			error: `Tariff Code is needed: shop order number ${delivered.number} is DELIVERED, so it comes back as a client return, which needs a tariff [item 1]`,
			details: expect.objectContaining({
				description: expect.stringContaining('Nothing was sent to CDEK'),
			}),
		});
		expect(refused.json.action).toBe('refusal');
		expect(sandbox().counters().clientReturns).toEqual({});
	});

	it('checks a given tariff before anything is sent', async () => {
		const result = await run({
			order: locator('uuid', sandbox().seeds.inTransit.uuid),
			tariffCode: 13.5,
		});
		expect(result.error?.message).toMatch(/^Tariff Code must be a positive whole number/);
		expect(sandbox().requestLog()).toEqual([]);
	});

	it('keeps a delivery-type order back with the Safety Check reason: a client return is for online-store orders', async () => {
		const { deliveredDeliveryType } = sandbox().seeds;
		const result = await run(
			{ order: locator('uuid', deliveredDeliveryType.uuid), tariffCode: 136 },
			{ continueOnFail: true },
		);
		const [item] = result.output('CDEK');
		expect(item.json.error).toMatch(
			/^Client return not sent: a client return is only for online-store orders/,
		);
		expect((item.json.details as IDataObject).blocked).toEqual(
			expect.objectContaining({ orderUuid: deliveredDeliveryType.uuid, orderStatus: 'DELIVERED' }),
		);
		expect(route(apiCalls(sandbox()))).toEqual([`GET /v2/orders/${deliveredDeliveryType.uuid}`]);
	});

	it('never sends the same request twice: a second run reports the one CDEK has, alreadyRegistered', async () => {
		const { inTransit2, accepted } = sandbox().seeds;
		const parameters = { order: '={{ $json.order }}' };
		const input = [
			{ order: locator('uuid', inTransit2.uuid) },
			{ order: locator('uuid', accepted.uuid) },
		];
		sandbox().configure({ settleDelayMs: -1 });
		await run(parameters, { input });
		const again = await run(parameters, { input });
		expect(
			again.output('CDEK').map((item) => [item.json.action, item.json.alreadyRegistered]),
		).toEqual([
			['refusal', true],
			['delete', true],
		]);
		expect(sandbox().counters().refusals[inTransit2.uuid].registered).toBe(1);
		expect(sandbox().counters().deletes[accepted.uuid].registered).toBe(1);
	});

	it("waits for CDEK's verdict when asked: a client return outputs the return order", async () => {
		const { delivered } = sandbox().seeds;
		const result = await run({
			order: locator('cdekNumber', delivered.cdek_number!),
			tariffCode: 136,
			waitForVerdict: true,
			pollInterval: 0.1,
			waitTimeout: 20,
		});
		const [item] = result.output('CDEK');
		expect(item.json).toEqual(
			expect.objectContaining({
				action: 'clientReturn',
				result: expect.objectContaining({
					state: 'SUCCESSFUL',
					orderStatus: 'DELIVERED',
					returnOrderUuid: expect.any(String),
				}),
			}),
		);
	});

	it('a deletion CDEK rejects at its verdict becomes the item error with the code', async () => {
		const { created } = sandbox().seeds;
		sandbox().configure({ settleDelayMs: -1 });
		const running = run({
			order: locator('uuid', created.uuid),
			waitForVerdict: true,
			pollInterval: 0.1,
			waitTimeout: 20,
		});
		await until(
			'the deletion to be registered',
			() => (sandbox().counters().deletes[created.uuid]?.registered ? true : undefined),
			undefined,
			20,
		);
		// The parcel leaves the shop before CDEK processes the deletion.
		sandbox().setStatus(created.uuid, 'RECEIVED_AT_SHIPMENT_WAREHOUSE');
		sandbox().settlePending();
		const result = await running;
		expect(result.error?.message).toMatch(
			/^CDEK rejected the deletion: error_validate_order_delete_status/,
		);
	});
});
