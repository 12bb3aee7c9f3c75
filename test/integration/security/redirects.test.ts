/**
 * Redirects of every kind on every request the package makes: a relay in front of the sandbox answers
 * 301/302/303/307/308 pointing at a recorder (another origin). n8n follows redirects and re-sends a
 * request's credentials and body unless told otherwise; the package never follows them, so the recorder
 * must receive nothing at all (no Secure Password, no token, no order), and the error names where the
 * redirect pointed.
 */
import type { Sandbox } from '../../../dev/sandbox';
import { accountCredential, runCdek, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { TriggerHost } from '../../../dev/n8n-core/trigger-host';
import { startHostileRelay, startRecorder } from '../../../dev/proxies/hostile-relay';
import type { HostileRelay, Recorder, SeenRequest } from '../../../dev/proxies/hostile-relay';

const STATUSES = [301, 302, 303, 307, 308];

interface Setup {
	sandbox: Sandbox;
	relay: HostileRelay;
	recorder: Recorder;
	/** Picks the requests the relay redirects; everything else reaches the sandbox. */
	redirect: (seen: SeenRequest) => boolean;
}

describe('redirects are never followed (n8n-core, sandbox behind a redirecting relay)', () => {
	const sandbox = useSandbox();
	let setup: Setup;
	let status = 0;

	beforeEach(async () => {
		const recorder = await startRecorder();
		let redirect: Setup['redirect'] = () => false;
		const relay = await startHostileRelay(sandbox().url, (seen) =>
			redirect(seen)
				? { kind: 'redirect', status, location: `${recorder.url}${seen.url}` }
				: undefined,
		);
		setup = {
			sandbox: sandbox(),
			recorder,
			relay,
			get redirect() {
				return redirect;
			},
			set redirect(pick) {
				redirect = pick;
			},
		};
	});

	afterEach(async () => {
		// Nothing, secret or not, reached the other origin.
		expect(setup.recorder.requests).toEqual([]);
		await setup.relay.close();
		await setup.recorder.close();
	});

	const credentials = () => accountCredential(setup.sandbox, { baseUrl: setup.relay.rootUrl });
	const redirected = () =>
		setup.relay.answers.filter((answer) => answer.hostility === 'redirect').length;

	describe.each(STATUSES)('HTTP %i', (redirectStatus) => {
		beforeEach(() => {
			status = redirectStatus;
		});

		it('from the token request: the Secure Password stays here, the error names the target', async () => {
			setup.redirect = (seen) => seen.url === '/v2/oauth/token';
			const result = await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: setup.sandbox.seeds.delivered.uuid },
				{ credentials: credentials() },
			);
			expect(result.error?.message).toBe(
				`${setup.relay.url} answered the token request with a redirect (HTTP ${status}) to ${setup.recorder.url}. Redirects are never followed, so the Secure Password was not sent there. Check "Base URL" and "Use Test API" in the credential "CDEK Sandbox".`,
			);
			expect(redirected()).toBe(1);
		});

		it('from an API read: the token stays here, the error names the target', async () => {
			const { delivered } = setup.sandbox.seeds;
			setup.redirect = (seen) => seen.url === `/v2/orders/${delivered.uuid}`;
			const result = await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: delivered.uuid },
				{ credentials: credentials() },
			);
			expect(result.error?.message).toBe(
				`${setup.relay.url} answered with a redirect (HTTP ${status}) to ${setup.recorder.url}, which the node does not follow [item 1]`,
			);
			expect(result.error?.description).toContain('Nothing was sent to');
			expect(redirected()).toBe(1);
		});

		it('from a refusal: neither token nor request goes there, and it is not resent', async () => {
			const { inTransit } = setup.sandbox.seeds;
			setup.redirect = (seen) => seen.method === 'POST' && seen.url.endsWith('/refusal');
			const result = await runCdek(
				{ operation: 'createRefusal', orderUuid: inTransit.uuid },
				{ credentials: credentials() },
			);
			expect(result.error?.message).toBe(
				`${setup.relay.url} answered with a redirect (HTTP ${status}) to ${setup.recorder.url}, which the node does not follow [item 1]`,
			);
			expect(redirected()).toBe(1);
			expect(setup.sandbox.counters().refusals[inTransit.uuid]).toBeUndefined();
		});

		it.each([
			['checks its subscription', 'GET', 'checkExists'],
			['subscribes', 'POST', 'create'],
			['unsubscribes', 'DELETE', 'delete'],
		] as const)('from the trigger when it %s', async (_what, method, hook) => {
			const trigger = new TriggerHost(credentials());
			if (hook === 'delete') await trigger.activate();
			setup.redirect = (seen) => seen.method === method && seen.url.startsWith('/v2/webhooks');
			await expect(trigger.hook(hook)).rejects.toThrow(
				`${setup.relay.url} answered with a redirect (HTTP ${status}) to ${setup.recorder.url}, which the node does not follow [item 1]`,
			);
			expect(redirected()).toBe(1);
		});
	});

	it('a redirect to the same origin is not followed either', async () => {
		const { delivered } = setup.sandbox.seeds;
		const sameOrigin = await startHostileRelay(setup.sandbox.url, (seen) =>
			seen.url === `/v2/orders/${delivered.uuid}`
				? { kind: 'redirect', status: 307, location: `/v2/orders/${delivered.uuid}?again=1` }
				: undefined,
		);
		try {
			const result = await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: delivered.uuid },
				{ credentials: accountCredential(setup.sandbox, { baseUrl: sameOrigin.rootUrl }) },
			);
			expect(result.error?.message).toBe(
				`${sameOrigin.url} answered with a redirect (HTTP 307) to ${sameOrigin.url}, which the node does not follow [item 1]`,
			);
			expect(sameOrigin.requests.filter((seen) => seen.url.includes('again=1'))).toEqual([]);
		} finally {
			await sameOrigin.close();
		}
	});
});
