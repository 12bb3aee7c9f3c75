/**
 * The trigger half of issue 19's replay: every webhook body of the real-payload corpus (test/fixtures/cdek-real/
 * webhooks, provenance in its SOURCES.md) posted to the trigger as CDEK posted it, in n8n-core's WebhookContext
 * over real HTTP (dev/n8n-core/trigger-host.ts). Each starts exactly one run: version 3 on Confirmed when CDEK's
 * record (the sandbox) holds the event, else on Unconfirmed with the body; version 1 (no confirmation) with the
 * payload. Versions 1 and 2 of 0.2.0 answered the numeric-only and the trailing-space ORDER_STATUS 200 and started
 * nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import { accountCredential, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { canonicalStatusCode } from '../../../nodes/Cdek/helpers/status-code';

const DIR = join(__dirname, '..', '..', 'fixtures', 'cdek-real', 'webhooks');
const corpus = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => ({
		file,
		body: JSON.parse(readFileSync(join(DIR, file), 'utf8')) as IDataObject,
	}));
const orderStatuses = corpus.filter(({ body }) => body.type === 'ORDER_STATUS');

/** A CDEK date-time for `instant` written in the offset style of `like` (+0700, +07:00, +0000, Z). */
function inStyleOf(like: unknown, instant: number): string {
	const match = /([+-])(\d{2}):?(\d{2})$/.exec(String(like));
	if (!match) return `${new Date(instant).toISOString().slice(0, 19)}Z`;
	const minutes = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
	const local = new Date(instant + minutes * 60_000).toISOString().slice(0, 19);
	const colon = String(like).includes(':', String(like).length - 6) ? ':' : '';
	return `${local}${match[1]}${match[2]}${colon}${match[3]}`;
}

describe('CDEK Trigger: the real webhook corpus replayed (n8n-core WebhookContext, real HTTP)', () => {
	const sandbox = useSandbox({ settleDelayMs: 50 });
	let trigger: TriggerHost;
	const listening = async (event: string, typeVersion: number) =>
		(trigger = await TriggerHost.listening(accountCredential(sandbox()), {
			parameters: { event },
			typeVersion,
		}));
	const post = (body: unknown) => trigger.post(body);
	afterEach(async () => {
		await trigger?.hook('delete').catch(() => undefined);
		await trigger?.close();
	});

	it('has a webhook body of every type CDEK documents an example for, ORDER_STATUS variants included', () => {
		expect(new Set(corpus.map(({ body }) => body.type))).toEqual(
			new Set([
				'ACCOMPANYING_WAYBILL',
				'DELIV_AGREEMENT',
				'DELIV_PROBLEM',
				'DOWNLOAD_PHOTO',
				'OFFICE_AVAILABILITY',
				'ORDER_MODIFIED',
				'ORDER_STATUS',
				'PREALERT_CLOSED',
				'PRINT_FORM',
			]),
		);
		expect(orderStatuses.length).toBeGreaterThanOrEqual(4);
	});

	it.each(corpus.map(({ file, body }) => [file, body] as const))(
		'version 3: %s as CDEK sent it starts exactly one run, on Unconfirmed when CDEK does not hold it',
		async (_file, body) => {
			await listening(String(body.type), 3);
			const call = await post(body);
			expect(call.answer).toEqual({ received: true, started: true, output: 'Unconfirmed' });
			expect(call.unconfirmed).toEqual([expect.objectContaining({ body })]);
			expect(call.started).toBeUndefined();
			expect((await post(body)).answer).toEqual(expect.objectContaining({ started: false }));
		},
	);

	it.each(orderStatuses.map(({ file, body }) => [file, body] as const))(
		'version 3: %s, its shape on an order CDEK holds, is Confirmed with the status of CDEK’s record',
		async (_file, body) => {
			await listening('ORDER_STATUS', 3);
			const attributes = body.attributes as IDataObject;
			const code =
				canonicalStatusCode(attributes.code) ?? canonicalStatusCode(attributes.status_code)!;
			const order = sandbox().addOrder({ status: code });
			const status = sandbox().getOrder(order.uuid)!.entity.statuses[0];
			const instant = Date.parse(status.date_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
			const sent: IDataObject = {
				...body,
				uuid: order.uuid,
				date_time: inStyleOf(body.date_time, instant),
				attributes: {
					...attributes,
					...(attributes.cdek_number !== undefined
						? {
								cdek_number:
									typeof attributes.cdek_number === 'number'
										? Number(order.cdek_number)
										: order.cdek_number,
							}
						: {}),
					...(attributes.number !== undefined ? { number: order.number } : {}),
					status_date_time: inStyleOf(attributes.status_date_time, instant),
				},
			};
			const call = await post(sent);
			expect(call.answer).toEqual({ received: true, started: true, output: 'Confirmed' });
			expect(call.started).toEqual([
				expect.objectContaining({ uuid: order.uuid, status: code, webhook: sent }),
			]);
		},
	);

	// Version 1 reads a PRINT_FORM's form for its orders: a form CDEK does not hold starts nothing there.
	it.each(
		corpus
			.filter(({ body }) => body.type !== 'PRINT_FORM')
			.map(({ file, body }) => [file, body] as const),
	)(
		'version 1: %s starts exactly one run with the payload (0.2.0 dropped the numeric-only and trailing-space ones)',
		async (_file, body) => {
			await listening(String(body.type), 1);
			const call = await post(body);
			expect(call.answer).toEqual({ received: true, started: true });
			expect(call.started).toHaveLength(1);
			expect((await post(body)).started).toBeUndefined();
		},
	);
});
