import { startConnectProxy, withHttpsProxy } from '../../../dev/proxies/connect-proxy';
import type { ConnectProxy } from '../../../dev/proxies/connect-proxy';
import { CredentialStore } from '../../../dev/n8n-core/runner';
import {
	CREDENTIAL_ID,
	WRONG_KEYS_MESSAGE,
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

const refuse = (uuid: string) => ({ operation: 'createRefusal', orderUuid: uuid });
const get = { operation: 'get', lookupBy: 'uuid', orderUuid: '={{ $json.uuid }}' };

describe('CDEK API credential through n8n-core (sandbox)', () => {
	const sandbox = useSandbox();

	it('fetches one token for a 20-item run, stores it, and the next run reuses it', async () => {
		const credentials = accountCredential(sandbox());
		const input = Array.from({ length: 20 }, () => ({ uuid: sandbox().seeds.delivered.uuid }));

		const first = await runCdek(get, { input, credentials });
		expect(first.output('CDEK')).toHaveLength(20);
		expect(sandbox().counters().tokenRequests).toBe(1);
		expect(credentials.updates).toBe(1);
		// Stored bound to the fields it was issued for (a digest, then the token).
		expect(String(credentials.get(CREDENTIAL_ID).sessionToken)).toMatch(/^[0-9a-f]{32}~eyJ/);

		const second = await runCdek(get, { input, credentials });
		expect(second.output('CDEK')).toHaveLength(20);
		expect(sandbox().counters().tokenRequests).toBe(1);
	});

	it('sends the token request as a form with the account keys', async () => {
		await runCdek(get, {
			input: [{ uuid: sandbox().seeds.delivered.uuid }],
			credentials: accountCredential(sandbox()),
		});
		const [token] = sandbox().requestLog();
		expect(token.path).toBe('/v2/oauth/token');
		expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(token.body).toEqual({
			grant_type: 'client_credentials',
			client_id: sandbox().testKeys.clientId,
			client_secret: '***',
		});
	});

	it('renews an expired token once, mid-run, without failing an item', async () => {
		const credentials = accountCredential(sandbox());
		const input = Array.from({ length: 6 }, () => ({ uuid: sandbox().seeds.delivered.uuid }));
		sandbox().injectFault({ kind: 'expire-token', path: '/v2/orders/', count: 1 });
		await runCdek(get, { input: input.slice(0, 1), credentials });
		const result = await runCdek(get, { input, credentials });
		expect(result.output('CDEK').every((item) => item.json.entity)).toBe(true);
		expect(sandbox().counters().tokenRequests).toBe(2);
	});

	it('renews when CDEK reports v2_token_expired under a status other than 401', async () => {
		sandbox().configure({ tokenErrorStatus: 403 });
		const credentials = accountCredential(sandbox());
		await runCdek(get, { input: [{ uuid: sandbox().seeds.delivered.uuid }], credentials });
		sandbox().expireTokens();
		const result = await runCdek(get, {
			input: [{ uuid: sandbox().seeds.delivered.uuid }],
			credentials,
		});
		expect(result.status).toBe('success');
		expect(sandbox().counters().tokenRequests).toBe(2);
		// token, get; the refused get; a new token, the get again (not first resent with the refused token).
		expect(
			sandbox()
				.requestLog()
				.map((entry) => `${entry.status} ${entry.path}`),
		).toEqual([
			'200 /v2/oauth/token',
			`200 /v2/orders/${sandbox().seeds.delivered.uuid}`,
			`403 /v2/orders/${sandbox().seeds.delivered.uuid}`,
			'200 /v2/oauth/token',
			`200 /v2/orders/${sandbox().seeds.delivered.uuid}`,
		]);
	});

	it("stops at once on wrong keys with CDEK's reason: one token request, nothing else sent", async () => {
		const credentials = accountCredential(sandbox(), { clientSecret: 'wrong-secret' });
		const input = Array.from({ length: 5 }, () => ({ uuid: sandbox().seeds.inTransit.uuid }));
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{ input, credentials },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(WRONG_KEYS_MESSAGE);
		expect(sandbox().counters().tokenRequests).toBe(1);
		expect(apiCalls(sandbox())).toEqual([]);
		expect(JSON.stringify(result.run)).not.toContain('wrong-secret');
	});

	it('under Continue On Fail, gives every item that error at once, still with one token request', async () => {
		const credentials = accountCredential(sandbox(), { clientSecret: 'wrong-secret' });
		const input = Array.from({ length: 5 }, () => ({ uuid: sandbox().seeds.inTransit.uuid }));
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			{ input, credentials, node: { continueOnFail: true } },
		);
		const items = result.output('CDEK');
		expect(items.map((item) => item.json.error)).toEqual(input.map(() => WRONG_KEYS_MESSAGE));
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(sandbox().counters().tokenRequests).toBe(1);
		expect(apiCalls(sandbox())).toEqual([]);
	});

	it('works with a ready access token and explains a rejected one', async () => {
		const token = (await (
			await fetch(`${sandbox().rootUrl}/oauth/token`, {
				method: 'POST',
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: sandbox().testKeys.clientId,
					client_secret: sandbox().testKeys.clientSecret,
				}),
			})
		).json()) as { access_token: string };
		const store = (accessToken: string) =>
			new CredentialStore({
				[CREDENTIAL_ID]: {
					type: 'cdekApi',
					data: { authentication: 'accessToken', accessToken, baseUrl: sandbox().rootUrl },
				},
			});

		const ok = await runCdek(refuse(sandbox().seeds.inTransit.uuid), {
			credentials: store(`Bearer ${token.access_token}`),
		});
		expect(ok.output('CDEK')[0].json.requests).toEqual([
			expect.objectContaining({ type: 'CREATE_REFUSAL' }),
		]);

		sandbox().clearLog();
		const rejected = await runCdek(refuse(sandbox().seeds.inTransit2.uuid), {
			credentials: store('not-a-token'),
		});
		expect(rejected.error?.message).toBe(
			'CDEK: v2_authorization_incorrect: Authorization header is incorrect (HTTP 401) (credential "CDEK Sandbox") [item 1]',
		);
		expect(sandbox().requestLog()).toHaveLength(1);
	});

	it("uses CDEK's public test account when Use Test API is on and the fields are empty", async () => {
		const credentials = new CredentialStore({
			[CREDENTIAL_ID]: {
				type: 'cdekApi',
				data: { authentication: 'clientCredentials', testApi: true, baseUrl: sandbox().rootUrl },
			},
		});
		const result = await runCdek(get, {
			input: [{ uuid: sandbox().seeds.delivered.uuid }],
			credentials,
		});
		expect(result.status).toBe('success');
		expect((sandbox().requestLog()[0].body as { client_id: string }).client_id).toBe(
			'wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP',
		);
	});

	it('says which field is missing when only one account field is filled', async () => {
		const credentials = accountCredential(sandbox(), { clientSecret: '' });
		const result = await runCdek(get, {
			input: [{ uuid: sandbox().seeds.delivered.uuid }],
			credentials,
		});
		expect(result.error?.message).toContain(
			'CDEK API credential "CDEK Sandbox": Secure Password (Client Secret) is empty. Enter both Account (Client ID) and Secure Password (Client Secret) from CDEK\'s cabinet, lk.cdek.ru → Integration',
		);
		expect(sandbox().requestLog()).toHaveLength(0);
	});

	it('without a network, names the host it tried and points at the Proxy field', async () => {
		const credentials = accountCredential(sandbox(), { baseUrl: 'http://cdek-api.invalid/v2' });
		const result = await runCdek(get, {
			input: [{ uuid: sandbox().seeds.delivered.uuid }],
			credentials,
		});
		expect(result.error?.message).toBe('The CDEK host name could not be resolved [item 1]');
		expect(result.error?.description).toContain(
			'Network error ENOTFOUND for the token request (The token request to http://cdek-api.invalid/v2/oauth/token failed: the host name cdek-api.invalid could not be found. Check that the n8n server can reach cdek-api.invalid',
		);
		expect(result.error?.description).toContain("enter the proxy in the credential's Proxy field");
	});

	it('a refused connection names the host and the Proxy field too, also with an access token', async () => {
		const credentials = new CredentialStore({
			[CREDENTIAL_ID]: {
				type: 'cdekApi',
				data: {
					authentication: 'accessToken',
					accessToken: 'a-token',
					baseUrl: 'http://127.0.0.1:1/v2',
				},
			},
		});
		const result = await runCdek(
			{ ...get, options: { retries: 0 } },
			{ input: [{ uuid: sandbox().seeds.delivered.uuid }], credentials },
		);
		expect(result.error?.message).toBe('CDEK refused the connection [item 1]');
		expect(result.error?.description).toContain(
			'127.0.0.1:1 refused the connection. Check that the n8n server can reach 127.0.0.1:1',
		);
		expect(result.error?.description).toContain("credential's Proxy field");
	});

	it('refuses a base URL that is not a URL before any request', async () => {
		const credentials = accountCredential(sandbox(), { baseUrl: 'api.cdek.ru/v2' });
		const result = await runCdek(get, {
			input: [{ uuid: sandbox().seeds.delivered.uuid }],
			credentials,
		});
		expect(result.error?.message).toBe(
			'CDEK API credential "CDEK Sandbox": Base URL must be a full URL such as https://api.cdek.ru/v2, got "api.cdek.ru/v2"',
		);
		expect(sandbox().requestLog()).toHaveLength(0);
	});

	describe('which CDEK host it talks to (seen by a local HTTPS proxy)', () => {
		let proxy: ConnectProxy;
		beforeEach(async () => {
			proxy = await startConnectProxy();
		});
		afterEach(async () => {
			await proxy.close();
		});

		it.each([
			[true, 'api.edu.cdek.ru:443'],
			[false, 'api.cdek.ru:443'],
		])('Use Test API = %p → %s', async (testApi, host) => {
			const credentials = new CredentialStore({
				[CREDENTIAL_ID]: {
					type: 'cdekApi',
					data: {
						authentication: 'clientCredentials',
						clientId: 'id',
						clientSecret: 'secret',
						testApi,
					},
				},
			});
			const result = await withHttpsProxy(
				proxy,
				async () =>
					await runCdek(get, { input: [{ uuid: sandbox().seeds.delivered.uuid }], credentials }),
			);
			expect(result.status).toBe('error');
			expect(proxy.targets).toEqual([host]);
		});

		it('a base URL override wins over Use Test API', async () => {
			const credentials = accountCredential(sandbox(), { testApi: true });
			const result = await withHttpsProxy(
				proxy,
				async () =>
					await runCdek(get, { input: [{ uuid: sandbox().seeds.delivered.uuid }], credentials }),
			);
			expect(result.status).toBe('success');
			expect(proxy.targets).toEqual([]);
		});
	});
});
