/**
 * The trigger's webhook lifecycle (checkExists → create on activation, delete on deactivation) run the
 * way n8n runs it: n8n-core's HookContext over a real Workflow, the credential through the harness's
 * CredentialsHelper, real HTTP to the CDEK sandbox.
 */
import type { INodeParameters } from 'n8n-workflow';

import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import type { Sandbox } from '../../../dev/sandbox';
import { accountCredential, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { until } from '../../../dev/util/until';

const BASE = 'http://127.0.0.1:5678';
const WEBHOOK_ID = '4f0c2a6e-1d2b-4c4e-9a57-0b1c2d3e4f50';
const PRODUCTION_URL = `${BASE}/webhook/${WEBHOOK_ID}/webhook`;
const TEST_URL = `${BASE}/webhook-test/${WEBHOOK_ID}/webhook`;

const triggerNode = (
	sandbox: Sandbox,
	parameters: INodeParameters = { event: 'ORDER_STATUS' },
	webhookId = WEBHOOK_ID,
) => new TriggerHost(accountCredential(sandbox), { parameters, webhookId, base: BASE });

/** The account's subscriptions as the sandbox holds them (its control API, no auth). */
async function subscriptions(
	sandbox: Sandbox,
): Promise<Array<{ uuid: string; type: string; url: string }>> {
	const answer = await fetch(`${sandbox.controlUrl}/webhooks`);
	const list = (await answer.json()) as Array<{ uuid: string; type: string; url: string }>;
	return list.map(({ uuid, type, url }) => ({ uuid, type, url }));
}

/** A subscription made by someone else with the same account (another tool, or by hand). */
async function subscribeDirectly(sandbox: Sandbox, type: string, url: string): Promise<string> {
	const token = await fetch(`${sandbox.rootUrl}/oauth/token`, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: sandbox.testKeys.clientId,
			client_secret: sandbox.testKeys.clientSecret,
		}),
	});
	const { access_token } = (await token.json()) as { access_token: string };
	const answer = await fetch(`${sandbox.rootUrl}/webhooks`, {
		method: 'POST',
		headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ type, url }),
	});
	const body = (await answer.json()) as { entity: { uuid: string } };
	return body.entity.uuid;
}

