/**
 * The settings every order operation shares, version 2 beside version 1: the visible Safety Check is the one that counts, times are seconds
 * (Timeout bounds a request to a server that never answers; version 1's milliseconds keep their meaning), Create's
 * errors name the panel's labels and items count from 1, a missing tariff is named, and every request CDEK queues
 * says so in plain words.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { until } from '../../../dev/util/until';
import {
	accountCredential,
	apiCalls,
	locator,
	route,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { returnOrderFields } from '../../../dev/reliability/support';
import { startHostileRelay } from '../../../dev/proxies/hostile-relay';
import type { HostileRelay } from '../../../dev/proxies/hostile-relay';

describe('version 2 panel: what the settings do (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();
	const credentials = () => accountCredential(sandbox());

	describe('the Safety Check shown in the panel', () => {
		it('is on for a new node: a refusal CDEK would bill for a CREATED order is kept back, nothing sent', async () => {
			const { created } = sandbox().seeds;
			const result = await runCdekV2(
				{ operation: 'createRefusal', order: locator('uuid', created.uuid) },
				{ credentials: credentials() },
			);
			expect(result.error?.message).toMatch(/^Refusal not sent: .+ \[item 1\]$/);
			expect(route(apiCalls(sandbox()))).toEqual([`GET /v2/orders/${created.uuid}`]);
		});

		it('switched off in the panel, the refusal is sent; the old place inside Options no longer counts', async () => {
			const { created } = sandbox().seeds;
			const oldPlace = await runCdekV2(
				{
					operation: 'createRefusal',
					order: locator('uuid', created.uuid),
					options: { safetyCheck: false },
				},
				{ credentials: credentials() },
			);
			expect(oldPlace.error?.message).toMatch(/^Refusal not sent: /);
			const off = await runCdekV2(
				{
					operation: 'createRefusal',
					order: locator('uuid', created.uuid),
					safetyCheck: false,
					preventDuplicates: false,
				},
				{ credentials: credentials() },
			);
			expect(off.status).toBe('success');
			expect(route(apiCalls(sandbox())).slice(-1)).toEqual([
				`POST /v2/orders/${created.uuid}/refusal`,
			]);
		});
	});

	describe('"ACCEPTED" is explained in the output', () => {
		it('a queued refusal says it is queued and how to learn the verdict; version 1 outputs as before', async () => {
			const { inTransit, inTransit2 } = sandbox().seeds;
			const v2 = await runCdekV2(
				{ operation: 'createRefusal', order: locator('uuid', inTransit.uuid) },
				{ credentials: credentials() },
			);
			expect(v2.output('CDEK')[0].json).toEqual(
				expect.objectContaining({
					summary: 'Refusal queued at CDEK (ACCEPTED): CDEK has not decided yet.',
					nextStep:
						'To learn whether CDEK carried it out, turn on "Wait for CDEK\'s Verdict", or look the order up later (Look Up Order: lastRequestState) or start a workflow from the CDEK Trigger (Order Status Changed).',
				}),
			);
			const v1 = await runCdek(
				{ operation: 'createRefusal', orderUuid: inTransit2.uuid },
				{ credentials: credentials() },
			);
			expect(v1.output('CDEK')[0].json).not.toHaveProperty('summary');
			expect(v1.output('CDEK')[0].json).not.toHaveProperty('nextStep');
		});

		it("with Wait for CDEK's Verdict on (a parameter of its own, times in seconds), the item says it is done", async () => {
			const { delivered } = sandbox().seeds;
			const result = await runCdekV2(
				{
					operation: 'createClientReturn',
					order: locator('uuid', delivered.uuid),
					tariffCode: 136,
					waitForVerdict: true,
					pollInterval: 0.1,
					waitTimeout: 20,
				},
				{ credentials: credentials() },
			);
			const json = result.output('CDEK')[0].json;
			expect(json.summary).toBe('Client return done: CDEK carried it out (SUCCESSFUL).');
			expect(json).not.toHaveProperty('nextStep');
			expect((json.result as IDataObject).state).toBe('SUCCESSFUL');
		});
	});

	describe('checks before sending name the panel and count items from 1', () => {
		const withItem = (item: IDataObject): INodeParameters => ({
			...returnOrderFields('={{ $json.number }}'),
			items: { item: [item] } as INodeParameters,
		});

		it("Create from fields: the second item's SKU and Quantity, by their labels, and nothing sent", async () => {
			const { item } = returnOrderFields('x').items as { item: IDataObject[] };
			const result = await runCdekV2(
				withItem({ ...item[0], wareKey: '={{ $json.sku }}', amount: '={{ $json.quantity }}' }),
				{
					credentials: credentials(),
					input: [
						{ number: 'PANEL-1', sku: 'SKU-1', quantity: 1 },
						{ number: 'PANEL-2', sku: '', quantity: 0 },
					],
				},
			);
			expect(result.error?.message).toBe(
				'The order is not complete: Items → SKU is required; Items → Quantity must be a whole number from 1 to 999 [item 2]',
			);
			expect(result.error?.message).not.toMatch(/ware_key|packages\[/);
			expect(apiCalls(sandbox())).toEqual([]);

			const v1 = await runCdek(withItem({ ...item[0], amount: 0 }), {
				credentials: credentials(),
				input: [{ number: 'PANEL-3' }],
			});
			expect(v1.error?.message).toBe(
				'The order is not complete: Items → Amount must be a whole number from 1 to 999 [item 1]',
			);
		});

		it("Create from JSON keeps naming CDEK's fields, the ones the user wrote", async () => {
			const result = await runCdekV2(
				{ operation: 'create', defineOrder: 'json', orderJson: '{"number": "PANEL-4"}' },
				{ credentials: credentials() },
			);
			expect(result.error?.message).toMatch(/^The order is not complete: tariff_code must be/);
		});

		it('a client return whose tariff expression gives nothing is an error naming Tariff Code and the item, nothing sent', async () => {
			const { delivered, delivered2 } = sandbox().seeds;
			const result = await runCdekV2(
				{
					operation: 'createClientReturn',
					order: '={{ $json.order }}',
					tariffCode: '={{ $json.tariff }}',
				},
				{
					credentials: credentials(),
					input: [
						{ order: locator('uuid', delivered.uuid), tariff: 136 },
						{ order: locator('uuid', delivered2.uuid), tariff: '' },
					],
				},
			);
			expect(result.error?.message).toBe(
				'Tariff Code must be a positive whole number, a tariff code of your CDEK contract such as 136, got an empty value [item 2]',
			);
			expect(apiCalls(sandbox())).toEqual([]);
		});

		it('the Batch Pause is seconds in version 2 (at most an hour), milliseconds in version 1', async () => {
			const { inTransit } = sandbox().seeds;
			const v2 = await runCdekV2(
				{
					operation: 'get',
					order: locator('uuid', inTransit.uuid),
					options: { batching: { batch: { batchIntervalSeconds: 7200 } } },
				},
				{ credentials: credentials() },
			);
			expect(v2.error?.message).toBe(
				'Batch Pause (Seconds) must be a number of seconds from 0 to 3600, got 7200',
			);
			expect(apiCalls(sandbox())).toEqual([]);
			const v1 = await runCdek(
				{
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: inTransit.uuid,
					options: { batching: { batch: { batchInterval: 7200 } } },
				},
				{ credentials: credentials() },
			);
			expect(v1.status).toBe('success');
		});
	});

	describe('Timeout (Seconds) against a server that never answers', () => {
		let relay: HostileRelay;

		beforeEach(async () => {
			relay = await startHostileRelay(sandbox().url, (seen) =>
				seen.url.startsWith('/v2/orders/') ? { kind: 'hang' } : undefined,
			);
		});

		afterEach(async () => {
			await relay.close();
		});

		const clientLeft = async (index: number) =>
			await until(
				'the client to close the connection',
				() => relay.answers[index]?.clientLeft || undefined,
				5000,
				20,
			);

		it('version 2: Timeout (Seconds) 1 gives up after 1 000 ms; version 1: Timeout 1000 still means 1 000 ms', async () => {
			const { delivered } = sandbox().seeds;
			const heldCredentials = accountCredential(sandbox(), { baseUrl: relay.rootUrl });
			const v2 = await runCdekV2(
				{
					operation: 'get',
					order: locator('uuid', delivered.uuid),
					options: { timeoutSeconds: 1, retries: 0 },
				},
				{ credentials: heldCredentials },
			);
			expect(v2.error?.message).toBe('CDEK did not answer within 1000 ms [item 1]');
			await clientLeft(0);

			const v1 = await runCdek(
				{
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: delivered.uuid,
					options: { timeout: 1000, retries: 0 },
				},
				{ credentials: heldCredentials },
			);
			expect(v1.error?.message).toBe('CDEK did not answer within 1000 ms [item 1]');
			await clientLeft(1);
		});
	});
});
