/**
 * Proxies: the credential's Proxy (which may hold a password, kept encrypted), the node's Proxy option
 * (no password: node parameters are stored as typed) and n8n's own proxy settings (HTTP_PROXY) route every
 * request to CDEK, the token request included, through a local forward proxy that records them.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../dev/sandbox';
import { accountCredential, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import { startForwardProxy } from '../../../dev/proxies/forward-proxy';
import type { ForwardProxy } from '../../../dev/proxies/forward-proxy';
import { withSandbox } from '../../../dev/reliability/support';

const PROXY_CREDENTIALS = 'cdek-proxy:PROXY-SENTINEL-p@ss:w0rd';

const refuse = (sandbox: Sandbox, options: INodeParameters = {}): INodeParameters => ({
	operation: 'createRefusal',
	orderUuid: sandbox.seeds.inTransit.uuid,
	options,
});
const paths = (proxy: ForwardProxy) =>
	proxy.requests.map((seen) => `${seen.method} ${new URL(seen.url).pathname}`);

/** Sets HTTP_PROXY (n8n's proxy setting for http targets) for the duration of `body`. */
async function withHttpProxyEnv<T>(url: string, body: () => Promise<T>): Promise<T> {
	const names = ['HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
	const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
	for (const name of names) delete process.env[name];
	process.env.HTTP_PROXY = url;
	try {
		return await body();
	} finally {
		for (const name of names) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
	}
}

describe('proxies (n8n-core, sandbox, a local forward proxy)', () => {
	let proxy: ForwardProxy;
	beforeEach(async () => {
		proxy = await startForwardProxy({ credentials: PROXY_CREDENTIALS });
	});
	afterEach(async () => await proxy.close());

	it("the credential's Proxy, with a password, carries every request (the token request included) and stays out of the output", async () => {
		await withSandbox({}, async (sandbox) => {
			const result = await runCdek(refuse(sandbox), {
				credentials: accountCredential(sandbox, { proxy: proxy.urlWithCredentials }),
			});

			expect(result.output('CDEK')[0].json.requests).toEqual([
				expect.objectContaining({ type: 'CREATE_REFUSAL' }),
			]);
			const { inTransit } = sandbox.seeds;
			expect(paths(proxy)).toEqual([
				'POST /v2/oauth/token',
				`GET /v2/orders/${inTransit.uuid}`,
				`POST /v2/orders/${inTransit.uuid}/refusal`,
			]);
			expect(proxy.requests.every((seen) => seen.proxyUser === PROXY_CREDENTIALS)).toBe(true);
			expect(JSON.stringify(result.run)).not.toContain('PROXY-SENTINEL');
		});
	});

	it('the Proxy option carries every request of the node, the token request included', async () => {
		await withSandbox({}, async (sandbox) => {
			const open = await startForwardProxy();
			try {
				const result = await runCdek(refuse(sandbox, { proxy: open.url }), {
					credentials: accountCredential(sandbox),
				});
				expect(result.status).toBe('success');
				const { inTransit } = sandbox.seeds;
				expect(paths(open)).toEqual([
					'POST /v2/oauth/token',
					`GET /v2/orders/${inTransit.uuid}`,
					`POST /v2/orders/${inTransit.uuid}/refusal`,
				]);
			} finally {
				await open.close();
			}
		});
	});

	it("a wrong proxy password fails with the proxy's 407, blames the proxy, and never shows the password", async () => {
		await withSandbox({}, async (sandbox) => {
			const wrong = proxy.urlWithCredentials.replace('w0rd', 'wrong');
			const result = await runCdek(refuse(sandbox, { retries: 0 }), {
				credentials: accountCredential(sandbox, { proxy: wrong }),
				node: { onError: 'continueRegularOutput' },
			});

			const [item] = result.output('CDEK');
			expect(item.json.error).toMatch(
				/^The proxy refused the token request \(HTTP 407 Proxy Authentication Required\)/,
			);
			expect(sandbox.requestLog()).toEqual([]);
			expect(JSON.stringify(result.run)).not.toContain('PROXY-SENTINEL');
			expect(JSON.stringify(result.logs)).not.toContain('PROXY-SENTINEL');
		});
	});

	it("n8n's own proxy setting (HTTP_PROXY) carries every request when the option is empty", async () => {
		await withSandbox({}, async (sandbox) => {
			const open = await startForwardProxy();
			try {
				const result = await withHttpProxyEnv(
					open.url,
					async () => await runCdek(refuse(sandbox), { credentials: accountCredential(sandbox) }),
				);
				expect(result.output('CDEK')[0].json.requests).toEqual([
					expect.objectContaining({ type: 'CREATE_REFUSAL' }),
				]);
				const { inTransit } = sandbox.seeds;
				expect(paths(open)).toEqual([
					'POST /v2/oauth/token',
					`GET /v2/orders/${inTransit.uuid}`,
					`POST /v2/orders/${inTransit.uuid}/refusal`,
				]);
				expect(sandbox.requestLog()).toHaveLength(3);
			} finally {
				await open.close();
			}
		});
	});

	it("the Proxy option wins over n8n's proxy setting", async () => {
		await withSandbox({}, async (sandbox) => {
			const environment = await startForwardProxy();
			try {
				const open = await startForwardProxy();
				try {
					await withHttpProxyEnv(
						environment.url,
						async () =>
							await runCdek(refuse(sandbox, { proxy: open.url }), {
								credentials: accountCredential(sandbox),
							}),
					);
					const { inTransit } = sandbox.seeds;
					expect(paths(open)).toEqual([
						'POST /v2/oauth/token',
						`GET /v2/orders/${inTransit.uuid}`,
						`POST /v2/orders/${inTransit.uuid}/refusal`,
					]);
					expect(paths(environment)).toEqual([]);
				} finally {
					await open.close();
				}
			} finally {
				await environment.close();
			}
		});
	});
});
