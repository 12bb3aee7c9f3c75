/**
 * A gateway error after CDEK applied the request: CDEK registered it, but a gateway in front of CDEK
 * answers 502 (the sandbox's own faults never apply a request they break, so a relay in front of it does
 * this). A 5xx does not prove the request was not applied, so it must not be sent blindly a second time.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../dev/sandbox';
import { CredentialStore } from '../../../dev/n8n-core/runner';
import { CREDENTIAL_ID, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import { startForwardProxy } from '../../../dev/proxies/forward-proxy';
import type { ForwardProxy } from '../../../dev/proxies/forward-proxy';
import {
	drainFaults,
	operationCase,
	returnOrder,
	withSandbox,
} from '../../../dev/reliability/support';
import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import type { OperationName } from '../../../dev/reliability/support';

const GATEWAY_PAGE =
	'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

/** A relay in front of the sandbox that answers 502 to the first request matching `method` and `path`. */
async function lossyGateway(sandbox: Sandbox, method: string, path: string): Promise<ForwardProxy> {
	let broken = false;
	return await startForwardProxy({
		target: sandbox.url,
		replaceAnswer: (seen) => {
			if (broken || seen.method !== method || !new URL(seen.url).pathname.includes(path))
				return undefined;
			broken = true;
			return { status: 502, contentType: 'text/html', body: GATEWAY_PAGE };
		},
	});
}

const credentialThrough = (sandbox: Sandbox, gateway: ForwardProxy) =>
	new CredentialStore({
		[CREDENTIAL_ID]: {
			type: 'cdekApi',
			data: {
				authentication: 'clientCredentials',
				...sandbox.testKeys,
				baseUrl: `${gateway.url}/v2`,
			},
		},
	});

async function runThroughGateway(
	operation: OperationName,
	settleDelayMs: number,
	options: INodeParameters = {},
) {
	return await withSandbox({ settleDelayMs }, async (sandbox) => {
		const { parameters, target, counter } = operationCase(
			sandbox,
			operation,
			options,
			'RET-GATEWAY-1',
		);
		const gateway = await lossyGateway(sandbox, String(target.method), String(target.path));
		try {
			const result = await runCdek(parameters, {
				credentials: credentialThrough(sandbox, gateway),
				node: { onError: 'continueRegularOutput' },
			});
			await drainFaults(sandbox);
			sandbox.settlePending();
			const counts = counter ? sandbox.counters()[counter.kind][counter.key] : undefined;
			return {
				item: result.output('CDEK')[0].json,
				counts,
				sent: gateway.requests.filter(
					(seen) => seen.method === target.method && seen.url.includes(String(target.path)),
				).length,
			};
		} finally {
			await gateway.close();
		}
	});
}

describe('a 502 from a gateway after CDEK applied the request (n8n-core, sandbox behind a relay)', () => {
	it.each(['createRefusal', 'createClientReturn', 'delete'] as const)(
		'%s while CDEK still processes it: the node finds it on the order and does not send it again',
		async (operation) => {
			const { item, counts, sent } = await runThroughGateway(operation, -1);
			expect(sent).toBe(1);
			expect(item.alreadyRegistered).toBe(true);
			expect(counts).toEqual(expect.objectContaining({ registered: 1, applied: 1 }));
		},
	);

	it('create: looks the shop number up before sending the order again', async () => {
		const { item, counts } = await runThroughGateway('create', -1);
		expect(item.alreadyRegistered).toBe(true);
		expect(counts).toEqual(expect.objectContaining({ registered: 1, applied: 1 }));
	});

	it('refusal already settled: the verdict is the refusal that succeeded, none is sent again', async () => {
		const { item, counts } = await runThroughGateway('createRefusal', 100, {
			waitForVerdict: true,
			pollInterval: 0.1,
		});
		expect(item.error).toBeUndefined();
		expect(item.result).toEqual(expect.objectContaining({ state: 'SUCCESSFUL' }));
		expect(counts).toEqual(expect.objectContaining({ registered: 1, applied: 1 }));
	});

	it('create without a shop number: nothing to look it up by, so it is not sent again', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const { number: _unused, ...order } = returnOrder('unused');
			const gateway = await lossyGateway(sandbox, 'POST', '/v2/orders');
			try {
				const result = await runCdek(
					{ operation: 'create', defineOrder: 'json', orderJson: JSON.stringify(order) },
					{
						credentials: credentialThrough(sandbox, gateway),
						node: { onError: 'continueRegularOutput' },
					},
				);
				const item = result.output('CDEK')[0].json;
				expect(item.error).toBe(
					'CDEK answered HTTP 502 with an HTML page ("502 Bad Gateway") instead of JSON [item 1]',
				);
				expect(String((item.details as IDataObject).description)).toContain(
					'CDEK may have applied the request before this error, so it was not sent again',
				);
				const sent = gateway.requests.filter(
					(seen) => seen.method === 'POST' && new URL(seen.url).pathname === '/v2/orders',
				);
				expect(sent).toHaveLength(1);
				// CDEK has the one order (the sandbox keys an order without a number by its uuid).
				expect(Object.keys(sandbox.counters().creates)).toHaveLength(1);
			} finally {
				await gateway.close();
			}
		});
	});

	it('the trigger’s subscription: found by its URL and type, not made twice', async () => {
		await withSandbox({}, async (sandbox) => {
			const gateway = await lossyGateway(sandbox, 'POST', '/v2/webhooks');
			try {
				const trigger = new TriggerHost(credentialThrough(sandbox, gateway));
				await trigger.activate();
				const subscriptions = (await (
					await fetch(`${sandbox.controlUrl}/webhooks`)
				).json()) as Array<{ uuid: string; url: string; type: string }>;
				expect(subscriptions.map(({ url, type }) => ({ url, type }))).toEqual([
					{ url: trigger.productionUrl, type: 'ORDER_STATUS' },
				]);
				expect(trigger.storedUuid()).toBe(subscriptions[0].uuid);
				expect(
					gateway.requests.filter(
						(seen) => seen.method === 'POST' && new URL(seen.url).pathname === '/v2/webhooks',
					),
				).toHaveLength(1);
			} finally {
				await gateway.close();
			}
		});
	});
});
