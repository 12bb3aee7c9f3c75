/**
 * Tokens under stress: expiry in the middle of a run (sequential and concurrent items: one renewal, no
 * failed item), a token endpoint that fails for a moment, a token refused again right after its renewal,
 * and wrong keys, which must stop early with one clear error and one token request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../../../dev/n8n-core/runner';
import { fixtureNodeTypes } from '../../../dev/n8n-core/fixtures';
import type { Sandbox } from '../../../dev/sandbox';
import { accountCredential, apiCalls, cdekNode, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import { withSandbox } from '../../../dev/reliability/support';

const refuseEach = (options: INodeParameters = {}): INodeParameters => ({
	operation: 'createRefusal',
	orderUuid: '={{ $json.uuid }}',
	options,
});
const oneAtATime = { batching: { batch: { batchSize: 100, concurrency: 1, batchInterval: 0 } } };
const WRONG_KEYS =
	'CDEK rejected the Account and Secure Password of the credential "CDEK Sandbox" (invalid_client: Bad client credentials, HTTP 401). Check the Account (Client ID) and Secure Password (Client Secret) against CDEK\'s cabinet, lk.cdek.ru → Integration ("Интеграция"), and that "Use Test API" matches the keys (test keys only work on api.edu.cdek.ru).';

/** Expires every issued token once the sandbox has answered `requests` API requests. */
function expireAfter(sandbox: Sandbox, requests: number): void {
	let answered = 0;
	sandbox.configure({
		log: (line) => {
			if (!line.includes('/oauth/token') && ++answered === requests) sandbox.expireTokens();
		},
	});
}

function inTransitOrders(sandbox: Sandbox, count: number) {
	return sandbox.addOrders(count, 'SENT_TO_RECIPIENT_CITY').map((order) => ({ uuid: order.uuid }));
}

describe('token renewal mid-run (n8n-core, sandbox)', () => {
	it.each([
		['one item at a time', oneAtATime],
		['items at once (default)', {}],
	])(
		'%s: the token expires after 25 requests, one renewal, no item fails, nothing sent twice',
		async (_name, options) => {
			await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
				const input = inTransitOrders(sandbox, 30);
				expireAfter(sandbox, 25);
				const result = await runCdek(refuseEach(options), {
					input,
					credentials: accountCredential(sandbox),
				});

				expect(result.status).toBe('success');
				const items = result.output('CDEK');
				expect(items.map((item) => item.json.error)).toEqual(input.map(() => undefined));
				expect(items.map((item) => (item.json.entity as { uuid: string }).uuid)).toEqual(
					input.map((order) => order.uuid),
				);
				const counters = sandbox.counters();
				expect(counters.tokenRequests).toBe(2);
				// Requests already on the wire when the token expired were refused and sent again once.
				expect(sandbox.requestLog().filter((entry) => entry.status === 401).length).toBeGreaterThan(
					0,
				);
				expect(input.map((order) => counters.refusals[order.uuid]?.registered)).toEqual(
					input.map(() => 1),
				);
			});
		},
	);

	it('renews once when every in-flight request meets the expired token at the same moment', async () => {
		await withSandbox({ settleDelayMs: -1, latencyMs: 50 }, async (sandbox) => {
			const input = inTransitOrders(sandbox, 20);
			const credentials = accountCredential(sandbox);
			await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: input[0].uuid },
				{ credentials },
			);
			sandbox.expireTokens();
			const result = await runCdek(refuseEach(), { input, credentials });

			expect(result.output('CDEK').filter((item) => item.json.error)).toEqual([]);
			expect(sandbox.counters().tokenRequests).toBe(2);
			// All 20 reads went out together with the stored, now expired token: 20 refused, then one renewal.
			expect(sandbox.requestLog().filter((entry) => entry.status === 401)).toHaveLength(
				input.length,
			);
		});
	});

	it('a token refused again right after its renewal fails one item at most, not the whole run', async () => {
		await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
			const input = inTransitOrders(sandbox, 3);
			// The first refusal meets an expiry, is renewed, and its resend meets another one.
			sandbox.injectFault({
				kind: 'expire-token',
				path: `/orders/${input[0].uuid}/refusal`,
				count: 2,
			});
			const result = await runCdek(refuseEach(oneAtATime), {
				input,
				credentials: accountCredential(sandbox),
				node: { onError: 'continueRegularOutput' },
			});

			const items = result.output('CDEK');
			expect(items[1].json.requests).toEqual([expect.objectContaining({ type: 'CREATE_REFUSAL' })]);
			expect(items[2].json.requests).toEqual([expect.objectContaining({ type: 'CREATE_REFUSAL' })]);
			expect(items[0].json.requests ?? items[0].json.error).toBeDefined();
		});
	});

	describe('a token endpoint that fails for a moment', () => {
		it.each([
			['HTTP 503', { kind: 'status', status: 503 }],
			['HTTP 502 with an HTML page', { kind: 'status', status: 502, body: 'html' }],
			['HTTP 429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
		] as const)('is retried after %s like any other request', async (_name, fault) => {
			await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
				sandbox.injectFault({ ...fault, path: '/oauth/token', count: 1 });
				const result = await runCdek(
					{ operation: 'get', lookupBy: 'uuid', orderUuid: '={{ $json.uuid }}' },
					{
						input: [{ uuid: sandbox.seeds.delivered.uuid }],
						credentials: accountCredential(sandbox),
					},
				);
				expect(result.error?.message).toBeUndefined();
				// The refused token request never reaches the sandbox's counter; the log has both.
				expect(
					sandbox.requestLog().filter((entry) => entry.path === '/v2/oauth/token'),
				).toHaveLength(2);
			});
		});

		it('is retried after a reset connection', async () => {
			await withSandbox({ settleDelayMs: -1 }, async (sandbox) => {
				sandbox.injectFault({ kind: 'reset-before', path: '/oauth/token', count: 1 });
				const result = await runCdek(
					{ operation: 'get', lookupBy: 'uuid', orderUuid: '={{ $json.uuid }}' },
					{
						input: [{ uuid: sandbox.seeds.delivered.uuid }],
						credentials: accountCredential(sandbox),
					},
				);
				expect(result.error?.message).toBeUndefined();
				expect(result.output('CDEK')[0].json.entity).toEqual(
					expect.objectContaining({ uuid: sandbox.seeds.delivered.uuid }),
				);
			});
		});
	});
});

