/**
 * No secret in anything the node or n8n produces: runs with a sentinel client secret, a sentinel access
 * token and a sentinel proxy password, through successes, CDEK faults, renewals and rejections, then scans
 * every output item, error (message, description, context, stack), the execution object and n8n's log.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../dev/sandbox';
import { CREDENTIAL_ID, accountCredential, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import type { RunResult } from '../../../dev/n8n-core/runner';
import { startForwardProxy } from '../../../dev/proxies/forward-proxy';
import { startHostileRelay } from '../../../dev/proxies/hostile-relay';
import { withSandbox } from '../../../dev/reliability/support';

const CLIENT = 'sentinel-account';
const SECRET = 'SECRET-SENTINEL-8d2f41c7';
const PROXY_PASSWORD = 'PROXY-SENTINEL-5b9e0a33';
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}/;

/** Everything a run produced that a user, a log collector or the next node could see. */
function everything(result: RunResult): string {
	const error = result.error as (Error & IDataObject) | undefined;
	return [
		JSON.stringify(result.run),
		JSON.stringify(result.logs, (_key, value: unknown) =>
			value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
		),
		error
			? [error.message, error.description, error.stack, JSON.stringify(error.context)].join('\n')
			: '',
	].join('\n');
}

function expectNoSecret(text: string, secrets: string[]): void {
	for (const secret of secrets) expect(text).not.toContain(secret);
	expect(text).not.toMatch(JWT);
}

async function issueToken(sandbox: Sandbox): Promise<string> {
	const answer = await fetch(`${sandbox.rootUrl}/oauth/token`, {
		method: 'POST',
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: CLIENT,
			client_secret: SECRET,
		}),
	});
	return ((await answer.json()) as { access_token: string }).access_token;
}

