/**
 * Security in real n8n 2.41.1 (packed package) against the sandbox, behind a hostile relay: redirects
 * from the token endpoint, the API and the credential's Test never carry a secret to the other origin;
 * Stop ends an execution whose token request never answers, and the next execution for the account is
 * not held by it; two credentials of one account never share a token; and the credential's Test checks
 * the fields as they are after an edit, not the token stored before it.
 */
import { CREDENTIAL_BLANKING_VALUE } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { bindToken, sessionFingerprint } from '../../credentials/common/session-token';
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import { testCredential } from '../../dev/n8n/n8n-rest';
import { cdekNode, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';
import { startHostileRelay, startRecorder } from '../../dev/proxies/hostile-relay';
import type {
	HostileRelay,
	Hostility,
	Recorder,
	SeenRequest,
} from '../../dev/proxies/hostile-relay';
import { until } from '../../dev/util/until';

const CLIENT = 'e2e-security';
const SECRET = 'E2E-SEC-SECRET-SENTINEL-93b1';
const TOKEN_PATH = '/v2/oauth/token';
/** The node names the credential it used; the credential's own Test does not. */
const WRONG_KEYS =
	/CDEK rejected the Account and Secure Password (of the credential "[^"]+" )?\(invalid_client: Bad client credentials, HTTP 401\)/;
const relayed = { id: 'cdekSecRelayed001', name: 'CDEK security (behind the relay)' };
/** Behind the relay too, and used by the Stop test alone: it has no token yet, so its first run asks. */
const fresh = { id: 'cdekSecFreshTok01', name: 'CDEK security (no token yet)' };
const right = { id: 'cdekSecRightKeys1', name: 'CDEK security (right keys)' };
const wrong = { id: 'cdekSecWrongKeys1', name: 'CDEK security (wrong keys)' };

describe('security in real n8n (sandbox behind a hostile relay)', () => {
	let sandbox: Sandbox;
	let relay: HostileRelay;
	let recorder: Recorder;
	let hostile: (seen: SeenRequest) => Hostility | undefined = () => undefined;
	let n8n: N8nInstance | undefined;
	let server: N8nServer;
	const logs = () => n8n;
	const account = (clientSecret: string, baseUrl: string): ICredentialDataDecryptedObject => ({
		authentication: 'clientCredentials',
		clientId: CLIENT,
		clientSecret,
		baseUrl,
	});
	const getOrder = (id: string, credential: { id: string; name: string }, options = {}) =>
		workflow(id, `e2e: ${id}`, [
			manualTrigger(),
			cdekNode('CDEK', credential, {
				operation: 'get',
				lookupBy: 'uuid',
				orderUuid: sandbox.seeds.delivered.uuid,
				options,
			}),
		]);
	const tokenRequests = () => relay.requests.filter((seen) => seen.url === TOKEN_PATH).length;

	beforeAll(async () => {
		sandbox = await startSandbox({
			settleDelayMs: 100,
			clients: [{ clientId: CLIENT, clientSecret: SECRET }],
		});
		relay = await startHostileRelay(sandbox.url, (seen) => hostile(seen));
		recorder = await startRecorder();
		n8n = await createN8n({ withPackage: true });
		const wrongData = account(`${SECRET}-wrong`, sandbox.rootUrl);
		await n8n.importCredentials([
			{ ...relayed, type: 'cdekApi', data: account(SECRET, relay.rootUrl) },
			{ ...fresh, type: 'cdekApi', data: account(SECRET, relay.rootUrl) },
			{ ...right, type: 'cdekApi', data: account(SECRET, sandbox.rootUrl) },
			{
				...wrong,
				type: 'cdekApi',
				// It once had a token (long expired) for these very fields.
				data: {
					...wrongData,
					sessionToken: bindToken(sessionFingerprint(wrongData) ?? '', 'eyJold.expired.token'),
				},
			},
		]);
		server = await n8n.start();
	});

	afterAll(async () => {
		await server?.stop();
		await n8n?.dispose();
		await relay?.close();
		await recorder?.close();
		await sandbox?.stop();
	});

	beforeEach(() => {
		sandbox.reset();
		hostile = () => undefined;
		relay.requests.length = 0;
		relay.answers.length = 0;
	});

	afterEach(() => {
		// Nothing, secret or not, ever reached the other origin.
		expect(recorder.requests).toEqual([]);
	});

	it(
		'a redirect from the token endpoint or the API: a clear error naming the target, nothing sent there',
		withN8nLogs(logs, async () => {
			await n8n!.importWorkflow(getOrder('cdekSecRedirect01', relayed));
			for (const [status, path] of [
				[307, TOKEN_PATH],
				[308, TOKEN_PATH],
				[302, `/v2/orders/${sandbox.seeds.delivered.uuid}`],
				[307, `/v2/orders/${sandbox.seeds.delivered.uuid}`],
			] as const) {
				hostile = (seen) =>
					seen.url === path
						? { kind: 'redirect', status, location: `${recorder.url}${seen.url}` }
						: undefined;
				const execution = await server.runWorkflow('cdekSecRedirect01');
				expect(execution.status).toBe('error');
				expect(String(execution.data.resultData.error.message)).toContain(
					`redirect (HTTP ${status}) to ${recorder.url}`,
				);
			}
			expect(relay.answers.map((answer) => answer.hostility)).toEqual([
				'redirect',
				'redirect',
				'redirect',
				'redirect',
			]);
		}),
	);

	it(
		"the credential's Test, redirected at the token endpoint or at its own request: an error, nothing sent there",
		withN8nLogs(logs, async () => {
			for (const status of [301, 302, 303, 307, 308]) {
				for (const path of [TOKEN_PATH, '/v2/webhooks']) {
					hostile = (seen) =>
						seen.url === path
							? { kind: 'redirect', status, location: `${recorder.url}${seen.url}` }
							: undefined;
					const result = await testCredential(server.rest, {
						...relayed,
						type: 'cdekApi',
						data: account(SECRET, relay.rootUrl),
					});
					expect(result.status).toBe('Error');
					expect(result.message).toContain(`redirect (HTTP ${status})`);
					if (path === TOKEN_PATH) expect(result.message).toContain(`to ${recorder.url}`);
				}
			}
		}),
	);

	it(
		'Stop ends an execution whose token request never answers, and the next execution is not held by it',
		withN8nLogs(logs, async () => {
			let hung = false;
			hostile = (seen) => {
				if (seen.url !== TOKEN_PATH || hung) return undefined;
				hung = true;
				return { kind: 'hang' };
			};
			await n8n!.importWorkflow(getOrder('cdekSecHungToken1', fresh, { timeout: 600000 }));
			const started = await server.rest('POST', '/rest/workflows/cdekSecHungToken1/run', {
				triggerToStartFrom: { name: 'Start' },
			});
			const executionId = String(started.body?.data?.executionId);
			await until('the token request to reach the relay', () => tokenRequests() || undefined);

			const stopped = await server.rest('POST', `/rest/executions/${executionId}/stop`);
			expect(stopped.status).toBe(200);
			const status = await until('the execution to end', async () => {
				const current = String(
					(await server.rest('GET', `/rest/executions/${executionId}`)).body?.data?.status,
				);
				return current === 'running' || current === 'new' ? undefined : current;
			});
			expect(status).toBe('canceled');
			// n8n gave the token request up: the relay saw the connection close.
			await until('the client to leave', () => relay.answers[0]?.clientLeft || undefined);

			const next = await server.runWorkflow('cdekSecHungToken1');
			expect(next.status).toBe('success');
			expect(outputOf(next, 'CDEK')[0].json.entity.uuid).toBe(sandbox.seeds.delivered.uuid);
			expect(tokenRequests()).toBe(2);
		}),
	);

	it(
		'two credentials for one account, in one execution and in two at once: the wrong one never gets a token',
		withN8nLogs(logs, async () => {
			const both = workflow('cdekSecTwoCreds01', 'e2e: two credentials', [
				manualTrigger(),
				cdekNode(
					'Right keys',
					right,
					{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.delivered.uuid },
					{ onError: 'continueRegularOutput' },
				),
				cdekNode(
					'Wrong keys',
					wrong,
					{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.delivered.uuid },
					{ onError: 'continueRegularOutput' },
				),
			]);
			await n8n!.importWorkflows([
				both,
				getOrder('cdekSecRightOnly1', right),
				getOrder('cdekSecWrongOnly1', wrong),
			]);

			const one = await server.runWorkflow('cdekSecTwoCreds01');
			expect(outputOf(one, 'Right keys')[0].json.entity.uuid).toBe(sandbox.seeds.delivered.uuid);
			expect(String(outputOf(one, 'Wrong keys')[0].json.error)).toMatch(WRONG_KEYS);

			const [rightRun, wrongRun] = await Promise.all([
				server.runWorkflow('cdekSecRightOnly1'),
				server.runWorkflow('cdekSecWrongOnly1'),
			]);
			expect(rightRun.status).toBe('success');
			expect(wrongRun.status).toBe('error');
			expect(String(wrongRun.data.resultData.error.message)).toMatch(WRONG_KEYS);
		}),
	);

	it(
		"the credential's Test after an edit to a wrong Secure Password fails with CDEK's reason",
		withN8nLogs(logs, async () => {
			await n8n!.importWorkflow(getOrder('cdekSecStoredTok1', right));
			// A run stores a token in the credential, as any first use does.
			expect((await server.runWorkflow('cdekSecStoredTok1')).status).toBe('success');
			const opened = await server.rest('GET', `/rest/credentials/${right.id}?includeData=true`);
			const form = opened.body?.data?.data as ICredentialDataDecryptedObject;
			// The editor shows stored secrets blanked and sends them back so; n8n fills in what is stored.
			expect(form.sessionToken).toBe(CREDENTIAL_BLANKING_VALUE);

			const edited = await testCredential(server.rest, {
				...right,
				type: 'cdekApi',
				data: { ...form, clientSecret: 'edited-to-a-wrong-one' },
			});
			expect(edited.status).toBe('Error');
			expect(edited.message).toMatch(WRONG_KEYS);

			const unchanged = await testCredential(server.rest, {
				...right,
				type: 'cdekApi',
				data: form,
			});
			expect(unchanged.status).toBe('OK');
		}),
	);
});
