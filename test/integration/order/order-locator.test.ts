/**
 * The "Order" parameter every order operation shares, versions 1 and 2: version 2 names the order by the number
 * people know (UUID, Shop No., CDEK No.); by number the node looks it up, and with the Safety Check on that read is
 * the lookup (counted in the sandbox log). Each operation's own file tests its lookup; here: checks off, the checks
 * by number, the verdict, invalid locators, Continue On Fail, and version 1 beside version 2.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	callsWithQuery,
	locator,
	route,
	runCdek,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

describe('Node version 2: the order by UUID, shop order number or CDEK number (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();

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