describe('no secret leaks (n8n-core, sandbox, sentinel secrets)', () => {
	const sentinels = { clients: [{ clientId: CLIENT, clientSecret: SECRET }], settleDelayMs: 50 };
	const account = (sandbox: Sandbox, data: IDataObject = {}) =>
		accountCredential(sandbox, { clientId: CLIENT, clientSecret: SECRET, ...data });
	const refuse = (sandbox: Sandbox, options: INodeParameters = {}): INodeParameters => ({
		operation: 'createRefusal',
		orderUuid: sandbox.seeds.inTransit.uuid,
		options,
	});
	const onError = { onError: 'continueRegularOutput' as const };

	it('account mode: success, verdict, every fault, renewals and wrong keys', async () => {
		await withSandbox(sentinels, async (sandbox) => {
			const credentials = account(sandbox);
			const runs: RunResult[] = [];
			runs.push(
				await runCdek(refuse(sandbox, { waitForVerdict: true, pollInterval: 0.1 }), {
					credentials,
				}),
			);
			for (const fault of [
				{ kind: 'status', status: 502, body: 'html' },
				{ kind: 'status', status: 500 },
				{ kind: 'reset-before' },
				{ kind: 'reset-after' },
				{ kind: 'malformed-json' },
				{ kind: 'expire-token' },
				{ kind: 'delay', delayMs: 600 },
			] as const) {
				sandbox.reset();
				sandbox.injectFault({ ...fault, path: '/v2/orders/', count: -1 });
				runs.push(
					await runCdek(refuse(sandbox, { retries: 1, timeout: 300 }), {
						credentials,
						node: onError,
					}),
				);
			}
			sandbox.clearFaults();
			sandbox.expireTokens();
			runs.push(
				await runCdek(
					{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.delivered.uuid },
					{ credentials },
				),
			);
			runs.push(
				await runCdek(refuse(sandbox), {
					credentials: account(sandbox, { clientSecret: `${SECRET}-wrong` }),
					node: onError,
				}),
			);
			runs.push(
				await runCdek(refuse(sandbox), {
					credentials: account(sandbox, { clientSecret: `${SECRET}-wrong` }),
				}),
			);

			// Stored as "<digest of the fields>~<token>".
			const token = String(credentials.get(CREDENTIAL_ID).sessionToken).split('~')[1];
			expect(token).toMatch(JWT);
			expect(
				runs.filter(
					(run) => run.status === 'error' || run.output('CDEK').some((item) => item.json.error),
				).length,
			).toBeGreaterThan(5);
			expectNoSecret(runs.map(everything).join('\n'), [SECRET, token]);
		});
	});

	it('access token mode: success, then the same token rejected once expired', async () => {
		await withSandbox(sentinels, async (sandbox) => {
			const token = await issueToken(sandbox);
			const credentials = accountCredential(sandbox, {
				authentication: 'accessToken',
				accessToken: `Bearer ${token}`,
			});
			const ok = await runCdek(refuse(sandbox), { credentials });
			sandbox.expireTokens();
			const rejected = await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.delivered.uuid },
				{ credentials },
			);

			expect(ok.status).toBe('success');
			expect(rejected.error?.message).toMatch(/^CDEK: v2_token_expired: /);
			expectNoSecret([everything(ok), everything(rejected)].join('\n'), [token]);
		});
	});

	it('proxy password (in the credential): not in the output of a run through the proxy, nor in the item error when the proxy refuses it', async () => {
		await withSandbox(sentinels, async (sandbox) => {
			const proxy = await startForwardProxy({ credentials: `cdek:${PROXY_PASSWORD}` });
			try {
				const ok = await runCdek(refuse(sandbox), {
					credentials: account(sandbox, { proxy: proxy.urlWithCredentials }),
				});
				const wrong = proxy.urlWithCredentials.replace(PROXY_PASSWORD, 'nope');
				const refused = await runCdek(refuse(sandbox, { retries: 0 }), {
					credentials: account(sandbox, { proxy: wrong }),
					node: onError,
				});

				expect(ok.status).toBe('success');
				expect(proxy.requests.some((seen) => seen.proxyUser === `cdek:${PROXY_PASSWORD}`)).toBe(
					true,
				);
				expect(refused.output('CDEK')[0].json.error).toContain('HTTP 407');
				expectNoSecret([ok, refused].map(everything).join('\n'), [PROXY_PASSWORD, SECRET]);
			} finally {
				await proxy.close();
			}
		});
	});

	it("proxy password: not in a failed execution or n8n's log when the proxy is down", async () => {
		await withSandbox(sentinels, async (sandbox) => {
			const unreachable = `http://cdek:${PROXY_PASSWORD}@127.0.0.1:1`;
			const down = await runCdek(refuse(sandbox, { retries: 0 }), {
				credentials: account(sandbox, { proxy: unreachable }),
			});

			expect(down.error?.message).toMatch(
				/^The proxy 127\.0\.0\.1:1 or CDEK refused the connection/,
			);
			expectNoSecret(everything(down), [PROXY_PASSWORD]);
		});
	});

	it('a proxy password typed into the node option is refused: node parameters are stored as typed', async () => {
		await withSandbox(sentinels, async (sandbox) => {
			const result = await runCdek(
				refuse(sandbox, { proxy: `http://cdek:${PROXY_PASSWORD}@127.0.0.1:3128` }),
				{ credentials: account(sandbox) },
			);
			expect(result.error?.message).toBe('Proxy must not contain a user or password here');
			expect(result.error?.description).toContain('CDEK API credential');
			expect(sandbox.requestLog()).toEqual([]);
		});
	});

	it.each([400, 502])(
		'a text answer (HTTP %i) that quotes the request headers: the token is masked in the stored error',
		async (status) => {
			await withSandbox(sentinels, async (sandbox) => {
				const { delivered } = sandbox.seeds;
				const relay = await startHostileRelay(sandbox.url, (seen) =>
					seen.url === `/v2/orders/${delivered.uuid}`
						? { kind: 'echo-headers', status }
						: undefined,
				);
				try {
					const credentials = account(sandbox, { baseUrl: relay.rootUrl });
					const result = await runCdek(
						{
							operation: 'get',
							lookupBy: 'uuid',
							orderUuid: delivered.uuid,
							options: { retries: 0 },
						},
						{ credentials },
					);
					const token = /eyJ[\w.-]+/.exec(String(credentials.get(CREDENTIAL_ID).sessionToken))?.[0];
					expect(relay.answers[0].request.headers.authorization).toBe(`Bearer ${token}`);
					const stored = (result.error as unknown as { errorResponse: IDataObject }).errorResponse;
					// The body is kept for diagnosis, with the header's value masked.
					expect(String(stored.bodyStart)).toContain('authorization: ***');
					expectNoSecret(everything(result), [SECRET, String(token)]);
				} finally {
					await relay.close();
				}
			});
		},
	);

	it('an unparseable node Proxy option with a password: not echoed in the error', async () => {
		await withSandbox(sentinels, async (sandbox) => {
			for (const proxy of [
				`http://cdek:${PROXY_PASSWORD}@proxy.local:99999`,
				`http://cdek:${PROXY_PASSWORD}@proxy local:3128`,
			]) {
				const result = await runCdek(refuse(sandbox, { proxy }), { credentials: account(sandbox) });
				expect(result.error?.message).toMatch(
					/^Proxy must be a URL such as http:\/\/proxy\.example\.com:3128, starting with http:\/\/ or https:\/\/$/,
				);
				// The workflow keeps the option as typed (which is why a password is refused there); the
				// error, which n8n also shows, logs and stores with the execution, must not repeat it.
				const error = result.error as unknown as Error & IDataObject;
				const shown = [
					error.message,
					error.description,
					error.stack,
					JSON.stringify(error.context),
				];
				expectNoSecret(shown.join('\n'), [PROXY_PASSWORD]);
			}
			expect(sandbox.requestLog()).toEqual([]);
		});
	});
});
