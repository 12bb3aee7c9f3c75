/**
 * CDEK Trigger version 3 (issue 19): every genuine event once, none forged. Real HTTP: the sandbox delivers its
 * own events (and the real-world variants CDEK has sent) to the trigger's webhook served the way n8n runs it
 * (dev/n8n-core/trigger-host.ts: each call its own copy of static data, saved after the call when changed), and
 * the trigger reads CDEK's record back from the sandbox.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WebhookDelivery } from '../../../dev/sandbox';
import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import { accountCredential, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { CdekClient as SandboxClient } from '../../../dev/sandbox/http-client';
import { until } from '../../../dev/util/until';

const CONFIRMED = { received: true, started: true, output: 'Confirmed' };
const UNCONFIRMED = { received: true, started: true, output: 'Unconfirmed' };
const SEEN_BEFORE = { received: true, started: false, reason: 'CDEK delivered this event before' };

describe('CDEK Trigger version 3: Confirmed and Unconfirmed outputs (n8n-core WebhookContext, real HTTP)', () => {
	// CDEK's real delivery timeout: an answer later than 15 s is a failed delivery (docs/reference/cdek-api.md §8).
	const sandbox = useSandbox({
		settleDelayMs: 50,
		printReadyDelayMs: -1,
		webhookRetry: { attempts: 1, intervalMs: 250, timeoutMs: 15000 },
	});
	let trigger: TriggerHost;

	const listening = async (parameters: INodeParameters = {}, typeVersion = 3) =>
		(trigger = await TriggerHost.listening(accountCredential(sandbox()), {
			parameters: { event: 'ORDER_STATUS', ...parameters },
			typeVersion,
		}));
	const post = (body: unknown) => trigger.post(body);
	afterEach(async () => {
		await trigger?.hook('delete').catch(() => undefined);
		await trigger?.close();
	});

	const control = async (path: string, body: IDataObject = {}) => {
		const response = await fetch(`${sandbox().controlUrl}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		return (await response.json()) as IDataObject;
	};

	/** Waits until CDEK's deliveries since `before` were all answered (or failed): what each attempt got. */
	async function settled(before: number, count = 1): Promise<WebhookDelivery[]> {
		return await until(
			`${count} settled deliveries`,
			() => {
				const deliveries = sandbox().webhookDeliveries().slice(before);
				return deliveries.length >= count && deliveries.every((d) => d.state !== 'pending')
					? deliveries
					: undefined;
			},
			undefined,
			20,
		);
	}

	it("a genuine status change reaches Confirmed once, as CDEK's record says it, the delivery under webhook", async () => {
		await listening();
		const { inTransit } = sandbox().seeds;
		const before = sandbox().webhookDeliveries().length;
		sandbox().setStatus(inTransit.uuid, 'NOT_DELIVERED', '11');
		const [delivery] = await settled(before);
		expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);
		expect(trigger.calls.map((call) => call.answer)).toEqual([CONFIRMED]);
		expect(trigger.runs).toEqual([
			[
				expect.objectContaining({
					event: 'ORDER_STATUS',
					number: inTransit.number,
					cdekNumber: inTransit.cdek_number,
					uuid: inTransit.uuid,
					status: 'NOT_DELIVERED',
					statusName: 'Не вручен',
					statusReasonCode: '11',
					webhook: delivery.payload,
				}),
			],
		]);
		expect(trigger.unconfirmedRuns).toEqual([]);
		expect((await post(delivery.payload)).answer).toEqual(SEEN_BEFORE);
	});

	it.each([
		'status-code-only',
		'status-code-number',
		'code-trailing-space',
		'code-lower-case',
		'offset-colon',
		'numbers-as-integers',
	])(
		'the real-world variant "%s" of a genuine event is confirmed (versions 1 and 2 dropped some)',
		async (variant) => {
			await listening();
			const order = sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' });
			const before = sandbox().webhookDeliveries().length;
			sandbox().setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
			// The status change's own delivery first, then the variant: the variant is the same event.
			await settled(before);
			expect(trigger.runs).toHaveLength(1);
			await control('/webhooks/deliver', { order_uuid: order.uuid, variant });
			await settled(before, 2);
			expect(trigger.calls.map((call) => call.answer)).toEqual([CONFIRMED, SEEN_BEFORE]);

			// And on its own, to a trigger that has not seen the event: confirmed.
			await trigger.hook('delete');
			await trigger.close();
			await listening();
			await control('/webhooks/deliver', { order_uuid: order.uuid, variant });
			await settled(before, 3);
			expect(trigger.calls.map((call) => call.answer)).toEqual([CONFIRMED]);
			expect(trigger.runs[0][0]).toEqual(
				expect.objectContaining({ status: 'ACCEPTED_IN_RECIPIENT_CITY', uuid: order.uuid }),
			);
		},
	);

	it('version 2 now starts for an ORDER_STATUS with only the numeric status_code (bug fix), under its code name', async () => {
		await listening({}, 2);
		const order = sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' });
		await trigger.close();
		sandbox().setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		await trigger.listen();
		await trigger.activate('update');
		const before = sandbox().webhookDeliveries().length;
		await control('/webhooks/deliver', { order_uuid: order.uuid, variant: 'status-code-only' });
		const [delivery] = await settled(before);
		expect(trigger.runs).toEqual([
			[
				{
					...(delivery.payload as IDataObject),
					attributes: {
						...((delivery.payload as IDataObject).attributes as IDataObject),
						code: 'ACCEPTED_IN_RECIPIENT_CITY',
					},
				},
			],
		]);
	});

	it('CDEK unreachable (503, 429 with Retry-After 60, a redirect): Unconfirmed with the reason and the body, answered in time', async () => {
		await listening();
		const { inTransit, delivered } = sandbox().seeds;
		for (const fault of [
			{ status: 503 },
			{ status: 429, retryAfterSeconds: 60 },
			{ status: 302 },
		]) {
			sandbox().clearFaults();
			sandbox().injectFault({
				kind: 'status',
				method: 'GET',
				path: '/v2/orders/',
				count: -1,
				...fault,
			});
			const order = sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' });
			const before = sandbox().webhookDeliveries().length;
			sandbox().setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
			const [delivery] = await settled(before);
			// CDEK's 15 s: a trigger that waited out the 60 s would have let this attempt time out.
			expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);
			expect(trigger.calls.at(-1)?.answer).toEqual(UNCONFIRMED);
			expect(trigger.unconfirmedRuns.at(-1)).toEqual([
				expect.objectContaining({
					cause: 'CDEK_UNREACHABLE',
					reason: expect.stringContaining('CDEK could not be asked'),
					event: 'ORDER_STATUS',
					uuid: order.uuid,
					body: delivery.payload,
				}),
			]);
		}
		sandbox().clearFaults();
		expect(trigger.runs).toEqual([]);
		expect(inTransit && delivered).toBeTruthy();
	});

	it('version 2 too answers within CDEK’s 15 s when the order read gets a 429 with Retry-After: 60 (bug fix)', async () => {
		await listening({}, 2);
		sandbox().injectFault({
			kind: 'status',
			status: 429,
			retryAfterSeconds: 60,
			method: 'GET',
			path: '/v2/orders/',
			count: -1,
		});
		const order = sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' });
		const before = sandbox().webhookDeliveries().length;
		sandbox().setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const [delivery] = await settled(before);
		sandbox().clearFaults();
		// 0.2.0 waited the 60 s before answering: CDEK's attempt timed out after 15 s.
		expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);
		expect(trigger.calls.map((call) => call.answer)).toEqual([
			{ received: true, started: false, reason: 'CDEK did not confirm this event' },
		]);
	});

	it('forged events never reach Confirmed: a status from the history, another order’s number, an unknown order', async () => {
		await listening();
		const { delivered, inTransit } = sandbox().seeds;
		const record = sandbox().getOrder(delivered.uuid)!.entity;
		const forged = (code: string, attributes: IDataObject = {}, uuid = delivered.uuid) => ({
			type: 'ORDER_STATUS',
			date_time: new Date().toISOString(),
			uuid,
			attributes: {
				is_return: false,
				is_client_return: false,
				cdek_number: record.cdek_number,
				number: record.number,
				code,
				status_date_time: new Date().toISOString(),
				status_reason_code: '20',
				city_name: 'Forged City',
				...attributes,
			},
		});
		const calls = [
			await post(forged('RECEIVED_AT_SHIPMENT_WAREHOUSE', { injected: 'x' })),
			await post(forged('DELIVERED', { cdek_number: inTransit.cdek_number })),
			await post(forged('DELIVERED', {}, '8dea00e3-9aab-4d8e-887c-ef2aaa546456')),
		];
		expect(calls.map((call) => call.answer)).toEqual([UNCONFIRMED, UNCONFIRMED, UNCONFIRMED]);
		expect(trigger.runs).toEqual([]);
		expect(trigger.unconfirmedRuns.map((run) => run[0].cause)).toEqual([
			'NOT_CONFIRMED',
			'NOT_CONFIRMED',
			'NOT_CONFIRMED',
		]);
	});

	it("a genuine event's forged fields do not reach Confirmed as CDEK's word", async () => {
		await listening();
		const order = sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' });
		await trigger.close();
		const before = sandbox().webhookDeliveries().length;
		sandbox().setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const [delivery] = sandbox().webhookDeliveries().slice(before);
		await trigger.listen();
		await trigger.activate('update');
		const payload = JSON.parse(JSON.stringify(delivery.payload)) as IDataObject;
		Object.assign(payload.attributes as IDataObject, {
			status_reason_code: '20',
			city_name: 'Forged City',
			injected: 'x',
		});
		expect((await post(payload)).answer).toEqual(CONFIRMED);
		const [[item]] = trigger.runs;
		expect(item.statusReasonCode).toBeNull();
		expect(item.statusCity).not.toBe('Forged City');
		expect(Object.keys(item)).not.toContain('injected');
		expect(item.webhook).toEqual(payload); // kept, as what the webhook claimed
	});

	it('a status code nobody knows is never dropped: Unconfirmed under its raw code', async () => {
		await listening();
		const { inTransit } = sandbox().seeds;
		const body = {
			type: 'ORDER_STATUS',
			date_time: new Date().toISOString(),
			uuid: inTransit.uuid,
			attributes: { code: 'PARCEL_TELEPORTED', status_code: '1000' },
		};
		expect((await post(body)).answer).toEqual(UNCONFIRMED);
		expect(trigger.unconfirmedRuns).toEqual([
			[expect.objectContaining({ cause: 'NOT_CONFIRMED', body })],
		]);
	});

	it('a shape the trigger does not know goes to Unconfirmed once, with the body', async () => {
		await listening();
		const body = { type: 'ORDER_STATUS', uuid: sandbox().seeds.inTransit.uuid, attributes: {} };
		expect((await post(body)).answer).toEqual(UNCONFIRMED);
		expect((await post(body)).answer).toEqual({
			received: true,
			started: false,
			reason: 'this body was delivered before',
		});
		expect(trigger.unconfirmedRuns).toEqual([
			[expect.objectContaining({ cause: 'UNKNOWN_SHAPE', body })],
		]);
	});

	it('PRINT_FORM: Confirmed with its orders when CDEK knows it; Unconfirmed when CDEK answers 503, 429 or a redirect', async () => {
		await listening({ event: 'PRINT_FORM' });
		const { delivered } = sandbox().seeds;
		const form = async () => {
			const created = await new SandboxClient(sandbox()).post('/print/barcodes', {
				body: { orders: [{ order_uuid: delivered.uuid }] },
			});
			const before = sandbox().webhookDeliveries().length;
			sandbox().settlePending();
			await settled(before);
			return created.body.entity.uuid as string;
		};
		const uuid = await form();
		expect(trigger.runs).toEqual([
			[
				expect.objectContaining({
					event: 'PRINT_FORM',
					printFormUuid: uuid,
					formType: 'BARCODE',
					orderUuids: [delivered.uuid],
				}),
			],
		]);
		for (const fault of [
			{ status: 503 },
			{ status: 429, retryAfterSeconds: 60 },
			{ status: 302 },
		]) {
			sandbox().injectFault({
				kind: 'status',
				method: 'GET',
				path: '/v2/print/',
				count: -1,
				...fault,
			});
			await form();
			sandbox().clearFaults();
		}
		expect(trigger.runs).toHaveLength(1);
		expect(trigger.unconfirmedRuns.map((run) => run[0].cause)).toEqual([
			'CDEK_UNREACHABLE',
			'CDEK_UNREACHABLE',
			'CDEK_UNREACHABLE',
		]);
	});

	it('ORDER_MODIFIED, DELIV_PROBLEM and COURIER_INFO from the sandbox are confirmed; forged ones are not', async () => {
		const { inTransit } = sandbox().seeds;
		const cases: Array<[string, () => Promise<unknown>, IDataObject]> = [
			[
				'ORDER_MODIFIED',
				() => control(`/orders/${inTransit.uuid}/modify`),
				{ uuid: inTransit.uuid, number: inTransit.number },
			],
			[
				'DELIV_PROBLEM',
				() => control(`/orders/${inTransit.uuid}/problem`, { code: '7' }),
				{ uuid: inTransit.uuid, problemCode: '7' },
			],
		];
		for (const [event, happen, expected] of cases) {
			await listening({ event });
			const before = sandbox().webhookDeliveries().length;
			await happen();
			const [delivery] = await settled(before);
			expect(trigger.runs).toEqual([[expect.objectContaining({ event, ...expected })]]);
			const forged = JSON.parse(JSON.stringify(delivery.payload)) as IDataObject;
			forged.date_time = '2026-01-01T00:00:00+0000';
			if (event === 'DELIV_PROBLEM') (forged.attributes as IDataObject).code = '99';
			else forged.uuid = '8dea00e3-9aab-4d8e-887c-ef2aaa546456';
			expect((await post(forged)).answer).toEqual(UNCONFIRMED);
			expect(trigger.runs).toHaveLength(1);
			await trigger.hook('delete');
			await trigger.close();
		}

		await listening({ event: 'COURIER_INFO' });
		const intake = await new SandboxClient(sandbox()).post('/intakes', {
			body: {
				intake_date: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
				intake_time_from: '10:00',
				intake_time_to: '17:00',
				order_uuid: sandbox().seeds.created.uuid,
			},
		});
		sandbox().settlePending();
		const intakeUuid = intake.body.entity.uuid as string;
		const before = sandbox().webhookDeliveries().length;
		await control(`/intakes/${intakeUuid}/courier`);
		await settled(before);
		expect(trigger.runs).toEqual([
			[expect.objectContaining({ event: 'COURIER_INFO', intakeUuid, status: 'APPOINTED_COURIER' })],
		]);
	});

	it('a type CDEK offers no read for (OFFICE_AVAILABILITY) goes to Unconfirmed: fail closed', async () => {
		await listening({ event: 'OFFICE_AVAILABILITY' });
		const body = {
			type: 'OFFICE_AVAILABILITY',
			date_time: '2026-11-22T03:04:05+0000',
			uuid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456',
			attributes: { code: 'NSK1', available: false },
		};
		expect((await post(body)).answer).toEqual(UNCONFIRMED);
		expect(trigger.unconfirmedRuns).toEqual([
			[expect.objectContaining({ cause: 'NOT_CONFIRMABLE' })],
		]);
	});

	it('80 events at once, n8n restarted, all delivered again: 80 runs, then 0 second runs', async () => {
		await listening();
		const orders = Array.from({ length: 80 }, () =>
			sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' }),
		);
		await trigger.close();
		const before = sandbox().webhookDeliveries().length;
		for (const order of orders) sandbox().setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
		const payloads = sandbox()
			.webhookDeliveries()
			.slice(before)
			.map((delivery) => JSON.stringify(delivery.payload));
		await trigger.listen();
		await trigger.activate('update');
		const deliverAll = async () =>
			await Promise.all(
				payloads.map((body) =>
					fetch(trigger.productionUrl, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body,
					}).then((response) => response.status),
				),
			);
		expect(new Set(await deliverAll())).toEqual(new Set([200]));
		expect(trigger.runs).toHaveLength(80);
		const seenEvents = (trigger.staticData['node:CDEK Trigger'] as IDataObject).seenEvents;
		expect(seenEvents).toHaveLength(80); // each event stored once

		await trigger.close();
		trigger = trigger.restarted();
		await trigger.listen();
		expect(new Set(await deliverAll())).toEqual(new Set([200]));
		expect(trigger.calls).toHaveLength(80);
		expect(trigger.runs).toEqual([]);
		expect(trigger.unconfirmedRuns).toEqual([]);
	});
});
