/**
 * Node version 2: Create Refusal, Create Client Return, Delete and Get take the order by the number people know
 * (the "order" locator: UUID, Shop No., CDEK No.). By number the node looks the order up, and
 * with the Safety Check on that read is the lookup: no extra request (counted in the sandbox log).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	locator,
	route,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import type { Sandbox, SeedName } from '../../../dev/sandbox';

type Mode = 'uuid' | 'imNumber' | 'cdekNumber';
const MODES: Mode[] = ['uuid', 'imNumber', 'cdekNumber'];

function byMode(sandbox: Sandbox, seed: SeedName, mode: Mode) {
	const order = sandbox.seeds[seed];
	const value =
		mode === 'uuid' ? order.uuid : mode === 'imNumber' ? order.number : order.cdek_number!;
	return locator(mode, value);
}

/** The lookup each mode makes: GET /orders/{uuid}, or GET /orders with the number in the query. */
function lookupOf(sandbox: Sandbox, seed: SeedName, mode: Mode): string {
	const order = sandbox.seeds[seed];
	if (mode === 'uuid') return `GET /v2/orders/${order.uuid}`;
	return mode === 'imNumber'
		? `GET /v2/orders?im_number=${order.number}`
		: `GET /v2/orders?cdek_number=${order.cdek_number}`;
}

/** API calls with the query, so a lookup by number shows which number it asked for. */
const callsWithQuery = (sandbox: Sandbox) =>
	sandbox
		.requestLog()
		.filter((entry) => entry.path.startsWith('/v2/') && entry.path !== '/v2/oauth/token')
		.map((entry) => {
			const query = new URLSearchParams(entry.query as Record<string, string>).toString();
			return `${entry.method} ${entry.path}${query ? `?${query}` : ''}`;
		});

