/**
 * CDEK's order of `statuses[]` differs by object (docs/reference/cdek-api.md §5, §11) and its offsets vary
 * (§9). A relay in front of the sandbox lists every order's statuses oldest first, each in another offset
 * style, so the first listed is the oldest and comparing the texts would pick the wrong one. The Safety
 * Check and the verdict must still see the newest status.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../dev/sandbox';
import type { CredentialStore } from '../../../dev/n8n-core/runner';
import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { startForwardProxy } from '../../../dev/proxies/forward-proxy';
import type { ForwardProxy } from '../../../dev/proxies/forward-proxy';

/** The same instant in another of CDEK's offset styles (docs/reference/cdek-api.md §9). */
function restyle(dateTime: string, index: number): string {
	const instant = new Date(dateTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	const shifted = (hours: number) =>
		new Date(instant.getTime() + hours * 3_600_000).toISOString().slice(0, 19);
	switch (index % 4) {
		case 0:
			return `${shifted(7)}+0700`;
		case 1:
			return `${shifted(-5)}-05:00`;
		case 2:
			return `${instant.toISOString().slice(0, 19)}.000Z`;
		default:
			return `${shifted(3)}+03:00`;
	}
}

async function oldestFirstRelay(sandbox: Sandbox): Promise<ForwardProxy> {
	return await startForwardProxy({
		target: sandbox.url,
		replaceAnswer: (seen, answer) => {
			if (seen.method !== 'GET' || !/\/v2\/orders(\/|\?|$)/.test(new URL(seen.url).pathname))
				return undefined;
			const body = JSON.parse(answer.body) as { entity?: { statuses?: IDataObject[] } };
			if (!body.entity?.statuses) return undefined;
			body.entity.statuses = [...body.entity.statuses].reverse().map((status, index) => ({
				...status,
				date_time: restyle(String(status.date_time), index),
			}));
			return { status: answer.status, contentType: 'application/json', body: JSON.stringify(body) };
		},
	});
}

describe('the current status is the newest by date_time, whatever the order and offsets (n8n-core, relay)', () => {
	const sandbox = useSandbox({ settleDelayMs: 50 });
	let relay: ForwardProxy;
	let credentials: CredentialStore;

	beforeEach(async () => {
		relay = await oldestFirstRelay(sandbox());
		credentials = accountCredential(sandbox(), { baseUrl: `${relay.url}/v2` });
	});
	afterEach(async () => await relay.close());

	it('lets a client return of a DELIVERED order through the Safety Check', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createClientReturn', orderUuid: delivered.uuid, tariffCode: 136 },
			{ credentials },
		);
		expect(result.error?.message).toBeUndefined();
		expect(apiCalls(sandbox()).map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /v2/orders/${delivered.uuid}`,
			`POST /v2/orders/${delivered.uuid}/clientReturn`,
		]);
	});

	it('blocks a refusal of a DELIVERED order for being delivered, and says so', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: delivered.uuid },
			{ credentials, node: { onError: 'continueRegularOutput' } },
		);
		const [item] = result.output('CDEK');
		expect(item.json.error).toBe(
			'Refusal not sent: the order was already delivered (DELIVERED), so it can no longer be refused [item 1]',
		);
		expect((item.json.details as IDataObject).blocked).toEqual(
			expect.objectContaining({ orderStatus: 'DELIVERED' }),
		);
	});

	it("reports the order's newest status in the verdict", async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runCdek(
			{
				operation: 'createRefusal',
				orderUuid: inTransit.uuid,
				options: { waitForVerdict: true, pollInterval: 0.1, waitTimeout: 10 },
			},
			{ credentials },
		);
		expect(result.output('CDEK')[0].json.result).toEqual(
			expect.objectContaining({ state: 'SUCCESSFUL', orderStatus: 'NOT_DELIVERED' }),
		);
	});
});
