/**
 * Timeouts apply to each request, not to the item; a cancelled execution (n8n's Stop) ends the node at
 * once: while it polls for a verdict, waits to retry, or waits for an answer, and sends nothing after.
 *
 * No wall-clock bound: what the node waits on (a poll interval of an hour, a Retry-After of 120 s, an answer
 * held until the test releases it) lasts longer than the test's time limit, so only a node that honours
 * Stop can end the run, and the run ending is the proof.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FaultSpec, Sandbox } from '../../../dev/sandbox';
import { runWorkflow } from '../../../dev/n8n-core/runner';
import { accountCredential, cdekNode, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import type { CredentialStore } from '../../../dev/n8n-core/credentials';
import { withSandbox } from '../../../dev/reliability/support';
import { until } from '../../../dev/util/until';

/** A hang guard shorter than every wait under test (one hour, 120 s): a node that waits one out fails. */
const STOP_GUARD_MS = 60_000;

/** Credentials holding a token already: a short Timeout then bounds only the requests under test. */
async function withToken(sandbox: Sandbox): Promise<CredentialStore> {
	const credentials = accountCredential(sandbox);
	await runCdek(
		{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox.seeds.created.uuid },
		{ credentials },
	);
	sandbox.clearLog();
	return credentials;
}

const apiRequests = (sandbox: Sandbox) =>
	sandbox.requestLog().filter((entry) => entry.path !== '/v2/oauth/token').length;

/**
 * Runs the node and cancels it once the sandbox has answered `afterRequests` API requests, a moment later
 * (aimed at the wait that follows; stopping sooner or later must end the same way). Counts what the sandbox
 * received after the stop, when the run has ended.
 */
async function cancelAfter(
	sandbox: Sandbox,
	parameters: INodeParameters,
	afterRequests: number,
	{ input = [{}], fault }: { input?: IDataObject[]; fault?: FaultSpec } = {},
) {
	const credentials = await withToken(sandbox);
	if (fault) sandbox.injectFault(fault);
	const stop = new AbortController();
	let requestsWhenStopped: number | undefined;
	sandbox.configure({
		log: (line) => {
			if (line.includes('/oauth/token') || apiRequests(sandbox) !== afterRequests) return;
			setTimeout(() => {
				requestsWhenStopped = apiRequests(sandbox);
				stop.abort();
			}, 100);
		},
	});
	const result = await runWorkflow({
		nodes: [cdekNode(parameters)],
		input,
		credentials,
		signal: stop.signal,
	});
	return {
		result,
		stopped: requestsWhenStopped !== undefined,
		requestsAfterStop: apiRequests(sandbox) - (requestsWhenStopped ?? 0),
	};
}

describe('timeouts apply to each request (n8n-core, sandbox)', () => {
	it('an item polling for longer than the Timeout succeeds: each request has its own', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const { inTransit } = sandbox.seeds;
			const timeout = 5000;
			const pollInterval = 0.5;
			// Settled on the poll after 12 pauses of 0.5 s: the item takes at least 6 s, longer than its Timeout.
			const pollsBeforeVerdict = 12;
			let polls = 0;
			sandbox.configure({
				log: (line) => {
					if (
						line.startsWith(`GET /v2/orders/${inTransit.uuid}`) &&
						sandbox.counters().refusals[inTransit.uuid]
					)
						if (++polls === pollsBeforeVerdict) sandbox.settlePending();
				},
			});
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: inTransit.uuid,
					options: { timeout, retries: 0, waitForVerdict: true, pollInterval, waitTimeout: 600 },
				},
				{ credentials: await withToken(sandbox) },
			);

			expect(result.error).toBeUndefined();
			expect(result.output('CDEK')[0].json).toMatchObject({ result: { state: 'SUCCESSFUL' } });
			expect(polls).toBe(pollsBeforeVerdict + 1);
		});
	});

	it('one answer past the timeout fails that request, named with the timeout', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const { inTransit } = sandbox.seeds;
			const credentials = await withToken(sandbox);
			// Held until the test ends: no answer can come within any Timeout.
			sandbox.injectFault({ kind: 'hold', path: `/v2/orders/${inTransit.uuid}`, method: 'GET' });
			const result = await runCdek(
				{
					operation: 'createRefusal',
					orderUuid: inTransit.uuid,
					options: { timeout: 500, retries: 0 },
				},
				{ credentials },
			);

			expect(result.error?.message).toBe('CDEK did not answer within 500 ms [item 1]');
			expect(sandbox.heldRequests()).toHaveLength(1);
			expect(sandbox.counters().refusals).toEqual({});
		});
	});
});