describe('CDEK Trigger webhook lifecycle (n8n-core HookContext → sandbox)', () => {
	const sandbox = useSandbox();

	it('activation subscribes once to the node URL and stores the uuid; checking again finds it without subscribing again', async () => {
		const trigger = triggerNode(sandbox());
		await trigger.activate();
		const [created, ...others] = await subscriptions(sandbox());
		expect(others).toEqual([]);
		expect(created).toEqual({
			uuid: expect.any(String),
			type: 'ORDER_STATUS',
			url: PRODUCTION_URL,
		});
		expect(trigger.storedUuid()).toBe(created.uuid);

		// n8n restarts ('init') and re-registers active workflows: nothing new at CDEK.
		await trigger.activate('init');
		expect(await subscriptions(sandbox())).toEqual([created]);
		expect(
			sandbox()
				.requestLog()
				.filter((entry) => entry.method === 'POST' && entry.path === '/v2/webhooks'),
		).toHaveLength(1);
	});

	it('subscribes to the event type chosen in the node', async () => {
		await triggerNode(sandbox(), { event: 'PRINT_FORM' }).activate();
		expect(await subscriptions(sandbox())).toEqual([
			{ uuid: expect.any(String), type: 'PRINT_FORM', url: PRODUCTION_URL },
		]);
	});

	it('deactivation deletes the subscription and forgets it, leaving other subscriptions alone', async () => {
		const other = await subscribeDirectly(sandbox(), 'ORDER_STATUS', 'https://other.example/cdek');
		const trigger = triggerNode(sandbox());
		await trigger.activate();
		expect(await subscriptions(sandbox())).toHaveLength(2);

		expect(await trigger.hook('delete')).toBe(true);
		expect(await subscriptions(sandbox())).toEqual([
			{ uuid: other, type: 'ORDER_STATUS', url: 'https://other.example/cdek' },
		]);
		expect(trigger.storedUuid()).toBeUndefined();
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	it('deactivation succeeds when the subscription was already deleted at CDEK', async () => {
		const trigger = triggerNode(sandbox());
		await trigger.activate();
		sandbox().reset(); // drops every subscription, as a manual DELETE at CDEK would
		expect(await trigger.hook('delete')).toBe(true);
		expect(trigger.storedUuid()).toBeUndefined();
	});

	it('re-subscribes when CDEK dropped the stored subscription', async () => {
		const trigger = triggerNode(sandbox());
		await trigger.activate();
		const first = trigger.storedUuid();
		sandbox().reset();
		await trigger.activate('init');
		const [again] = await subscriptions(sandbox());
		expect(again.uuid).not.toBe(first);
		expect(trigger.storedUuid()).toBe(again.uuid);
	});

	it('adopts a subscription to its own URL that static data lost, instead of subscribing twice', async () => {
		const orphan = await subscribeDirectly(sandbox(), 'ORDER_STATUS', PRODUCTION_URL);
		const trigger = triggerNode(sandbox());
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(trigger.storedUuid()).toBe(orphan);
		expect(await subscriptions(sandbox())).toHaveLength(1);
	});

	it('keeps one subscription when several deliver to its URL, so CDEK sends each event once', async () => {
		const first = await subscribeDirectly(sandbox(), 'ORDER_STATUS', PRODUCTION_URL);
		await subscribeDirectly(sandbox(), 'ORDER_STATUS', PRODUCTION_URL);
		const trigger = triggerNode(sandbox());
		trigger.staticData = {
			'node:CDEK Trigger': { subscriptionUuid: first, subscriptionUrl: PRODUCTION_URL },
		};
		await trigger.activate('init');
		expect(await subscriptions(sandbox())).toEqual([
			{ uuid: first, type: 'ORDER_STATUS', url: PRODUCTION_URL },
		]);
	});

	it('replaces its subscription when the node now listens to another event type', async () => {
		const stale = await subscribeDirectly(sandbox(), 'PRINT_FORM', PRODUCTION_URL);
		const trigger = triggerNode(sandbox());
		trigger.staticData = {
			'node:CDEK Trigger': { subscriptionUuid: stale, subscriptionUrl: PRODUCTION_URL },
		};
		await trigger.activate('update');
		expect(await subscriptions(sandbox())).toEqual([
			{ uuid: expect.any(String), type: 'ORDER_STATUS', url: PRODUCTION_URL },
		]);
		expect((await subscriptions(sandbox()))[0].uuid).not.toBe(stale);
	});

	it('keeps the test-URL and production subscriptions apart', async () => {
		const trigger = triggerNode(sandbox());
		await trigger.activate();
		const production = trigger.storedUuid();
		await trigger.activate('manual', true);
		expect((await subscriptions(sandbox())).map((s) => s.url).sort()).toEqual(
			[PRODUCTION_URL, TEST_URL].sort(),
		);
		await trigger.hook('delete', 'manual', true);
		expect(await subscriptions(sandbox())).toEqual([
			{ uuid: production, type: 'ORDER_STATUS', url: PRODUCTION_URL },
		]);
	});

	it("refuses a localhost webhook URL against CDEK's own API before any request, naming WEBHOOK_URL", async () => {
		for (const testApi of [true, false]) {
			const trigger = new TriggerHost(accountCredential(sandbox(), { baseUrl: '', testApi }), {
				parameters: { event: 'ORDER_STATUS' },
				webhookId: WEBHOOK_ID,
				base: BASE,
			});
			const activation = trigger.activate();
			await expect(activation).rejects.toThrow(
				`CDEK cannot reach this trigger's webhook URL ${PRODUCTION_URL}: 127.0.0.1 is not an address on the internet`,
			);
			await expect(activation).rejects.toMatchObject({
				description: expect.stringContaining('WEBHOOK_URL=https://n8n.example.com/'),
			});
			expect(trigger.storedUuid()).toBeUndefined();
		}
	});

	it('subscribes a localhost webhook URL when the credential points at a custom Base URL such as the sandbox', async () => {
		await triggerNode(sandbox()).activate();
		expect(await subscriptions(sandbox())).toEqual([
			{ uuid: expect.any(String), type: 'ORDER_STATUS', url: PRODUCTION_URL },
		]);
	});

	it('fails activation with the subscriptions listed when the account already has two', async () => {
		await subscribeDirectly(sandbox(), 'ORDER_STATUS', 'https://a.example/cdek');
		await subscribeDirectly(sandbox(), 'PRINT_FORM', 'https://b.example/hook');
		const trigger = triggerNode(sandbox());
		await expect(trigger.activate()).rejects.toThrow(
			'CDEK allows at most 2 webhook subscriptions per account, and this account already has 2: ORDER_STATUS → https://a.example/cdek (uuid ',
		);
		await expect(trigger.activate()).rejects.toThrow(
			/PRINT_FORM → https:\/\/b\.example\/hook \(uuid [0-9a-f-]{36}\)\. To activate this trigger, free a slot/,
		);
		expect(await subscriptions(sandbox())).toHaveLength(2);
		expect(
			sandbox()
				.requestLog()
				.filter((entry) => entry.method === 'POST' && entry.path === '/v2/webhooks'),
		).toHaveLength(2);
	});

	it("maps CDEK's own limit error (a slot taken between the check and the subscription) to the same message", async () => {
		await subscribeDirectly(sandbox(), 'PRINT_FORM', 'https://b.example/hook');
		// Both list requests are held until both have arrived: both triggers see one free slot and subscribe.
		sandbox().injectFault({ kind: 'hold', method: 'GET', path: '/v2/webhooks', count: 2 });
		const one = triggerNode(
			sandbox(),
			{ event: 'ORDER_STATUS' },
			'11111111-1d2b-4c4e-9a57-0b1c2d3e4f50',
		);
		const two = triggerNode(
			sandbox(),
			{ event: 'ORDER_STATUS' },
			'22222222-1d2b-4c4e-9a57-0b1c2d3e4f50',
		);
		const settled = Promise.allSettled([one.hook('create'), two.hook('create')]);
		await until('both triggers to have read the list', () =>
			sandbox().heldRequests().length === 2 ? true : undefined,
		);
		expect(sandbox().releaseHeld()).toBe(2);
		const results = await settled;

		const posts = sandbox()
			.requestLog()
			.filter((entry) => entry.method === 'POST' && entry.path === '/v2/webhooks');
		expect(posts.map((entry) => entry.status).sort()).toEqual([200, 200, 400]);
		const failed = results.filter(
			(result): result is PromiseRejectedResult => result.status === 'rejected',
		);
		expect(failed).toHaveLength(1);
		expect(failed[0].reason.message).toMatch(
			/^CDEK allows at most 2 webhook subscriptions per account, and this account already has 2: /,
		);
		expect(await subscriptions(sandbox())).toHaveLength(2);
	});

	it("surfaces other CDEK failures with CDEK's answer instead of hiding them", async () => {
		const trigger = triggerNode(sandbox());
		sandbox().injectFault({
			kind: 'status',
			status: 500,
			method: 'GET',
			path: '/v2/webhooks',
			count: -1,
		});
		await expect(trigger.hook('checkExists')).rejects.toThrow('CDEK: v2_internal_error');
		await expect(trigger.hook('delete')).rejects.toThrow('CDEK: v2_internal_error');
	}, 60000); // the transport retries 5xx answers with backoff before it gives up
});
