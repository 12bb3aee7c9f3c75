/**
 * The CDEK Trigger's webhook against forged and repeated deliveries, the way n8n runs it: a real HTTP
 * endpoint hands each POST to the node in n8n-core's WebhookContext (dev/n8n-core/trigger-host.ts), the
 * sandbox delivers CDEK's own events to it, and the node confirms events with real HTTP to the sandbox.
 * CDEK does not sign webhooks (docs/reference/cdek-api.md §8): anyone who learns the URL can post to it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WebhookDelivery } from '../../../dev/sandbox';
import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import { accountCredential, apiCalls, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { until } from '../../../dev/util/until';

const SETTLES_WITHIN_MS = 20000;
const NOT_CONFIRMED = { received: true, started: false, reason: 'CDEK did not confirm this event' };
const STARTED = { received: true, started: true };
const SEEN_BEFORE = { received: true, started: false, reason: 'CDEK delivered this event before' };
const NOT_CDEK = {
	received: true,
	started: false,
	reason: 'the body is not a CDEK webhook payload ({type, date_time, uuid, attributes})',
};

/** An ORDER_STATUS payload shaped like CDEK's (docs/reference/cdek-api.md §8) for any order and status. */
function orderStatus(
	order: { uuid: string; cdek_number?: string; number: string },
	code: string,
	time = '2026-11-22T03:04:05+0000',
	attributes: IDataObject = {},
): IDataObject {
	return {
		type: 'ORDER_STATUS',
		date_time: time,
		uuid: order.uuid,
		attributes: {
			is_return: false,
			is_reverse: false,
			is_client_return: false,
			cdek_number: order.cdek_number,
			number: order.number,
			related_entities: [],
			code,
			status_code: '4',
			status_date_time: time,
			city_name: 'Москва',
			city_code: '44',
			deleted: false,
			...attributes,
		},
	};
}