describe('a cancelled execution stops at once and sends nothing more (n8n-core, sandbox)', () => {
	it.each<[string, (sandbox: Sandbox) => INodeParameters, number, FaultSpec?]>([
		[
			'while polling for the verdict of a never-settling refusal (an hour between polls)',
			(sandbox) => ({
				operation: 'createRefusal',
				orderUuid: sandbox.seeds.inTransit.uuid,
				options: { waitForVerdict: true, pollInterval: 3600, waitTimeout: 7200 },
			}),
			// The order read, the refusal and the first poll; then the node waits an hour for the next.
			3,
			undefined,
		],
		[
			'while waiting 120 s to retry after a 429 with Retry-After',
			(sandbox) => ({
				operation: 'get',
				lookupBy: 'uuid',
				orderUuid: sandbox.seeds.delivered.uuid,
			}),
			1,
			{ kind: 'status', status: 429, retryAfterSeconds: 120, path: '/v2/orders/' },
		],
	])(
		'%s',
		async (_name, parameters, afterRequests, fault) => {
			await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
				const stop = await cancelAfter(sandbox, parameters(sandbox), afterRequests, { fault });

				expect(stop.stopped).toBe(true);
				expect(stop.result.status).toBe('error');
				expect(stop.requestsAfterStop).toBe(0);
			});
		},
		STOP_GUARD_MS,
	);

	it(
		'while waiting for an answer CDEK never gives',
		async () => {
			await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
				const credentials = await withToken(sandbox);
				sandbox.injectFault({ kind: 'hold', path: '/v2/orders/' });
				const stop = new AbortController();
				const running = runWorkflow({
					nodes: [
						cdekNode({
							operation: 'get',
							lookupBy: 'uuid',
							orderUuid: sandbox.seeds.delivered.uuid,
						}),
					],
					credentials,
					signal: stop.signal,
				});
				await until('the read to be held', () => sandbox.heldRequests()[0]);
				stop.abort();
				const result = await running;

				// The run ended while its request was still held: nothing but Stop could end it.
				expect(result.status).toBe('error');
				expect(sandbox.requestLog()).toEqual([]);
				await until('the node to close its connection', () =>
					sandbox.heldRequests()[0]?.clientGone ? true : undefined,
				);
				expect(sandbox.heldRequests()).toHaveLength(1);
			});
		},
		STOP_GUARD_MS,
	);

	it(
		'10 items polling at once all stop',
		async () => {
			await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
				const input = sandbox
					.addOrders(10, 'SENT_TO_RECIPIENT_CITY')
					.map((order) => ({ uuid: order.uuid }));
				const parameters = {
					operation: 'createRefusal',
					orderUuid: '={{ $json.uuid }}',
					options: { waitForVerdict: true, pollInterval: 3600, waitTimeout: 7200 },
				};
				// Each item reads, refuses and polls once, then waits an hour: 30 requests, all items waiting.
				const stop = await cancelAfter(sandbox, parameters, 30, { input });

				expect(stop.stopped).toBe(true);
				expect(stop.requestsAfterStop).toBe(0);
				expect(Object.values(sandbox.counters().refusals).map((count) => count.registered)).toEqual(
					input.map(() => 1),
				);
			});
		},
		STOP_GUARD_MS,
	);
});
