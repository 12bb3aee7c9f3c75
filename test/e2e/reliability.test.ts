/**
 * Reliability and secrets in real n8n 2.41.1 (packed package) against the sandbox, with n8n's own proxy
 * setting (HTTP_PROXY) pointing at a local recording proxy: the 200-item run under random faults, the
 * Proxy option with a password, Stop from the editor during Wait for Verdict, wrong keys under the error
 * output, and a scan of everything n8n printed, logged and stored for the sentinel secrets.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, recordingExecute, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import { startForwardProxy } from '../../dev/proxies/forward-proxy';
import type { ForwardProxy } from '../../dev/proxies/forward-proxy';
import { drainFaults } from '../../dev/reliability/support';
import { until } from '../../dev/util/until';
import {
	FAULT_RATE,
	RUN_OPERATIONS,
	RUN_PARAMETERS,
	checkRunOutputs,
	expireEvery,
	figures,
	prepareItems,
	printFigures,
	randomFaults,
} from '../../dev/reliability/random-run';
import type { Operation, RunItem } from '../../dev/reliability/random-run';
import { cdekNode, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';
import type { WorkflowNode } from '../../dev/n8n/workflows';

const CLIENT = 'e2e-reliability';
const SECRET = 'E2E-REL-SECRET-SENTINEL-41c9';
const PROXY_PASSWORD = 'E2E-REL-PROXY-SENTINEL-7d02';
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}/;
const account = { id: 'cdekRelAccount001', name: 'CDEK reliability (account)' };
const wrongKeys = { id: 'cdekRelWrongKeys1', name: 'CDEK reliability (wrong keys)' };
const proxied = { id: 'cdekRelProxied001', name: 'CDEK reliability (via proxy)' };
const tokenCredential = { id: 'cdekRelAccessTok1', name: 'CDEK reliability (access token)' };

/** Set (raw JSON) + Split Out, named after the operation so several branches can coexist. */
function itemsOf(op: string, items: IDataObject[]): WorkflowNode[] {
	return [
		{
			name: `Orders ${op}`,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [0, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ orders: items }), options: {} },
		},
		{
			name: `One per ${op}`,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [0, 0],
			parameters: { fieldToSplitOut: 'orders', options: {} },
		},
	];
}

/** Every file n8n wrote in its user folder (database, event log, logs), not the installed package. */
function filesWritten(folder: string): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (path === join(folder, '.n8n', 'nodes')) continue;
			if (statSync(path).isDirectory()) walk(path);
			else found.push(path);
		}
	};
	walk(folder);
	return found;
}

