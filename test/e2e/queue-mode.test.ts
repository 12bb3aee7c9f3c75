/**
 * Scale-out: n8n 2.41.1 in queue mode (one main, one worker, a private Redis) runs the refusal workflow on
 * the worker, and the CDEK token that one process fetched is reused by the other, through the credential n8n
 * persists in the shared database (the hidden expirable `sessionToken`).
 */
import { publishByCli } from '../../dev/n8n/n8n-cli';
import {
	type N8nWorker,
	queueModeEnv,
	type RedisServer,
	startRedis,
	startWorker,
} from '../../dev/n8n/queue-mode';
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import {
	cdekNode,
	itemsNodes,
	manualTrigger,
	outputOf,
	workflow,
	type WorkflowNode,
} from '../../dev/n8n/workflows';

const SECRET = 'QUEUE-E2E-SECRET-51d0';
const account = { id: 'cdekQueueAccount', name: 'CDEK queue e2e' };
const WEBHOOK_PATH = 'cdek-queue-refusals';
const ON_WORKER = 'cdekQueueWebhook01';
const ON_MAIN = 'cdekQueueManual001';
const IN_TRANSIT = 'SENT_TO_RECIPIENT_CITY';

/** Production trigger: main queues the execution, a worker runs it, main answers with the last node's items. */
function webhookTrigger(): WorkflowNode & { webhookId: string } {
	return {
		name: 'Refusals requested',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 300],
		parameters: {
			httpMethod: 'POST',
			path: WEBHOOK_PATH,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
		webhookId: 'c1d2e3f4-0000-4000-8000-00000000a001',
	};
}

function splitOrders(): WorkflowNode {
	return {
		name: 'One per order',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [220, 300],
		parameters: { fieldToSplitOut: 'body.orders', options: {} },
	};
}

describe('queue mode: main + worker (real n8n, Redis)', () => {
	let sandbox: Sandbox;
	let redis: RedisServer | undefined;
	let n8n: N8nInstance | undefined;
	let main: N8nServer | undefined;
	let worker: N8nWorker | undefined;
	const logs = () =>
		n8n && {
			...n8n,
			logs: (chars?: number) =>
				`${n8n!.logs(chars)}\n--- worker ---\n${worker?.log().slice(-(chars ?? 4000)) ?? '(not started)'}`,
		};

	const refusalsRegistered = () =>
		Object.values(sandbox.counters().refusals).reduce((sum, entry) => sum + entry.registered, 0);

	const postToWebhook = async (uuids: string[]) => {
		const response = await fetch(`${main!.url}/webhook/${WEBHOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ orders: uuids.map((uuid) => ({ uuid })) }),
			signal: AbortSignal.timeout(120000),
		});
		return {
			status: response.status,
			body: (await response.json()) as Array<{ entity?: { uuid: string } }>,
		};
	};

	const executionIds = async (workflowId: string): Promise<string[]> => {
		const response = await main!.rest(
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		return ((response.body?.data?.results ?? []) as Array<{ id: string }>).map((execution) =>
			String(execution.id),
		);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({
			settleDelayMs: 100,
			clients: [{ clientId: 'queue-account', clientSecret: SECRET }],
		});
		redis = await startRedis();
		n8n = await createN8n({ withPackage: true, env: queueModeEnv(redis) });
		await n8n.importCredentials([
			{
				...account,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: 'queue-account',
					clientSecret: SECRET,
					baseUrl: sandbox.rootUrl,
				},
			},
		]);
		const refusal = () =>
			cdekNode('CDEK', account, { operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' });
		await n8n.importWorkflows([
			workflow(ON_WORKER, 'queue e2e: refusals on the worker', [
				webhookTrigger(),
				splitOrders(),
				refusal(),
			]),
		]);
		// A published workflow's webhook is registered when main starts.
		await publishByCli(
			{ userFolder: n8n.userFolder, runtime: n8n.runtime, env: n8n.env },
			ON_WORKER,
		);
		main = await n8n.start();
		worker = await startWorker(n8n);
	});

	afterAll(async () => {
		await worker?.stop();
		await n8n?.dispose();
		await redis?.stop();
		await sandbox?.stop();
	});

	it(
		"runs the refusal workflow on the worker and answers with CDEK's bodies, one token request for the run",
		withN8nLogs(logs, async () => {
			const uuids = sandbox.addOrders(12, IN_TRANSIT).map((order) => order.uuid);
			const { status, body } = await postToWebhook(uuids);

			expect(status).toBe(200);
			expect(body.map((item) => item.entity?.uuid)).toEqual(uuids);
			expect(refusalsRegistered()).toBe(12);
			expect(sandbox.counters().tokenRequests).toBe(1);
			const [executionId] = await executionIds(ON_WORKER);
			expect(executionId).toBeDefined();
			expect(worker!.log()).toContain(`Worker started execution ${executionId} `);
			expect(worker!.log()).toContain(`Worker finished execution ${executionId} `);
		}),
	);

	it(
		'shares the token between the processes: main reuses the one the worker fetched, the worker reuses the one main renewed',
		withN8nLogs(logs, async () => {
			expect(sandbox.counters().tokenRequests).toBe(1);
			const runOnMain = async (count: number) => {
				const uuids = sandbox.addOrders(count, IN_TRANSIT).map((order) => order.uuid);
				await n8n!.importWorkflows([
					workflow(ON_MAIN, 'queue e2e: refusals on main', [
						manualTrigger(),
						...itemsNodes(uuids.map((uuid) => ({ uuid }))),
						cdekNode('CDEK', account, {
							operation: 'createRefusal',
							orderUuid: '={{ $json.uuid }}',
						}),
					]),
				]);
				// The editor's "Execute workflow": a manual execution, which queue mode keeps on main.
				const execution = await main!.runWorkflow(ON_MAIN);
				expect(execution.status).toBe('success');
				expect(String(execution.id)).toMatch(/^\d+$/);
				expect(worker!.log()).not.toContain(`Worker started execution ${execution.id} `);
				expect(outputOf(execution, 'CDEK').map((item) => item.json.entity.uuid)).toEqual(uuids);
			};

			await runOnMain(3);
			expect(sandbox.counters().tokenRequests).toBe(1);

			// CDEK expires the stored token: main renews it once and stores the new one…
			sandbox.expireTokens();
			await runOnMain(2);
			expect(sandbox.counters().tokenRequests).toBe(2);

			// …and the worker's next run uses that one instead of fetching its own.
			const uuids = sandbox.addOrders(4, IN_TRANSIT).map((order) => order.uuid);
			const { body } = await postToWebhook(uuids);
			expect(body.map((item) => item.entity?.uuid)).toEqual(uuids);
			expect(refusalsRegistered()).toBe(12 + 3 + 2 + 4);
			expect(sandbox.counters().tokenRequests).toBe(2);
		}),
	);
});
