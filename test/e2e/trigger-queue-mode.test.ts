/**
 * The CDEK Trigger (version 3) in n8n 2.41.1 queue mode: one main, one worker, a private Redis. Webhook calls are
 * answered by main (no `n8n webhook` process here), runs execute on the worker. Measured: a burst of events at
 * once, main and worker restarted, every event delivered again at once → no second run (README, "Queue mode").
 */
import { publishByCli } from '../../dev/n8n/n8n-cli';
import {
	type N8nWorker,
	queueModeEnv,
	type RedisServer,
	startRedis,
	startWorker,
} from '../../dev/n8n/queue-mode';
import { findFreePort } from '../../dev/util/ports';
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import { restData } from '../../dev/n8n/publication';
import { cdekSandboxCredential, cdekTriggerWorkflow } from '../../dev/n8n/workflows';
import { until } from '../../dev/util/until';

const BURST = 100;
const WORKFLOW_ID = 'cdekTrigQueue0001';
const WEBHOOK_ID = '7b2e0f63-4d5c-4a9f-8b4e-8e3d2c1b0aff';
const credential = { id: 'cdekTriggerQueueCred', name: 'CDEK queue trigger' };

describe('CDEK Trigger in queue mode: main answers webhooks, a worker runs them (real n8n, Redis)', () => {
	let sandbox: Sandbox;
	let redis: RedisServer | undefined;
	let n8n: N8nInstance | undefined;
	let main: N8nServer;
	let worker: N8nWorker | undefined;
	let port: number;
	const logs = () =>
		n8n && {
			...n8n,
			logs: (chars?: number) =>
				`${n8n!.logs(chars)}\n--- worker ---\n${worker?.log().slice(-(chars ?? 4000)) ?? '(not started)'}`,
		};

	async function executionCount(): Promise<number> {
		const query = async (filter: object) =>
			(
				restData(
					await main.rest(
						'GET',
						`/rest/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=1`,
					),
					'executions',
				) as { count: number }
			).count;
		if ((await query({ workflowId: WORKFLOW_ID, status: ['new', 'running', 'waiting'] })) > 0)
			return -1;
		return await query({ workflowId: WORKFLOW_ID });
	}

	beforeAll(async () => {
		sandbox = await startSandbox({
			settleDelayMs: 50,
			webhookRetry: { attempts: 12, intervalMs: 250, timeoutMs: 15000 },
		});
		redis = await startRedis();
		port = await findFreePort();
		n8n = await createN8n({
			withPackage: true,
			env: {
				...queueModeEnv(redis),
				WEBHOOK_URL: `http://127.0.0.1:${port}/`,
				DB_PING_TIMEOUT_MS: '60000',
			},
		});
		await n8n.importCredentials([cdekSandboxCredential(credential, sandbox)]);
		await n8n.importWorkflows([
			cdekTriggerWorkflow({
				id: WORKFLOW_ID,
				name: 'queue e2e: CDEK Trigger',
				webhookId: WEBHOOK_ID,
				parameters: { event: 'ORDER_STATUS' },
				typeVersion: 3,
				credential,
			}),
		]);
		await publishByCli(
			{ userFolder: n8n.userFolder, runtime: n8n.runtime, env: n8n.env },
			WORKFLOW_ID,
		);
		main = await n8n.start({ port });
		worker = await startWorker(n8n);
	});

	afterAll(async () => {
		await worker?.stop();
		await n8n?.dispose();
		await redis?.stop();
		await sandbox?.stop();
	});

	it(
		`${BURST} events at once start ${BURST} runs on the worker; after main and worker restart, all again: 0 second runs`,
		withN8nLogs(logs, async () => {
			await until(
				'the subscription main made on start',
				async () => {
					const list = (await (await fetch(`${sandbox.controlUrl}/webhooks`)).json()) as unknown[];
					return list.length > 0 ? list : undefined;
				},
				180000,
			);
			const orders = Array.from({ length: BURST }, () =>
				sandbox.addOrder({ status: 'SENT_TO_RECIPIENT_CITY' }),
			);
			const before = sandbox.webhookDeliveries().length;
			for (const order of orders) sandbox.setStatus(order.uuid, 'ACCEPTED_IN_RECIPIENT_CITY');
			const deliveries = await until(
				`${BURST} answered deliveries`,
				() => {
					const fresh = sandbox.webhookDeliveries().slice(before);
					return fresh.length >= BURST && fresh.every((d) => d.state !== 'pending')
						? fresh
						: undefined;
				},
				300000,
			);
			expect(deliveries.filter((d) => d.attempts.at(-1)?.status !== 200)).toEqual([]);
			await until(
				`${BURST} finished runs`,
				async () => ((await executionCount()) >= BURST ? true : undefined),
				300000,
			);
			const firstRound = await executionCount();

			await worker!.stop();
			await main.stop();
			main = await n8n!.start({ port });
			worker = await startWorker(n8n!);
			const url = `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/webhook`;
			const answers = await Promise.all(
				deliveries.map(async (d) => {
					const response = await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(d.payload),
					});
					return (await response.json()) as { started?: boolean };
				}),
			);
			const secondRuns = (await executionCount()) - firstRound;
			console.log(
				`queue mode (main + worker): ${BURST} events at once → ${firstRound} runs; restarted, all again → ${secondRuns} second runs, ${answers.filter((a) => a.started).length} answers started`,
			);
			expect(firstRound).toBe(BURST);
			expect(answers.filter((answer) => answer.started)).toEqual([]);
			expect(secondRuns).toBe(0);
		}),
	);
});
