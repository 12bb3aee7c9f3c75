/**
 * Proves the real-n8n harness (dev/n8n/index.ts) with a throwaway "harness probe" package whose node
 * calls an HTTP server running in this test process, and checks that our packed package loads in n8n.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	CDEK_CREDENTIAL_TYPE,
	CDEK_NODE_TYPE,
	createN8n,
	installPackage,
	type N8nInstance,
	type N8nServer,
	withN8nLogs,
} from '../../../dev/n8n';
import {
	PROBE_CREDENTIAL_TYPE,
	PROBE_NODE_TYPE,
	PROBE_REJECTION_REASON,
	probeWorkflow,
	writeProbePackage,
} from '../../../dev/n8n/probe-package';

// Hooks start n8n (10–30 s); the e2e project's testTimeout in jest.config.js does not reach hooks.
jest.setTimeout(300000);

const GOOD_KEY = 'probe-key-good-1234';
const WRONG_KEY = 'probe-key-wrong-5678';

interface ProbeApi {
	url: string;
	requests: Array<{ path: string; apiKey: string | undefined }>;
	close(): Promise<void>;
}

async function startProbeApi(): Promise<ProbeApi> {
	const requests: ProbeApi['requests'] = [];
	const server: Server = createServer((req, res) => {
		const apiKey = req.headers['x-api-key'] as string | undefined;
		requests.push({ path: req.url ?? '', apiKey });
		const accepted = apiKey === GOOD_KEY;
		res.writeHead(accepted ? 200 : 401, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify(accepted ? { ok: true, path: req.url } : { message: PROBE_REJECTION_REASON }),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

const goodCredential = { id: 'probeCredGood0001', name: 'Probe (good key)' };
const wrongCredential = { id: 'probeCredWrong001', name: 'Probe (wrong key)' };
const GOOD_WORKFLOW = 'probeWorkflowGood01';
const WRONG_WORKFLOW = 'probeWorkflowWrong1';

describe('real n8n harness', () => {
	let api: ProbeApi;
	let n8n: N8nInstance | undefined;

	beforeAll(async () => {
		api = await startProbeApi();
		n8n = await createN8n();
		writeProbePackage(n8n.userFolder);
		await installPackage(n8n.userFolder);
		await n8n.importCredentials([
			{
				...goodCredential,
				type: PROBE_CREDENTIAL_TYPE,
				data: { baseUrl: api.url, apiKey: GOOD_KEY },
			},
			{
				...wrongCredential,
				type: PROBE_CREDENTIAL_TYPE,
				data: { baseUrl: api.url, apiKey: WRONG_KEY },
			},
		]);
		await n8n.importWorkflows([
			probeWorkflow(GOOD_WORKFLOW, goodCredential),
			probeWorkflow(WRONG_WORKFLOW, wrongCredential),
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await api?.close();
	});

	it(
		'executes a workflow whose node calls a server in the test process, with the credential header',
		withN8nLogs(
			() => n8n,
			async () => {
				api.requests.length = 0;
				const result = await n8n!.execute(GOOD_WORKFLOW);

				expect(result.exitCode).toBe(0);
				expect(result.execution.status).toBe('success');
				const output = result.execution.data.resultData.runData.Probe[0].data.main[0];
				expect(output).toEqual([
					expect.objectContaining({ json: { response: { ok: true, path: '/data' } } }),
				]);
				expect(api.requests).toContainEqual({ path: '/data', apiKey: GOOD_KEY });
			},
		),
	);

	it(
		'returns exit code 1 and the failed execution with the server’s reason',
		withN8nLogs(
			() => n8n,
			async () => {
				const result = await n8n!.execute(WRONG_WORKFLOW);

				expect(result.exitCode).toBe(1);
				expect(result.execution.status).toBe('error');
				expect(result.execution.data.resultData.error.description).toBe(PROBE_REJECTION_REASON);
			},
		),
	);

	it(
		'updates a re-imported workflow in place instead of adding a copy',
		withN8nLogs(
			() => n8n,
			async () => {
				await n8n!.importWorkflow(
					probeWorkflow(GOOD_WORKFLOW, goodCredential, '/data?reimported=1'),
				);
				api.requests.length = 0;
				const result = await n8n!.execute(GOOD_WORKFLOW);

				expect(result.exitCode).toBe(0);
				expect(api.requests.map((request) => request.path)).toEqual(['/data?reimported=1']);
			},
		),
	);

	describe('n8n start', () => {
		let server: N8nServer | undefined;

		beforeAll(async () => {
			server = await n8n!.start();
		});

		afterAll(async () => {
			await server?.stop();
		});

		it(
			'accepts the owner login over REST and rejects a wrong password',
			withN8nLogs(
				() => n8n,
				async () => {
					const login = (password: string) =>
						fetch(`${server!.url}/rest/login`, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({ emailOrLdapLoginId: server!.owner.email, password }),
						});

					const accepted = await login(server!.owner.password);
					expect(accepted.status).toBe(200);
					expect(accepted.headers.getSetCookie().join(';')).toContain('n8n-auth=');
					expect((await login(`${server!.owner.password}-wrong`)).status).toBe(401);
				},
			),
		);

		it(
			'loads the packed n8n-nodes-cdek package and the probe package',
			withN8nLogs(
				() => n8n,
				async () => {
					const nodeTypes = await server!.nodeTypes();
					expect(nodeTypes).toEqual(expect.arrayContaining([CDEK_NODE_TYPE, PROBE_NODE_TYPE]));
					expect(await server!.credentialTypes()).toEqual(
						expect.arrayContaining([CDEK_CREDENTIAL_TYPE, PROBE_CREDENTIAL_TYPE]),
					);
				},
			),
		);

		it(
			'tests credentials like the editor: the right key passes, a wrong key fails',
			withN8nLogs(
				() => n8n,
				async () => {
					const type = PROBE_CREDENTIAL_TYPE;
					const passed = await server!.testCredential({
						...goodCredential,
						type,
						data: { baseUrl: api.url, apiKey: GOOD_KEY },
					});
					const failed = await server!.testCredential({
						...wrongCredential,
						type,
						data: { baseUrl: api.url, apiKey: WRONG_KEY },
					});

					expect(passed).toEqual({ status: 'OK', message: 'Connection successful!' });
					expect(failed.status).toBe('Error');
					expect(api.requests).toContainEqual({ path: '/auth-check', apiKey: WRONG_KEY });
				},
			),
		);

		it(
			'runs a workflow like the editor’s Execute button and returns its data',
			withN8nLogs(
				() => n8n,
				async () => {
					const execution = await server!.runWorkflow(GOOD_WORKFLOW);

					expect(execution.status).toBe('success');
					expect(execution.mode).toBe('manual');
					expect(execution.data.resultData.runData.Probe[0].data.main[0][0].json.response.ok).toBe(
						true,
					);
				},
			),
		);

		it(
			'leaves no n8n process behind when stopped',
			withN8nLogs(
				() => n8n,
				async () => {
					const { pid } = server!;
					await server!.stop();
					server = undefined;

					expect(() => process.kill(-pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
				},
			),
		);
	});
});