describe('reliability and secrets in real n8n (sandbox, HTTP_PROXY set)', () => {
	let sandbox: Sandbox;
	let environmentProxy: ForwardProxy;
	let optionProxy: ForwardProxy;
	let n8n: N8nInstance | undefined;
	let accessToken = '';
	const logs = () => n8n;
	const { printed, execute } = recordingExecute(logs);
	const importAndRun = async (
		id: string,
		name: string,
		chain: WorkflowNode[],
		branches: WorkflowNode[][] = [],
	) => {
		await n8n!.importWorkflow(workflow(id, name, chain, branches));
		return await execute(id);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({
			settleDelayMs: 2000,
			clients: [{ clientId: CLIENT, clientSecret: SECRET }],
		});
		environmentProxy = await startForwardProxy();
		optionProxy = await startForwardProxy({ credentials: `cdek:${PROXY_PASSWORD}` });
		n8n = await createN8n({ withPackage: true, env: { HTTP_PROXY: environmentProxy.url } });
		await n8n.importCredentials([
			{
				...account,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: CLIENT,
					clientSecret: SECRET,
					baseUrl: sandbox.rootUrl,
				},
			},
			{
				...wrongKeys,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: CLIENT,
					clientSecret: `${SECRET}-wrong`,
					baseUrl: sandbox.rootUrl,
				},
			},
			{
				...proxied,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: CLIENT,
					clientSecret: SECRET,
					baseUrl: sandbox.rootUrl,
					proxy: optionProxy.urlWithCredentials,
				},
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await Promise.all([environmentProxy?.close(), optionProxy?.close()]);
		await sandbox?.stop();
	});

	beforeEach(() => {
		sandbox.reset();
		sandbox.configure({ settleDelayMs: 2000, log: undefined });
		environmentProxy.requests.length = 0;
		optionProxy.requests.length = 0;
	});

	it(
		"200 items under random CDEK faults: none lost, none sent twice, every failure with its cause (through n8n's HTTP_PROXY)",
		withN8nLogs(logs, async () => {
			const items = prepareItems(sandbox);
			sandbox.injectRandomFaults(randomFaults());
			const tokens = expireEvery(sandbox);
			const started = Date.now();
			const { exitCode, execution } = await importAndRun(
				'cdekRelRandom0001',
				'e2e: 200 items, random faults',
				[manualTrigger()],
				RUN_OPERATIONS.map((op) => [
					...itemsOf(
						op,
						items.filter((item) => item.op === op),
					),
					cdekNode(`CDEK ${op}`, account, RUN_PARAMETERS[op], { onError: 'continueRegularOutput' }),
				]),
			);
			const wallMs = Date.now() - started;
			await drainFaults(sandbox);
			sandbox.clearFaults();
			sandbox.settlePending();

			expect(exitCode).toBe(0);
			const outputs = checkRunOutputs(items, (name) => outputOf(execution, name));
			// The wall time includes n8n's own start and stop (`n8n execute`). Requests CDEK processed after the node
			// stopped waiting have landed (drainFaults) and every pending one is decided.
			const run = figures(sandbox, sandbox.counters(), outputs, wallMs, tokens.expiries());
			printFigures(`real n8n, seed ${randomFaults().seed}, rate ${FAULT_RATE}`, run);
			expect(run.faultsInjected).toBeGreaterThan(40);
			expect(run.duplicateApplied).toEqual([]);
			expect(run.duplicateRegistered).toEqual([]);
			const succeeded = (op: Operation) =>
				outputOf(execution, `CDEK ${op}`).flatMap((item, index) =>
					typeof item.json.error === 'string' ? [] : [items.filter((i) => i.op === op)[index]],
				);
			const counters = sandbox.counters();
			const registered = (item: RunItem) => {
				const count = {
					createRefusal: counters.refusals,
					createClientReturn: counters.clientReturns,
					delete: counters.deletes,
					create: counters.creates,
				}[item.op][item.op === 'create' ? item.number : item.uuid];
				// Extras CDEK rejected (a request it processed after the node stopped waiting) are no duplicates.
				return count ? count.registered - count.rejected : 0;
			};
			expect(RUN_OPERATIONS.flatMap(succeeded).filter((item) => registered(item) !== 1)).toEqual(
				[],
			);
			// n8n's own proxy setting carried the node's requests, the token request included.
			const relayed = environmentProxy.requests.map((seen) => new URL(seen.url).pathname);
			expect(relayed.filter((path) => path.startsWith('/v2/orders')).length).toBe(run.apiRequests);
			expect(relayed).toContain('/v2/oauth/token');
		}),
	);

	it(
		"the credential's Proxy, with a password, carries every request of the node instead of n8n's proxy",
		withN8nLogs(logs, async () => {
			const { inTransit2 } = sandbox.seeds;
			const { exitCode, execution } = await importAndRun(
				'cdekRelOptionProxy',
				'e2e: credential proxy',
				[
					manualTrigger(),
					cdekNode('CDEK', proxied, { operation: 'createRefusal', orderUuid: inTransit2.uuid }),
				],
			);

			expect(exitCode).toBe(0);
			expect(outputOf(execution, 'CDEK')[0].json.entity).toEqual({ uuid: inTransit2.uuid });
			expect(
				optionProxy.requests.map(
					(seen) => `${seen.method} ${new URL(seen.url).pathname} ${seen.proxyUser}`,
				),
			).toEqual([
				`POST /v2/oauth/token cdek:${PROXY_PASSWORD}`,
				`GET /v2/orders/${inTransit2.uuid} cdek:${PROXY_PASSWORD}`,
				`POST /v2/orders/${inTransit2.uuid}/refusal cdek:${PROXY_PASSWORD}`,
			]);
			expect(environmentProxy.requests).toEqual([]);
		}),
	);

	it(
		'works with a ready access token (a sentinel for the scan below)',
		withN8nLogs(logs, async () => {
			// Issued now: the random run above expired every earlier token.
			const answer = await fetch(`${sandbox.rootUrl}/oauth/token`, {
				method: 'POST',
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: CLIENT,
					client_secret: SECRET,
				}),
			});
			accessToken = ((await answer.json()) as { access_token: string }).access_token;
			await n8n!.importCredentials([
				{
					...tokenCredential,
					type: 'cdekApi',
					data: { authentication: 'accessToken', accessToken, baseUrl: sandbox.rootUrl },
				},
			]);
			const { exitCode, execution } = await importAndRun('cdekRelAccessTok1', 'e2e: access token', [
				manualTrigger(),
				cdekNode('CDEK', tokenCredential, {
					operation: 'get',
					lookupBy: 'uuid',
					orderUuid: sandbox.seeds.delivered.uuid,
				}),
			]);
			expect(exitCode).toBe(0);
			expect(outputOf(execution, 'CDEK')[0].json.entity.uuid).toBe(sandbox.seeds.delivered.uuid);
		}),
	);

	it(
		'wrong keys: one token request, one error, nothing sent',
		withN8nLogs(logs, async () => {
			const orders = sandbox.addOrders(5, 'SENT_TO_RECIPIENT_CITY');
			const { exitCode, execution, stdout } = await importAndRun(
				'cdekRelWrongKeys1',
				'e2e: wrong keys',
				[
					manualTrigger(),
					...itemsOf(
						'wrong',
						orders.map((order) => ({ uuid: order.uuid })),
					),
					cdekNode('CDEK', wrongKeys, {
						operation: 'createRefusal',
						orderUuid: '={{ $json.uuid }}',
					}),
				],
			);
			expect(exitCode).toBe(1);
			expect(`${execution?.data?.resultData?.error?.message ?? ''} ${stdout}`).toMatch(
				/CDEK rejected the Account and Secure Password of the credential "[^"]+" \(invalid_client: Bad client credentials, HTTP 401\)/,
			);
			expect(sandbox.counters().tokenRequests).toBe(1);
			expect(sandbox.requestLog().filter((entry) => entry.path !== '/v2/oauth/token')).toEqual([]);
		}),
	);

	it(
		'wrong keys under "On Error → Continue (using error output)": every item goes to the error output',
		withN8nLogs(logs, async () => {
			const orders = sandbox.addOrders(3, 'SENT_TO_RECIPIENT_CITY');
			const { execution } = await importAndRun(
				'cdekRelWrongKeys2',
				'e2e: wrong keys, error output',
				[
					manualTrigger(),
					...itemsOf(
						'wrong2',
						orders.map((order) => ({ uuid: order.uuid })),
					),
					cdekNode(
						'CDEK',
						wrongKeys,
						{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
						{ onError: 'continueErrorOutput' },
					),
				],
			);
			expect(outputOf(execution, 'CDEK', 0)).toEqual([]);
			expect(outputOf(execution, 'CDEK', 1)).toHaveLength(3);
		}),
	);

	describe('Stop in the editor', () => {
		let server: N8nServer;
		beforeAll(async () => {
			server = await n8n!.start();
		});
		afterAll(async () => {
			await server?.stop();
		});

		it(
			'stops Wait for Verdict on a never-settling refusal at once, and no request follows',
			withN8nLogs(logs, async () => {
				sandbox.configure({ settleDelayMs: -1 });
				const { inTransit3 } = sandbox.seeds;
				const id = 'cdekRelStopPoll01';
				// An hour between polls: only Stop can end the execution within the test's time limit.
				await n8n!.importWorkflow(
					workflow(id, 'e2e: stop while polling', [
						manualTrigger(),
						cdekNode('CDEK', account, {
							operation: 'createRefusal',
							orderUuid: inTransit3.uuid,
							options: { waitForVerdict: true, pollInterval: 3600, waitTimeout: 7200 },
						}),
					]),
				);
				const started = await server.rest('POST', `/rest/workflows/${id}/run`, {
					triggerToStartFrom: { name: 'Start' },
				});
				const executionId = String(started.body?.data?.executionId);
				expect(executionId).toMatch(/^\d+$/);
				const polls = () =>
					sandbox
						.requestLog()
						.filter((entry) => entry.method === 'GET' && entry.path.endsWith(inTransit3.uuid))
						.length;
				// The read before the refusal, then the first poll for the verdict; the next is an hour away.
				await until('the first poll', () => (polls() === 2 ? true : undefined));
				expect(sandbox.counters().refusals[inTransit3.uuid]?.registered).toBe(1);

				const requestsAtStop = sandbox.requestLog().length;
				const stopped = await server.rest('POST', `/rest/executions/${executionId}/stop`);
				const status = await until('the execution to end', async () => {
					const now = String(
						(await server.rest('GET', `/rest/executions/${executionId}`)).body?.data?.status,
					);
					return now === 'running' || now === 'new' ? undefined : now;
				});

				expect(stopped.status).toBe(200);
				expect(status).toBe('canceled');
				expect(sandbox.requestLog().length - requestsAtStop).toBe(0);
			}),
		);
	});

	describe('the sentinel secrets in everything n8n printed, logged and stored', () => {
		const scanned = () => {
			const files = filesWritten(n8n!.userFolder).map((file) => ({
				file,
				text: readFileSync(file).toString('latin1'),
			}));
			return { printed: printed.join('\n'), files };
		};
		const hits = (secret: string | RegExp) => {
			const { printed: text, files } = scanned();
			const found = (content: string) =>
				typeof secret === 'string' ? content.includes(secret) : secret.test(content);
			return [
				...(found(text) ? ['n8n execute output'] : []),
				...files
					.filter(({ text: content }) => found(content))
					.map(({ file }) => file.replace(n8n!.userFolder, '')),
			];
		};

		it('scans raw output, the database and every log file n8n wrote', () => {
			const { printed: text, files } = scanned();
			expect(text.length).toBeGreaterThan(10000);
			const names = files.map(({ file }) => file.replace(n8n!.userFolder, ''));
			expect(names).toEqual(
				expect.arrayContaining(['/.n8n/database.sqlite', '/logs/n8n-start.log']),
			);
			// The server log is n8n's own stdout, not masked by the harness.
			expect(existsSync(join(n8n!.userFolder, 'logs', 'n8n-start.log'))).toBe(true);
		});

		it('no client secret, access token or issued token anywhere', () => {
			expect(hits(SECRET)).toEqual([]);
			expect(hits(accessToken)).toEqual([]);
			expect(hits(JWT)).toEqual([]);
		});

		it('no proxy password in what n8n printed or logged', () => {
			expect(
				hits(PROXY_PASSWORD).filter((where) => !where.startsWith('/.n8n/database.sqlite')),
			).toEqual([]);
		});

		it('no proxy password in the database (it is kept in the encrypted credential)', () => {
			const found = hits(PROXY_PASSWORD);
			process.stdout.write(`proxy password found in: ${found.join(', ')}\n`);
			expect(found).toEqual([]);
		});
	});
});