describe('wrong keys stop early (n8n-core, sandbox)', () => {
	it('20 items: one token request, one error naming the cause, nothing else sent', async () => {
		await withSandbox({}, async (sandbox) => {
			const input = inTransitOrders(sandbox, 20);
			const result = await runCdek(refuseEach(), {
				input,
				credentials: accountCredential(sandbox, { clientSecret: 'wrong-secret' }),
			});

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(WRONG_KEYS);
			expect(result.error?.description).toBe(
				'Nothing was sent to CDEK for this or any later item.',
			);
			expect(sandbox.counters().tokenRequests).toBe(1);
			expect(apiCalls(sandbox)).toEqual([]);
		});
	});

	it('a rejected Access Token stops the run after the requests already in flight', async () => {
		await withSandbox({}, async (sandbox) => {
			const input = inTransitOrders(sandbox, 20);
			const credentials = accountCredential(sandbox, {
				authentication: 'accessToken',
				accessToken: 'expired-or-wrong',
			});
			const result = await runCdek(refuseEach(oneAtATime), { input, credentials });

			expect(result.error?.message).toBe(
				'CDEK: v2_authorization_incorrect: Authorization header is incorrect (HTTP 401) (credential "CDEK Sandbox") [item 1]',
			);
			expect(sandbox.counters().tokenRequests).toBe(0);
			expect(apiCalls(sandbox)).toHaveLength(1);
		});
	});

	// With Continue On Fail (or the error output) n8n replaces the output of a node that throws with its
	// input items, on the success output: every order would look refused to the next node.
	it.each([
		['Continue (regular output)', 'continueRegularOutput'],
		['Continue (using error output)', 'continueErrorOutput'],
	] as const)(
		'On Error → %s: every item reports the wrong keys, none reaches the success branch',
		async (_name, onError) => {
			await withSandbox({}, async (sandbox) => {
				const input = inTransitOrders(sandbox, 5);
				const result = await runWorkflow({
					nodes: [
						cdekNode(refuseEach(), { onError }),
						{ name: 'Refused', type: 'fixturePassThrough', parameters: {} },
						{ name: 'Failed', type: 'fixturePassThrough', parameters: {} },
					],
					connections: {
						CDEK: {
							main: [
								[{ node: 'Refused', type: 'main', index: 0 }],
								onError === 'continueErrorOutput'
									? [{ node: 'Failed', type: 'main', index: 0 }]
									: [],
							],
						},
					},
					nodeTypes: fixtureNodeTypes,
					input,
					credentials: accountCredential(sandbox, { clientSecret: 'wrong-secret' }),
				});

				expect(sandbox.counters().tokenRequests).toBe(1);
				expect(apiCalls(sandbox)).toEqual([]);
				const failed =
					onError === 'continueErrorOutput' ? result.output('Failed') : result.output('Refused');
				expect(failed.map((item) => item.json.error)).toEqual(
					input.map(() => expect.stringContaining(WRONG_KEYS)),
				);
				if (onError === 'continueErrorOutput') expect(result.ran('Refused')).toBe(false);
			});
		},
	);
});