describe('CDEK Trigger webhook: forged and repeated events (n8n-core WebhookContext, real HTTP)', () => {
	// CDEK's real delivery timeout (15 s): a slow answer on a busy machine must not look like a lost one.
	const sandbox = useSandbox({
		settleDelayMs: 50,
		webhookRetry: { attempts: 12, intervalMs: 250, timeoutMs: 15000 },
	});
	let trigger: TriggerHost;

	afterEach(async () => await trigger?.close());
	const listening = async (parameters: INodeParameters = {}, typeVersion = 2) =>
		(trigger = await TriggerHost.listening(accountCredential(sandbox()), {
			parameters: { event: 'ORDER_STATUS', ...parameters },
			typeVersion,
		}));
	const post = (body: unknown, contentType?: string) => trigger.post(body, contentType);

	/** Moves an order on in the sandbox and waits until CDEK's delivery of it was answered. */
	async function statusChange(orderUuid: string, code: string): Promise<WebhookDelivery> {
		const before = sandbox().webhookDeliveries().length;
		sandbox().setStatus(orderUuid, code);
		return await until(
			`the delivery of ${code}`,
			() => {
				const [delivery] = sandbox().webhookDeliveries().slice(before);
				return delivery && delivery.state !== 'pending' ? delivery : undefined;
			},
			SETTLES_WITHIN_MS,
			20,
		);
	}

	/**
	 * Status changes whose deliveries never reach n8n (it is down meanwhile, so CDEK's attempts fail), then
	 * n8n back on another port: the payloads CDEK sent, to post by hand when the test wants them.
	 */
	async function heldBack(orderUuid: string, codes: string[]): Promise<IDataObject[]> {
		await trigger.close();
		const before = sandbox().webhookDeliveries().length;
		for (const code of codes) sandbox().setStatus(orderUuid, code);
		const payloads = sandbox()
			.webhookDeliveries()
			.slice(before)
			.map((delivery) => delivery.payload as IDataObject);
		await trigger.listen();
		await trigger.activate('update');
		return payloads;
	}

	async function redelivered(delivery: WebhookDelivery): Promise<void> {
		const attempts = delivery.attempts.length;
		sandbox().redeliverWebhook(delivery.id);
		await until(
			'the re-delivery',
			() => {
				const again = sandbox()
					.webhookDeliveries()
					.find((entry) => entry.id === delivery.id);
				return again && again.attempts.length > attempts && again.state !== 'pending'
					? again
					: undefined;
			},
			SETTLES_WITHIN_MS,
			20,
		);
	}

	const orderReads = (uuid: string) =>
		apiCalls(sandbox()).filter(
			(call) => call.method === 'GET' && call.path === `/v2/orders/${uuid}`,
		);

	describe('version 2 (Confirm Events With CDEK on by default)', () => {
		it('a real status change starts the workflow once, after reading the order once', async () => {
			await listening();
			const { inTransit } = sandbox().seeds;
			const delivery = await statusChange(inTransit.uuid, 'NOT_DELIVERED');
			expect(delivery.attempts).toEqual([expect.objectContaining({ status: 200 })]);
			expect(trigger.runs).toEqual([[delivery.payload]]);
			expect(orderReads(inTransit.uuid)).toHaveLength(1);
		});

		it("CDEK's re-delivery of the same event starts nothing and is not checked again", async () => {
			await listening();
			const { inTransit } = sandbox().seeds;
			const delivery = await statusChange(inTransit.uuid, 'NOT_DELIVERED');
			await redelivered(delivery);
			await redelivered(delivery);
			expect(trigger.calls.map((call) => call.answer)).toEqual([STARTED, SEEN_BEFORE, SEEN_BEFORE]);
			expect(trigger.runs).toHaveLength(1);
			expect(orderReads(inTransit.uuid)).toHaveLength(1);
		});

		it('what it has seen survives an n8n restart, in the static data n8n saved', async () => {
			await listening();
			const { inTransit } = sandbox().seeds;
			const delivery = await statusChange(inTransit.uuid, 'NOT_DELIVERED');
			expect(trigger.runs).toHaveLength(1);
			const port = trigger.port;
			await trigger.close();
			// A new n8n process: the node's modules loaded afresh, nothing in memory, the database row kept.
			trigger = trigger.restarted();
			await trigger.listen(port);
			await redelivered(delivery);
			expect(trigger.calls.map((call) => call.answer)).toEqual([SEEN_BEFORE]);
			expect(trigger.runs).toEqual([]);
		});

		it('deliveries of one event at the same moment start one run', async () => {
			await listening();
			const [event] = await heldBack(sandbox().seeds.inTransit.uuid, ['SENT_TO_SENDER_CITY']);
			const body = JSON.stringify(event);
			const deliver = () =>
				fetch(trigger.productionUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body,
				});
			const answers = await Promise.all([deliver(), deliver(), deliver()]);
			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
			expect(trigger.calls).toHaveLength(3);
			expect(trigger.runs).toEqual([[event]]);
		});

		it('a forged ORDER_STATUS for a status the order never had starts nothing', async () => {
			await listening();
			const { inTransit } = sandbox().seeds;
			const call = await post(orderStatus(inTransit, 'DELIVERED'));
			expect(call).toEqual({ status: 200, answer: NOT_CONFIRMED, started: undefined });
			expect(orderReads(inTransit.uuid)).toHaveLength(1);
			expect(trigger.runs).toEqual([]);
		});

		it('a forged ORDER_STATUS for an order this account does not have starts nothing', async () => {
			await listening();
			const unknown = { uuid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456', number: 'SHOP-X' };
			expect((await post(orderStatus(unknown, 'NOT_DELIVERED'))).answer).toEqual(NOT_CONFIRMED);
			expect(trigger.runs).toEqual([]);
		});

		it("a forged event with the order's real status but false flags starts nothing", async () => {
			await listening({ orderKind: 'clientReturn' });
			const { delivered } = sandbox().seeds;
			const forged = orderStatus(delivered, 'DELIVERED', undefined, { is_client_return: true });
			expect((await post(forged)).answer).toEqual(NOT_CONFIRMED);
			expect(trigger.runs).toEqual([]);
		});

		it('a status the parcel has already moved past is still confirmed from its history', async () => {
			await listening();
			const order = sandbox().addOrder({ status: 'SENT_TO_RECIPIENT_CITY' });
			const [first] = await heldBack(order.uuid, [
				'ACCEPTED_IN_RECIPIENT_CITY',
				'ACCEPTED_AT_PICK_UP_POINT',
			]);
			expect((await post(first)).answer).toEqual(STARTED);
			expect(trigger.runs).toEqual([[first]]);
		});

		it('a replay of a real event with another time is the same event, or not confirmed', async () => {
			await listening();
			const { inTransit } = sandbox().seeds;
			const delivery = await statusChange(inTransit.uuid, 'NOT_DELIVERED');
			const replayAt = (time: string) => {
				const replay = JSON.parse(JSON.stringify(delivery.payload)) as IDataObject;
				replay.date_time = time;
				(replay.attributes as IDataObject).status_date_time = time;
				return replay;
			};
			// Later, while the order is still NOT_DELIVERED: CDEK's record names the status already seen.
			const later = new Date(
				Date.parse(String(delivery.payload && (delivery.payload as IDataObject).date_time)) +
					3_600_000,
			);
			expect((await post(replayAt(later.toISOString()))).answer).toEqual(SEEN_BEFORE);
			// Before the order got there: the order was in another status then.
			expect((await post(replayAt('2020-01-01T00:00:00+0000'))).answer).toEqual(NOT_CONFIRMED);
			expect(trigger.runs).toHaveLength(1);
		});

		it('an old status from the history, replayed with an invented time, starts nothing (security fix)', async () => {
			await listening();
			const { delivered } = sandbox().seeds;
			const history = sandbox()
				.getOrder(delivered.uuid)!
				.entity.statuses.map((status) => status.code);
			expect(history).toContain('RECEIVED_AT_SHIPMENT_WAREHOUSE');
			const forged = orderStatus(
				delivered,
				'RECEIVED_AT_SHIPMENT_WAREHOUSE',
				new Date().toISOString(),
			);
			expect((await post(forged)).answer).toEqual(NOT_CONFIRMED);
			expect(trigger.runs).toEqual([]);
		});

		it('when CDEK cannot be asked, nothing starts and CDEK still gets its 200', async () => {
			await listening();
			const { inTransit } = sandbox().seeds;
			sandbox().injectFault({
				kind: 'status',
				status: 503,
				method: 'GET',
				path: '/v2/orders/',
				count: -1,
			});
			const call = await post(orderStatus(inTransit, 'SENT_TO_RECIPIENT_CITY'));
			expect(call).toEqual({ status: 200, answer: NOT_CONFIRMED, started: undefined });
			expect(orderReads(inTransit.uuid)).toHaveLength(2); // one retry, well within CDEK's 15 s
		});

		it('Order Modified and Delivery Problem events are confirmed by their order', async () => {
			await listening({ event: 'ORDER_MODIFIED' });
			const { inTransit } = sandbox().seeds;
			const modified = (uuid: string) => ({
				type: 'ORDER_MODIFIED',
				date_time: '2026-11-22T03:04:05+0000',
				uuid,
				attributes: { number: inTransit.number },
			});
			expect((await post(modified('8dea00e3-9aab-4d8e-887c-ef2aaa546456'))).answer).toEqual(
				NOT_CONFIRMED,
			);
			expect((await post(modified(inTransit.uuid))).started).toEqual([modified(inTransit.uuid)]);
			await trigger.hook('delete');
			await trigger.close();

			await listening({ event: 'DELIV_PROBLEM' });
			const problem = (cdekNumber: string) => ({
				type: 'DELIV_PROBLEM',
				date_time: '2026-11-22T03:04:05+0000',
				uuid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456',
				attributes: { cdek_number: cdekNumber, number: 'x', code: '7', create_date: '2026-11-22' },
			});
			expect((await post({ ...problem('9999999999') })).answer).toEqual(NOT_CONFIRMED);
			const real = problem(String(inTransit.cdek_number));
			real.attributes.number = inTransit.number;
			expect((await post(real)).started).toEqual([real]);
		});

		it('a Print Form event is read back for its orders instead: one CDEK does not know starts nothing', async () => {
			await listening({ event: 'PRINT_FORM' });
			const form = {
				type: 'PRINT_FORM',
				date_time: '2026-11-22T03:04:05+0000',
				uuid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456',
				attributes: { type: 'WAYBILL', url: 'https://api.cdek.ru/v2/print/orders/x.pdf' },
			};
			const call = await post(form);
			expect(call.started).toBeUndefined();
			expect(call.answer).toEqual({
				received: true,
				started: false,
				reason: 'CDEK has no such print form for this account',
			});
			expect(
				apiCalls(sandbox()).filter((c) => c.method === 'GET' && c.path !== '/v2/webhooks'),
			).toEqual([
				expect.objectContaining({ path: '/v2/print/orders/8dea00e3-9aab-4d8e-887c-ef2aaa546456' }),
			]);
		});

		it('with the option off, a version-2 node starts for what it receives, as version 1 does', async () => {
			await listening({ confirmEvents: false });
			const { inTransit } = sandbox().seeds;
			expect((await post(orderStatus(inTransit, 'DELIVERED'))).started).toHaveLength(1);
		});
	});

	describe('any version: bodies that are not CDEK events', () => {
		it.each([1, 2])(
			'version %i: a body of another shape, text, or over 64 KiB starts nothing and reads nothing',
			async (version) => {
				await listening({}, version);
				const { inTransit } = sandbox().seeds;
				expect((await post({ type: 'ORDER_STATUS' })).answer).toEqual(NOT_CDEK);
				expect(
					(await post({ ...orderStatus(inTransit, 'DELIVERED'), uuid: '../webhooks' })).answer,
				).toEqual(NOT_CDEK);
				expect(
					(await post('type=ORDER_STATUS', 'application/x-www-form-urlencoded')).answer,
				).toEqual(NOT_CDEK);
				const large = orderStatus(inTransit, 'DELIVERED', undefined, { pad: 'x'.repeat(70000) });
				expect((await post(large)).answer).toEqual({
					received: true,
					started: false,
					reason: 'the body is larger than 64 KiB, which no CDEK webhook is',
				});
				expect(trigger.runs).toEqual([]);
				expect(orderReads(inTransit.uuid)).toEqual([]);
			},
		);
	});

	describe('version 1 (saved workflows keep what they did)', () => {
		it('starts for a CDEK-shaped event without reading the order, once per event', async () => {
			await listening({}, 1);
			const { inTransit } = sandbox().seeds;
			const forged = orderStatus(inTransit, 'DELIVERED');
			expect((await post(forged)).started).toEqual([forged]);
			expect((await post(forged)).answer).toEqual(SEEN_BEFORE);
			expect(orderReads(inTransit.uuid)).toEqual([]);
		});

		it('confirms events when the option is turned on', async () => {
			await listening({ confirmEvents: true }, 1);
			const { inTransit } = sandbox().seeds;
			expect((await post(orderStatus(inTransit, 'DELIVERED'))).answer).toEqual(NOT_CONFIRMED);
			const delivery = await statusChange(inTransit.uuid, 'NOT_DELIVERED');
			expect(trigger.runs).toEqual([[delivery.payload]]);
		});
	});
});
