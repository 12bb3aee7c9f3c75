/**
 * PRINT_FORM events name the print form only (docs/reference/cdek-api.md §8, §11): the trigger reads the form with
 * its credential and adds the orders it lists. The sandbox delivers its own PRINT_FORM events to the trigger's
 * webhook served over real HTTP (dev/n8n-core/trigger-host.ts, n8n-core's WebhookContext).
 */
import type { IDataObject } from 'n8n-workflow';

import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import { accountCredential, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { CdekClient as SandboxClient } from '../../../dev/sandbox/http-client';
import { until } from '../../../dev/util/until';

describe('CDEK Trigger: PRINT_FORM events get their orders (n8n-core WebhookContext, real HTTP)', () => {
	const sandbox = useSandbox({
		printReadyDelayMs: -1,
		// The trigger reads the form before it answers; on a loaded machine that outlasted the default 2 s delivery
		// timeout, the sandbox delivered the event again, and the copy (rightly) started nothing.
		webhookRetry: { attempts: 12, intervalMs: 250, timeoutMs: 15000 },
	});
	let trigger: TriggerHost;

	beforeEach(async () => {
		trigger = new TriggerHost(accountCredential(sandbox()), {
			parameters: { event: 'PRINT_FORM' },
		});
		await trigger.listen();
		await trigger.activate();
	});
	afterEach(async () => await trigger?.close());

	/** A print form for these orders, made READY: CDEK then delivers its PRINT_FORM event. */
	async function printForm(kind: 'barcodes' | 'orders', orderUuids: string[]): Promise<string> {
		const created = await new SandboxClient(sandbox()).post(`/print/${kind}`, {
			body: { orders: orderUuids.map((order_uuid) => ({ order_uuid })) },
		});
		sandbox().settlePending();
		return created.body.entity.uuid as string;
	}

	const answered = (count: number) =>
		until(
			`${count} answered webhook call(s)`,
			() => (trigger.calls.length >= count ? trigger.calls : undefined),
			undefined,
			20,
		);

	it("starts the workflow with the orders of CDEK's barcode and waybill events, read with the credential", async () => {
		const { delivered, delivered2 } = sandbox().seeds;
		const forms = [
			await printForm('barcodes', [delivered.uuid, delivered2.uuid]),
			await printForm('orders', [delivered2.uuid]),
		];
		const calls = await answered(2);
		const started = calls.map((call) => call.started?.[0] as IDataObject);
		const deliveries = sandbox().webhookDeliveries();
		expect(started).toEqual([
			{
				...(deliveries[0].payload as IDataObject),
				orders: [{ order_uuid: delivered.uuid }, { order_uuid: delivered2.uuid }],
				orderUuids: [delivered.uuid, delivered2.uuid],
			},
			{
				...(deliveries[1].payload as IDataObject),
				orders: [{ order_uuid: delivered2.uuid }],
				orderUuids: [delivered2.uuid],
			},
		]);
		const reads = sandbox()
			.requestLog()
			.filter((entry) => entry.method === 'GET' && entry.path.startsWith('/v2/print/'));
		expect(reads.map((entry) => entry.path)).toEqual([
			`/v2/print/barcodes/${forms[0]}`,
			`/v2/print/orders/${forms[1]}`,
		]);
		expect(reads.every((entry) => entry.headers.authorization === 'Bearer ***')).toBe(true);
	});

	it('starts nothing for a print form CDEK does not know (a forged event), and answers 200 without repeating it', async () => {
		const response = await fetch(trigger.productionUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				type: 'PRINT_FORM',
				date_time: '2026-11-28T09:03:31+0000',
				uuid: '11111111-2222-4333-8444-555555555555',
				attributes: { type: 'BARCODE', url: 'http://api.cdek.ru/v2/print/barcodes/x.pdf' },
			}),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			received: true,
			started: false,
			reason: 'CDEK has no such print form for this account',
		});
		expect(trigger.runs).toEqual([]);
	});

	async function unreachableForm(): Promise<string> {
		const created = await new SandboxClient(sandbox()).post('/print/barcodes', {
			body: { orders: [{ order_uuid: sandbox().seeds.delivered.uuid }] },
		});
		sandbox().injectFault({
			kind: 'status',
			status: 503,
			body: 'html',
			path: '/print/',
			count: -1,
		});
		sandbox().settlePending();
		return created.body.entity.uuid as string;
	}

	it('version 2 (confirming): starts nothing when CDEK cannot be asked, since the event may be forged', async () => {
		await unreachableForm();
		const [call] = await answered(1);
		expect(call.started).toBeUndefined();
		expect(call.answer).toEqual({
			received: true,
			started: false,
			reason: expect.stringContaining(
				'the print form could not be confirmed: CDEK could not be asked',
			),
		});
	});

	it('version 1 (not confirming): still starts the workflow when CDEK cannot be asked, and says why the orders are missing', async () => {
		await trigger.close();
		trigger = new TriggerHost(accountCredential(sandbox()), {
			parameters: { event: 'PRINT_FORM' },
			typeVersion: 1,
		});
		await trigger.listen();
		await trigger.activate();
		const uuid = await unreachableForm();
		const [call] = await answered(1);
		expect(call.started?.[0]).toEqual(
			expect.objectContaining({
				uuid,
				orders: [],
				orderUuids: [],
				orderLookupError: expect.stringContaining('HTTP 503'),
			}),
		);
	});
});
