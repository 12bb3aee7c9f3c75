/**
 * Reasons in words: why a delivery ended (CDEK's additional status, `reason_code` / `status_reason_code`) as CDEK's
 * code, an English name and CDEK's Russian name, in Look Up Order's simplified output and in the CDEK Trigger's
 * Confirmed output (version 3). Real HTTP against the sandbox.
 */
import {
	accountCredential,
	locator,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import { until } from '../../../dev/util/until';

const CHANGED_MIND = {
	statusReasonCode: '17',
	statusReason: 'Refused by the recipient: changed their mind',
	statusReasonRu: 'Возврат, отказ от получения: Передумал',
};

describe('Reasons in words: Look Up Order and the CDEK Trigger name why a delivery ended', () => {
	const sandbox = useSandbox({ settleDelayMs: 50, webhookRetry: { attempts: 1, intervalMs: 250 } });
	let trigger: TriggerHost | undefined;
	afterEach(async () => {
		await trigger?.hook('delete').catch(() => undefined);
		await trigger?.close();
		trigger = undefined;
	});

	const lookUp = async (number: string) =>
		(
			await runCdek(
				{ operation: 'get', order: locator('imNumber', number) },
				{ version: 2, credentials: accountCredential(sandbox()) },
			)
		).output('CDEK')[0].json;

	it('Look Up Order (Simplify) gives the code and its name in English and Russian', async () => {
		const { inTransit } = sandbox().seeds;
		sandbox().setStatus(inTransit.uuid, 'NOT_DELIVERED', '17');
		expect(await lookUp(inTransit.number)).toEqual(
			expect.objectContaining({ status: 'NOT_DELIVERED', ...CHANGED_MIND }),
		);
	});

	it.each([
		[
			'11',
			'Refused by the recipient: no reason given',
			'Возврат, отказ от получения: Без объяснения',
		],
		[
			'22',
			'Refused by the recipient: did not fit or did not like it',
			'Возврат, отказ от получения: Товар не подошел/не понравился',
		],
		['23', 'Returned: storage time expired', 'Возврат, истек срок хранения'],
		['20', 'Partly delivered', 'Частичная доставка'],
	])('code %s reads "%s"', async (code, english, russian) => {
		const { inTransit } = sandbox().seeds;
		sandbox().setStatus(inTransit.uuid, code === '20' ? 'DELIVERED' : 'NOT_DELIVERED', code);
		expect(await lookUp(inTransit.number)).toEqual(
			expect.objectContaining({
				statusReasonCode: code,
				statusReason: english,
				statusReasonRu: russian,
			}),
		);
	});

	it('a status without a reason, and a code CDEK has not documented, keep the code and no name', async () => {
		const { inTransit } = sandbox().seeds;
		expect(await lookUp(inTransit.number)).toEqual(
			expect.objectContaining({ statusReasonCode: null, statusReason: null, statusReasonRu: null }),
		);
		sandbox().setStatus(inTransit.uuid, 'NOT_DELIVERED', '99');
		expect(await lookUp(inTransit.number)).toEqual(
			expect.objectContaining({ statusReasonCode: '99', statusReason: null, statusReasonRu: null }),
		);
	});

	it("the trigger's Confirmed item names the reason CDEK's record gives", async () => {
		trigger = await TriggerHost.listening(accountCredential(sandbox()), {
			parameters: { event: 'ORDER_STATUS' },
			typeVersion: 3,
		});
		const { inTransit } = sandbox().seeds;
		sandbox().setStatus(inTransit.uuid, 'NOT_DELIVERED', '17');
		const host = trigger;
		const [run] = await until('a Confirmed run', () => (host.runs.length ? host.runs : undefined));
		expect(run).toEqual([
			expect.objectContaining({ uuid: inTransit.uuid, status: 'NOT_DELIVERED', ...CHANGED_MIND }),
		]);
	});
});