describe('Node version 2: the order by UUID, shop order number or CDEK number (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();

	describe.each(MODES)('by %s', (mode) => {
		it('Create Refusal: the Safety Check read is the lookup, then the refusal; the item names the order UUID', async () => {
			const { inTransit } = sandbox().seeds;
			const result = await runCdekV2(
				{ operation: 'createRefusal', order: byMode(sandbox(), 'inTransit', mode) },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(result.status).toBe('success');
			const [item] = result.output('CDEK');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual({
				orderUuid: inTransit.uuid,
				// The shop's own number too, however the order was named.
				number: inTransit.number,
				summary: 'Refusal queued at CDEK (ACCEPTED): CDEK has not decided yet.',
				nextStep: expect.stringContaining("Wait for CDEK's Verdict"),
				entity: { uuid: inTransit.uuid },
				requests: [expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'ACCEPTED' })],
				related_entities: [],
			});
			expect(Object.keys(item.json).slice(0, 4)).toEqual([
				'orderUuid',
				'number',
				'summary',
				'nextStep',
			]);
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'inTransit', mode),
				`POST /v2/orders/${inTransit.uuid}/refusal`,
			]);
			expect(sandbox().counters().refusals[inTransit.uuid].registered).toBe(1);
		});

		it('Create Client Return: one lookup, then the return with the tariff', async () => {
			const { delivered } = sandbox().seeds;
			const result = await runCdekV2(
				{
					operation: 'createClientReturn',
					order: byMode(sandbox(), 'delivered', mode),
					tariffCode: 137,
				},
				{ credentials: accountCredential(sandbox()) },
			);
			const [item] = result.output('CDEK');
			expect(item.json.orderUuid).toBe(delivered.uuid);
			expect((item.json.requests as IDataObject[])[0].type).toBe('CREATE_CLIENT_RETURN');
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'delivered', mode),
				`POST /v2/orders/${delivered.uuid}/clientReturn`,
			]);
			expect(apiCalls(sandbox())[1].body).toEqual({ tariff_code: 137 });
		});

		it('Delete: one lookup, then the deletion', async () => {
			const { accepted } = sandbox().seeds;
			const result = await runCdekV2(
				{ operation: 'delete', order: byMode(sandbox(), 'accepted', mode) },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(result.output('CDEK')[0].json.orderUuid).toBe(accepted.uuid);
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'accepted', mode),
				`DELETE /v2/orders/${accepted.uuid}`,
			]);
		});

		it("Get: one lookup, simplified by default, CDEK's body with Simplify off", async () => {
			const { delivered2 } = sandbox().seeds;
			const simple = await runCdekV2(
				{ operation: 'get', order: byMode(sandbox(), 'delivered2', mode) },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(simple.output('CDEK')[0].json).toEqual({
				uuid: delivered2.uuid,
				cdekNumber: delivered2.cdek_number,
				number: delivered2.number,
				status: 'DELIVERED',
				statusName: 'Вручен',
				statusTime: expect.any(String),
				statusReasonCode: null,
				statusReason: null,
				statusReasonRu: null,
				statusCity: expect.any(String),
				isReturn: false,
				isClientReturn: false,
				returnOrderUuid: null,
				deliveryProblem: null,
				lastRequestType: 'CREATE',
				lastRequestState: 'SUCCESSFUL',
			});
			const whole = await runCdekV2(
				{ operation: 'get', order: byMode(sandbox(), 'delivered2', mode), simplify: false },
				{ credentials: accountCredential(sandbox()) },
			);
			expect(whole.output('CDEK')[0].json).toEqual(sandbox().getOrder(delivered2.uuid));
			expect(callsWithQuery(sandbox())).toEqual([
				lookupOf(sandbox(), 'delivered2', mode),
				lookupOf(sandbox(), 'delivered2', mode),
			]);
		});
	});

	it('by number with both checks off: one lookup for the UUID, then the request; by UUID: the request alone', async () => {
		const { inTransit, inTransit2 } = sandbox().seeds;
		const checksOff = { safetyCheck: false, preventDuplicates: false };
		await runCdekV2(
			{
				operation: 'createRefusal',
				order: locator('imNumber', inTransit.number),
				...checksOff,
			},
			{ credentials: accountCredential(sandbox()) },
		);
		await runCdekV2(
			{ operation: 'createRefusal', order: locator('uuid', inTransit2.uuid), ...checksOff },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(callsWithQuery(sandbox())).toEqual([
			`GET /v2/orders?im_number=${inTransit.number}`,
			`POST /v2/orders/${inTransit.uuid}/refusal`,
			`POST /v2/orders/${inTransit2.uuid}/refusal`,
		]);
	});

	it('keeps the Safety Check and the duplicate check when the order is named by number', async () => {
		const { created, alreadyRefused } = sandbox().seeds;
		const result = await runCdekV2(
			{ operation: 'createRefusal', order: '={{ $json.order }}' },
			{
				input: [
					{ order: locator('imNumber', created.number) },
					{ order: locator('cdekNumber', alreadyRefused.cdek_number!) },
				],
				credentials: accountCredential(sandbox()),
				node: { continueOnFail: true },
			},
		);
		const [blocked, duplicate] = result.output('CDEK');
		expect(blocked.json.error).toMatch(/^Refusal not sent: the order has not left the shop yet/);
		expect((blocked.json.details as IDataObject).blocked).toEqual(
			expect.objectContaining({ orderUuid: created.uuid, orderStatus: 'CREATED' }),
		);
		expect(duplicate.json).toEqual(
			expect.objectContaining({ orderUuid: alreadyRefused.uuid, alreadyRegistered: true }),
		);
		expect(route(apiCalls(sandbox())).filter((call) => call.startsWith('POST'))).toEqual([]);
	});

	it('reads the order and outputs the verdict when asked to wait for it', async () => {
		const { inTransit3 } = sandbox().seeds;
		const result = await runCdekV2(
			{
				operation: 'createRefusal',
				order: locator('imNumber', inTransit3.number),
				waitForVerdict: true,
				pollInterval: 0.1,
				waitTimeout: 20,
			},
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.output('CDEK')[0].json).toEqual(
			expect.objectContaining({
				orderUuid: inTransit3.uuid,
				result: expect.objectContaining({ state: 'SUCCESSFUL', orderStatus: 'NOT_DELIVERED' }),
			}),
		);
	});

	it.each([
		[
			'a CDEK number with letters',
			locator('cdekNumber', '11O9940745'),
			/^Order \(CDEK No.\) must be a CDEK order number made of digits only/,
		],
		[
			'an empty shop number',
			locator('imNumber', '   '),
			/^Order \(Shop No.\) must be the shop's order number/,
		],
		['a malformed UUID', locator('uuid', '{not-a-uuid}'), /^Order \(UUID\) must be an order UUID/],
		[
			'an unknown mode',
			locator('list', 'x'),
			/^Order must be one of "UUID", "Shop No." or "CDEK No."/,
		],
	])('rejects %s before sending anything, for any item', async (_label, bad, message) => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdekV2(
			{ operation: 'createRefusal', order: '={{ $json.order }}' },
			{
				input: [{ order: locator('uuid', inTransit.uuid) }, { order: bad }],
				credentials: accountCredential(sandbox()),
			},
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 2\]$/);
		expect(result.error?.description).toContain('Nothing was sent to CDEK for any item.');
		expect(sandbox().requestLog()).toEqual([]);
	});

	it('with Continue On Fail: an invalid locator and an unknown number become error items with pairedItem, the rest runs', async () => {
		const { inTransit, inTransit2 } = sandbox().seeds;
		const result = await runCdekV2(
			{ operation: 'createRefusal', order: '={{ $json.order }}' },
			{
				input: [
					{ order: locator('cdekNumber', 'abc') },
					{ order: locator('imNumber', inTransit.number) },
					{ order: locator('imNumber', 'SHOP-NOPE') },
					// Typed as printed on the waybill, in groups.
					{
						order: locator(
							'cdekNumber',
							inTransit2.cdek_number!.replace(/^(\d{4})(\d{4})/, '$1 $2 '),
						),
					},
				],
				credentials: accountCredential(sandbox()),
				node: { continueOnFail: true },
			},
		);
		const items = result.output('CDEK');
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items[0].json.error).toMatch(/^Order \(CDEK No.\) must be/);
		expect(items[1].json.orderUuid).toBe(inTransit.uuid);
		expect(items[2].json.error).toBe(
			'No order "SHOP-NOPE" in CDEK for this account (CDEK: v2_entity_not_found_im_number: Entity is not found by number SHOP-NOPE, HTTP 400) [item 3]',
		);
		expect(items[3].json.orderUuid).toBe(inTransit2.uuid);
		expect(
			sandbox()
				.requestLog()
				.find((entry) => entry.query?.cdek_number !== undefined)?.query,
		).toEqual({ cdek_number: inTransit2.cdek_number });
		expect(sandbox().counters().requestsByRoute['POST /v2/orders/{uuid}/refusal']).toBe(2);
	});
});

