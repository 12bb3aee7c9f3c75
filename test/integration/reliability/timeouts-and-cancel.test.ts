/**
 * Timeouts apply to each request, not to the item; a cancelled execution (n8n's Stop) ends the node at
 * once: while it polls for a verdict, waits to retry, or waits for an answer, and sends nothing after.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FaultSpec, Sandbox } from '../../../dev/sandbox';
import { runWorkflow } from '../../../dev/n8n-core/runner';
import { accountCredential, cdekNode, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import { withSandbox } from '../../../dev/reliability/support';

/** n8n's "Stop" cancels the execution; the node has this long to end (pauses are cut into 250 ms slices). */
const STOPS_WITHIN_MS = 1000;

/** Runs the node, cancels once the sandbox has answered `afterRequests` API requests, and times the stop. */
async function cancelDuring(
	sandbox: Sandbox,
	parameters: INodeParameters,
	afterRequests: number,
	input = [{}],
) {
	const stop = new AbortController();
	let answered = 0;
	let stoppedAt = 0;
	let requestsWhenStopped = 0;
	sandbox.configure({
		log: (line) => {
			if (line.includes('/oauth/token') || ++answered !== afterRequests) return;
			// Stop a moment later, once the node is waiting (for the next poll, retry or answer).
			setTimeout(() => {
				requestsWhenStopped = sandbox.requestLog().length;
				stoppedAt = Date.now();
				stop.abort();
			}, 100);
		},
	});
	const result = await runWorkflow({
		nodes: [cdekNode(parameters)],
		input,
		credentials: accountCredential(sandbox),
		signal: stop.signal,
	});
	const endedAfterMs = Date.now() - stoppedAt;
	// Anything the node would still send after a stop would show up within the next poll interval (0.5 s).
	await new Promise((resolve) => setTimeout(resolve, 700));
	return {
		result,
		endedAfterMs,
		stopped: stoppedAt > 0,
		requestsAfterStop: sandbox.requestLog().length - requestsWhenStopped,
	};
}

describe('timeouts apply to each request (n8n-core, sandbox)', () => {
	it('each answer takes 60 % of the timeout: the item succeeds, though it takes longer than the timeout', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const { inTransit } = sandbox.seeds;
			sandbox.injectFault({ kind: 'delay', delayMs: 1200, path: '/v2/orders/', count: -1 });
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: inTransit.uuid,
					options: { timeout: 2000, retries: 0 },
				},
				{ credentials: accountCredential(sandbox) },
			);

			expect(result.output('CDEK')[0].json.requests).toEqual([
				expect.objectContaining({ type: 'CREATE_REFUSAL' }),
			]);
			expect(sandbox.requestLog().filter((entry) => entry.fault === 'delay')).toHaveLength(2);
		});
	});

	it('one answer past the timeout fails that request, named with the timeout', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const { inTransit } = sandbox.seeds;
			sandbox.injectFault({
				kind: 'delay',
				delayMs: 1500,
				path: `/v2/orders/${inTransit.uuid}`,
				method: 'GET',
			});
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: inTransit.uuid,
					options: { timeout: 500, retries: 0 },
				},
				{ credentials: accountCredential(sandbox) },
			);

			expect(result.error?.message).toBe('CDEK did not answer within 500 ms [item 0]');
			expect(sandbox.counters().refusals).toEqual({});
		});
	});
});

describe('a cancelled execution stops at once and sends nothing more (n8n-core, sandbox)', () => {
	it.each<
		[
			string,
			(sandbox: Sandbox) => {
				parameters: INodeParameters;
				fault?: FaultSpec;
				afterRequests: number;
			},
		]
	>([
		[
			'while polling for the verdict of a never-settling refusal',
			(sandbox) => ({
				parameters: {
					operation: 'createRefusal',
					orderUuid: sandbox.seeds.inTransit.uuid,
					options: { waitForVerdict: true, pollInterval: 0.5, waitTimeout: 60 },
				},
				afterRequests: 4,
			}),
		],
		[
			'while waiting 30 s to retry after a 429 with Retry-After',
			(sandbox) => ({
				parameters: { operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.delivered.uuid },
				fault: { kind: 'status', status: 429, retryAfterSeconds: 30, path: '/v2/orders/' },
				afterRequests: 1,
			}),
		],
		[
			'while waiting for an answer that takes 10 s',
			(sandbox) => ({
				parameters: { operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.delivered.uuid },
				fault: { kind: 'delay', delayMs: 10000, path: '/v2/orders/' },
				afterRequests: 0,
			}),
		],
	])('%s', async (_name, setUp) => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const { parameters, fault, afterRequests } = setUp(sandbox);
			if (fault) sandbox.injectFault(fault);
			const stop =
				afterRequests === 0
					? await cancelWhileInFlight(sandbox, parameters)
					: await cancelDuring(sandbox, parameters, afterRequests);

			if (process.env.RELIABILITY_REPORT === '1')
				process.stdout.write(`${_name}: ended ${stop.endedAfterMs} ms after the stop\n`);
			expect(stop.stopped).toBe(true);
			expect(stop.result.status).toBe('error');
			expect(stop.endedAfterMs).toBeLessThan(STOPS_WITHIN_MS);
			expect(stop.requestsAfterStop).toBe(0);
		});
	});

	it('10 items polling at once all stop', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const input = sandbox
				.addOrders(10, 'SENT_TO_RECIPIENT_CITY')
				.map((order) => ({ uuid: order.uuid }));
			const parameters = {
				operation: 'createRefusal',
				orderUuid: '={{ $json.uuid }}',
				options: { waitForVerdict: true, pollInterval: 0.5, waitTimeout: 60 },
			};
			const stop = await cancelDuring(sandbox, parameters, 35, input);

			expect(stop.endedAfterMs).toBeLessThan(STOPS_WITHIN_MS);
			expect(stop.requestsAfterStop).toBe(0);
			expect(Object.values(sandbox.counters().refusals).map((count) => count.registered)).toEqual(
				input.map(() => 1),
			);
		});
	});
});

/** Cancels while the first API request is still waiting for its (delayed) answer. */
async function cancelWhileInFlight(sandbox: Sandbox, parameters: INodeParameters) {
	const stop = new AbortController();
	let stoppedAt = 0;
	const running = runWorkflow({
		nodes: [cdekNode(parameters)],
		credentials: accountCredential(sandbox),
		signal: stop.signal,
	});
	// The token request is answered at once; the API request is held for 10 s.
	while (sandbox.counters().requestsByRoute[`GET /v2/orders/{uuid}`] === undefined)
		await new Promise((resolve) => setTimeout(resolve, 20));
	await new Promise((resolve) => setTimeout(resolve, 200));
	stoppedAt = Date.now();
	stop.abort();
	const result = await running;
	const endedAfterMs = Date.now() - stoppedAt;
	const arrived = sandbox.counters().requestsByRoute[`GET /v2/orders/{uuid}`];
	await new Promise((resolve) => setTimeout(resolve, 700));
	return {
		result,
		endedAfterMs,
		stopped: true,
		requestsAfterStop: sandbox.counters().requestsByRoute[`GET /v2/orders/{uuid}`] - arrived,
	};
}
