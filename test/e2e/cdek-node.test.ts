/**
 * The CDEK node in real n8n, installed from the packed tarball as users get it, against the CDEK sandbox served by
 * this test process, in n8n 2.41.1 (project e2e) and in n8n 1.123.81 (project e2e-n8n1): each operation, both
 * auth modes, the test-API host choice, validation, Continue On Fail and the error output, token requests per run
 * and their renewal, and no leaked secret.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { startConnectProxy } from '../../dev/proxies/connect-proxy';
import type { ConnectProxy } from '../../dev/proxies/connect-proxy';
import { createN8n, recordingExecute, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import { loadedNodeTypes, testCredential } from '../../dev/n8n/n8n-rest';
import { isN8n1, n8nVersionUnderTest } from '../../dev/n8n/runtime';
import { sessionFingerprint } from '../../credentials/common/session-token';
import { HANDOFF_KEYS } from '../../credentials/common/token-handoff';
import { cdekNode, itemsNodes, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';

const SECRET = 'E2E-SENTINEL-SECRET-7f3a9c';
const account = { id: 'cdekE2eAccount01', name: 'CDEK e2e (account)' };
const token = { id: 'cdekE2eToken0001', name: 'CDEK e2e (token)' };
const testApi = { id: 'cdekE2eTestApi01', name: 'CDEK e2e (test API)' };
const unknownUuid = '11111111-2222-4333-8444-555555555555';

describe(`CDEK node in real n8n ${n8nVersionUnderTest()} (sandbox)`, () => {
	let sandbox: Sandbox;
	let proxy: ConnectProxy;
	let n8n: N8nInstance | undefined;
	let accessToken = '';
	const issueToken = async (): Promise<string> => {
		const answer = await fetch(`${sandbox.rootUrl}/oauth/token`, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: 'e2e-account',
				client_secret: SECRET,
			}),
		});
		return ((await answer.json()) as { access_token: string }).access_token;
	};
	const logs = () => n8n;
	const { printed, execute } = recordingExecute(logs);
	/** Leaves a valid token in the stored credential and clean sandbox counters. */
	const storeValidToken = async () => {
		await n8n!.importWorkflow(
			workflow('cdekE2eTokenWarmUp', 'e2e: token warm-up', [
				manualTrigger(),
				cdekNode('CDEK', account, {
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: sandbox.seeds.delivered.uuid,
				}),
			]),
		);
		expect((await execute('cdekE2eTokenWarmUp')).exitCode).toBe(0);
		sandbox.reset();
	};

	beforeAll(async () => {
		sandbox = await startSandbox({
			settleDelayMs: 100,
			clients: [{ clientId: 'e2e-account', clientSecret: SECRET }],
		});
		proxy = await startConnectProxy();
		// Requests to the sandbox are plain http, so only CDEK's real https hosts go through the proxy.
		n8n = await createN8n({ withPackage: true, env: { HTTPS_PROXY: proxy.url } });
		await n8n.importCredentials([
			{
				...account,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: 'e2e-account',
					clientSecret: SECRET,
					baseUrl: sandbox.rootUrl,
				},
			},
			{ ...testApi, type: 'cdekApi', data: { authentication: 'clientCredentials', testApi: true } },
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await proxy?.close();
		await sandbox?.stop();
	});

	beforeEach(() => sandbox.reset());

	it(
		"runs every operation with account + secure password and outputs CDEK's bodies",
		withN8nLogs(logs, async () => {
			const { inTransit, delivered, delivered2 } = sandbox.seeds;
			const start = manualTrigger();
			await n8n!.importWorkflow(
				workflow(
					'cdekE2eOperations',
					'e2e: every operation',
					[start],
					[
						[
							cdekNode('Refusal', account, {
								operation: 'createRefusal',
								orderUuid: inTransit.uuid,
							}),
						],
						[
							cdekNode('Client return', account, {
								operation: 'createClientReturn',
								orderUuid: delivered.uuid,
								tariffCode: 136,
							}),
						],
						[
							cdekNode('Get by UUID', account, {
								operation: 'get',
								lookupBy: 'uuid',
								orderUuid: delivered2.uuid,
							}),
						],
						[
							cdekNode('Get by CDEK number', account, {
								operation: 'get',
								lookupBy: 'cdekNumber',
								cdekNumber: delivered2.cdek_number,
							}),
						],
						[
							cdekNode('Get by shop number', account, {
								operation: 'get',
								lookupBy: 'imNumber',
								imNumber: delivered2.number,
							}),
						],
					],
				),
			);
			const { exitCode, execution } = await execute('cdekE2eOperations');

			expect(exitCode).toBe(0);
			expect(execution.status).toBe('success');
			const refusal = outputOf(execution, 'Refusal');
			expect(refusal).toEqual([expect.objectContaining({ pairedItem: { item: 0 } })]);
			expect(refusal[0].json).toEqual(
				expect.objectContaining({
					entity: { uuid: inTransit.uuid },
					requests: [expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'ACCEPTED' })],
				}),
			);
			expect(outputOf(execution, 'Client return')[0].json.requests[0]).toEqual(
				expect.objectContaining({ type: 'CREATE_CLIENT_RETURN', state: 'ACCEPTED' }),
			);
			for (const node of ['Get by UUID', 'Get by CDEK number', 'Get by shop number']) {
				expect(outputOf(execution, node)[0].json.entity.uuid).toBe(delivered2.uuid);
			}
			const routes = sandbox.counters().requestsByRoute;
			expect(routes['POST /v2/orders/{uuid}/refusal']).toBe(1);
			expect(routes['POST /v2/orders/{uuid}/clientReturn']).toBe(1);
			expect(
				sandbox.requestLog().find((entry) => entry.path.endsWith('/clientReturn'))?.body,
			).toEqual({ tariff_code: 136 });
		}),
	);

	it(
		'needs exactly one token request for a 20-item run, and none in the next run',
		withN8nLogs(logs, async () => {
			const items = Array.from({ length: 20 }, () => ({ uuid: sandbox.seeds.delivered.uuid }));
			await n8n!.importWorkflow(
				workflow('cdekE2eTwentyItem', 'e2e: 20 lookups', [
					manualTrigger(),
					...itemsNodes(items),
					cdekNode('CDEK', account, {
						operation: 'get',
						lookupBy: 'uuid',
						orderUuid: '={{ $json.uuid }}',
					}),
				]),
			);
			sandbox.expireTokens();
			const first = await execute('cdekE2eTwentyItem');
			expect(outputOf(first.execution, 'CDEK')).toHaveLength(20);
			expect(outputOf(first.execution, 'CDEK').map((item) => item.pairedItem)).toEqual(
				items.map((_, item) => ({ item })),
			);
			// The stored token was expired: one renewal for the whole run (401 → preAuthentication → resend).
			expect(sandbox.counters().tokenRequests).toBe(1);

			const second = await execute('cdekE2eTwentyItem');
			expect(outputOf(second.execution, 'CDEK')).toHaveLength(20);
			expect(sandbox.counters().tokenRequests).toBe(1);
		}),
	);

	it(
		'renews a token that expires in the middle of a run: no item fails, one token request, nothing sent twice',
		withN8nLogs(logs, async () => {
			// A valid stored token first, so that the run's only token request is the renewal.
			await storeValidToken();
			const orders = sandbox
				.addOrders(6, 'SENT_TO_RECIPIENT_CITY')
				.map((order) => ({ uuid: order.uuid }));
			await n8n!.importWorkflow(
				workflow('cdekE2eMidRunExpiry', 'e2e: token expires mid-run', [
					manualTrigger(),
					...itemsNodes(orders),
					cdekNode('CDEK', account, { operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' }),
				]),
			);
			// CDEK expires the token when the third order's first request reaches it.
			sandbox.injectFault({ kind: 'expire-token', path: orders[2].uuid });

			const { exitCode, execution } = await execute('cdekE2eMidRunExpiry');

			expect(exitCode).toBe(0);
			expect(execution.status).toBe('success');
			const out = outputOf(execution, 'CDEK');
			expect(out.map((item) => item.json.entity?.uuid)).toEqual(orders.map((order) => order.uuid));
			expect(out.map((item) => item.pairedItem)).toEqual(orders.map((_, item) => ({ item })));
			const refused = sandbox.requestLog().filter((entry) => entry.status === 401);
			expect(refused.length).toBeGreaterThan(0);
			const counters = sandbox.counters();
			expect(counters.tokenRequests).toBe(1);
			expect(orders.map((order) => counters.refusals[order.uuid]?.registered)).toEqual(
				orders.map(() => 1),
			);
			// n8n stored the new token, bound to the credential's fields, and nothing the node handed the renewal
			// for that request only (n8n 1.x stores the whole credential the request carried).
			const stored = ((await n8n!.exportCredentials()).find((c) => c.id === account.id)?.data ??
				{}) as ICredentialDataDecryptedObject;
			expect(stored.clientId).toBe('e2e-account');
			expect(String(stored.sessionToken)).toMatch(new RegExp(`^${sessionFingerprint(stored)}~.`));
			for (const requestOnly of HANDOFF_KEYS)
				expect(Object.keys(stored)).not.toContain(requestOnly);
		}),
	);

	it(
		'renews a token CDEK refuses as expired under a status other than 401',
		withN8nLogs(logs, async () => {
			await storeValidToken();
			sandbox.configure({ tokenErrorStatus: 403 });
			try {
				sandbox.expireTokens();
				const { exitCode, execution } = await execute('cdekE2eTokenWarmUp');
				expect(exitCode).toBe(0);
				expect(outputOf(execution, 'CDEK')[0].json.entity.uuid).toBe(sandbox.seeds.delivered.uuid);
				expect(sandbox.requestLog().map((entry) => entry.status)).toEqual([403, 200, 200]);
				expect(sandbox.counters().tokenRequests).toBe(1);
			} finally {
				sandbox.configure({ tokenErrorStatus: 401 });
			}
		}),
	);

	it(
		'works with a ready access token',
		withN8nLogs(logs, async () => {
			accessToken = await issueToken();
			await n8n!.importCredentials([
				{
					...token,
					type: 'cdekApi',
					data: { authentication: 'accessToken', accessToken, baseUrl: sandbox.rootUrl },
				},
			]);
			sandbox.reset();
			await n8n!.importWorkflow(
				workflow('cdekE2eAccessToken', 'e2e: access token', [
					manualTrigger(),
					cdekNode('CDEK', token, {
						operation: 'createRefusal',
						orderUuid: sandbox.seeds.inTransit2.uuid,
					}),
				]),
			);
			const { exitCode, execution } = await execute('cdekE2eAccessToken');
			expect(exitCode).toBe(0);
			expect(outputOf(execution, 'CDEK')[0].json.entity.uuid).toBe(sandbox.seeds.inTransit2.uuid);
			expect(sandbox.counters().tokenRequests).toBe(0);
		}),
	);

	it(
		'talks to api.edu.cdek.ru when "Use Test API" is on (seen by a local proxy)',
		withN8nLogs(logs, async () => {
			proxy.targets.length = 0;
			await n8n!.importWorkflow(
				workflow('cdekE2eTestApiRoot', 'e2e: test API root', [
					manualTrigger(),
					cdekNode('CDEK', testApi, {
						operation: 'get',
						lookupBy: 'uuid',
						orderUuid: sandbox.seeds.delivered.uuid,
					}),
				]),
			);
			const { exitCode } = await execute('cdekE2eTestApiRoot');
			expect(exitCode).toBe(1);
			expect(proxy.targets).toEqual(['api.edu.cdek.ru:443']);
		}),
	);

	it(
		'stops on an invalid UUID before sending anything, naming the parameter and the item',
		withN8nLogs(logs, async () => {
			await n8n!.importWorkflow(
				workflow('cdekE2eInvalidUuid', 'e2e: invalid uuid', [
					manualTrigger(),
					...itemsNodes([{ uuid: '{b08d4f71-7b5f-49e6-ae97-8424ef739b42}' }]),
					cdekNode('CDEK', account, { operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' }),
				]),
			);
			const { exitCode, execution, stdout } = await execute('cdekE2eInvalidUuid');
			expect(exitCode).toBe(1);
			const error = execution?.data?.resultData?.error ?? {};
			expect(`${error.message ?? ''} ${stdout}`).toContain(
				'Order UUID must be an order UUID like 72753031-1820-4f99-9240-aab139f05ca5 (8-4-4-4-12 hexadecimal characters), got "{b08d4f71-7b5f-49e6-ae97-8424ef739b42}" [item 1]',
			);
			expect(sandbox.requestLog()).toHaveLength(0);
		}),
	);

	const failingAndFine = () => [
		{ uuid: unknownUuid, shop: 'A' },
		{ uuid: sandbox.seeds.inTransit3.uuid, shop: 'B' },
	];

	it(
		"keeps going on a CDEK error with Continue On Fail, the failed item carrying CDEK's code",
		withN8nLogs(logs, async () => {
			await n8n!.importWorkflow(
				workflow('cdekE2eContinueFail', 'e2e: continue on fail', [
					manualTrigger(),
					...itemsNodes(failingAndFine()),
					cdekNode(
						'CDEK',
						account,
						{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
						{ continueOnFail: true, onError: 'continueRegularOutput' },
					),
				]),
			);

			const regular = await execute('cdekE2eContinueFail');
			expect(regular.exitCode).toBe(0);
			const out = outputOf(regular.execution, 'CDEK');
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(out[0].json.error).toBe(
				`No order ${unknownUuid} in CDEK for this account (CDEK: v2_entity_not_found: Entity is not found by uuid ${unknownUuid}, HTTP 404) [item 1]`,
			);
			expect(out[1].json.entity.uuid).toBe(sandbox.seeds.inTransit3.uuid);
		}),
	);

	it(
		isN8n1(n8nVersionUnderTest())
			? 'n8n 1.x: with the error output, a failed item stays on the success output with its error and details'
			: "routes a CDEK error to the error output with CDEK's code",
		withN8nLogs(logs, async () => {
			await n8n!.importWorkflow(
				workflow('cdekE2eErrorOutput', 'e2e: error output', [
					manualTrigger(),
					...itemsNodes(failingAndFine()),
					cdekNode(
						'CDEK',
						account,
						{ operation: 'get', lookupBy: 'uuid', orderUuid: '={{ $json.uuid }}' },
						{ onError: 'continueErrorOutput' },
					),
				]),
			);

			const split = await execute('cdekE2eErrorOutput');
			expect(split.exitCode).toBe(0);
			const [success, failed] = [0, 1].map((output) => outputOf(split.execution, 'CDEK', output));
			const failure = expect.objectContaining({
				error: expect.stringContaining('v2_entity_not_found'),
				details: expect.objectContaining({ httpCode: '404' }),
			});
			if (isN8n1(n8nVersionUnderTest())) {
				// n8n 1.x takes an item to the error output only when its json is `error` (and `message`) alone; the
				// node's items also carry `details` (README, "Compatibility").
				expect(success.map((item) => item.json)).toEqual([
					failure,
					expect.objectContaining({
						entity: expect.objectContaining({ uuid: sandbox.seeds.inTransit3.uuid }),
					}),
				]);
				expect(failed).toEqual([]);
				return;
			}
			expect(success.map((item) => item.json.entity.uuid)).toEqual([sandbox.seeds.inTransit3.uuid]);
			expect(failed).toHaveLength(1);
			expect(failed[0].json).toEqual(expect.objectContaining({ shop: 'A' }));
			expect(failed[0].json).toEqual(failure);
		}),
	);

	describe('in the editor (n8n start)', () => {
		let server: N8nServer;
		beforeAll(async () => {
			server = await n8n!.start();
		});
		afterAll(async () => {
			await server?.stop();
		});

		it('offers the CDEK node, its AI-tool variant and the trigger in the editor', async () => {
			const types = await loadedNodeTypes(server.rest);
			expect(types).toEqual(
				expect.arrayContaining([
					'n8n-nodes-cdek.cdek',
					'n8n-nodes-cdek.cdekTool',
					'n8n-nodes-cdek.cdekTrigger',
				]),
			);
		});

		it(
			"credential test: right keys pass, a wrong secure password fails with CDEK's reason",
			withN8nLogs(logs, async () => {
				// The editor tests the stored credential with the values in the form (data overrides what is stored).
				const data = {
					authentication: 'clientCredentials',
					clientId: 'e2e-account',
					baseUrl: sandbox.rootUrl,
				};
				const good = await testCredential(server.rest, {
					...account,
					type: 'cdekApi',
					data: { ...data, clientSecret: SECRET },
				});
				expect(good).toEqual(expect.objectContaining({ status: 'OK' }));
				const wrong = await testCredential(server.rest, {
					...account,
					type: 'cdekApi',
					data: { ...data, clientSecret: 'not-the-secret' },
				});
				expect(wrong.status).toBe('Error');
				expect(wrong.message).toContain(
					'CDEK rejected the Account and Secure Password (invalid_client: Bad client credentials, HTTP 401)',
				);
				const badToken = await testCredential(server.rest, {
					...token,
					type: 'cdekApi',
					data: {
						authentication: 'accessToken',
						accessToken: 'expired-or-wrong',
						baseUrl: sandbox.rootUrl,
					},
				});
				expect(badToken.status).toBe('Error');
				// n8n 1.x's credential test answers this 401 with its own text instead of the credential's rule.
				expect(badToken.message).toContain(
					isN8n1(server.version)
						? 'Authorization failed - please check your credentials'
						: 'CDEK rejected the access token',
				);
			}),
		);

		it(
			'credential test without a network: names the host it tried and the Proxy field, not only ENOTFOUND',
			withN8nLogs(logs, async () => {
				const unreachable = await testCredential(server.rest, {
					...account,
					type: 'cdekApi',
					data: {
						authentication: 'clientCredentials',
						clientId: 'e2e-account',
						clientSecret: SECRET,
						baseUrl: 'http://cdek-api.invalid/v2',
					},
				});
				expect(unreachable.status).toBe('Error');
				expect(unreachable.message).toContain(
					'The token request to http://cdek-api.invalid/v2/oauth/token failed: the host name cdek-api.invalid could not be found.',
				);
				expect(unreachable.message).toContain("credential's Proxy field");
				expect(unreachable.message).not.toContain('ENOTFOUND');
				expect(unreachable.message).not.toContain(SECRET);
			}),
		);
	});

	it('never wrote the secure password or a token into what n8n printed or stored about executions', () => {
		const database = ['database.sqlite', 'database.sqlite-wal']
			.map((file) => join(n8n!.userFolder, '.n8n', file))
			.filter((file) => existsSync(file))
			.map((file) => readFileSync(file).toString('latin1'));
		const everything = [...printed, ...database].join('\n');
		expect(printed.join('').length).toBeGreaterThan(1000);
		expect(database.length).toBeGreaterThan(0);
		expect(everything).not.toContain(SECRET);
		expect(everything).not.toContain(accessToken);
		// Tokens the node fetched are JWTs; only the (encrypted) credential may hold one.
		expect(everything).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}/);
	});
});