describe('Node version 1 beside version 2 (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();

	it('version 1 keeps "Order UUID" and outputs CDEK\'s body as returned; version 2 needs the "Order" locator', async () => {
		// The refusal stays unapplied, so the order Get reads is the one compared below, however slow the machine.
		sandbox().configure({ settleDelayMs: -1 });
		const { inTransit } = sandbox().seeds;
		const credentials = accountCredential(sandbox());
		const v1 = await runCdek(
			{ operation: 'createRefusal', orderUuid: inTransit.uuid },
			{ credentials },
		);
		expect(v1.output('CDEK')[0].json).toEqual({
			entity: { uuid: inTransit.uuid },
			requests: [expect.objectContaining({ type: 'CREATE_REFUSAL' })],
			related_entities: [],
		});
		const v1Get = await runCdek(
			{ operation: 'get', lookupBy: 'imNumber', imNumber: inTransit.number },
			{ credentials },
		);
		expect(v1Get.output('CDEK')[0].json).toEqual(sandbox().getOrder(inTransit.uuid));

		sandbox().clearLog();
		// n8n itself refuses a version-2 node without its "Order" before anything runs.
		await expect(
			runCdekV2({ operation: 'createRefusal', orderUuid: inTransit.uuid }, { credentials }),
		).rejects.toThrow('Parameter "Order" is required');
		expect(sandbox().requestLog()).toEqual([]);
	});

	it('version 1 does not offer the version-2 operations', async () => {
		const result = await runCdek(
			{ operation: 'getLabel', order: locator('uuid', sandbox().seeds.delivered.uuid) },
			{ credentials: accountCredential(sandbox()) },
		);
		expect(result.error?.message).toBe(
			'The operation "getLabel" of resource "order" is not supported in version 1 of this node',
		);
		expect(sandbox().requestLog()).toEqual([]);
	});
});
