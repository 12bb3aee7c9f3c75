/**
 * Endpoints that never answer, answer a byte at a time, or answer far too much, in front of the sandbox:
 * the request's Timeout bounds the whole exchange (its token request included, connecting to the last
 * byte), Stop ends it, a stuck token request never holds later executions for the account, and no answer
 * is read past a size cap. Each case also checks that the server saw the client go away.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { until } from '../../../dev/util/until';
import type { Sandbox } from '../../../dev/sandbox';
import { runWorkflow } from '../../../dev/n8n-core/runner';
import {
	accountCredential,
	cdekNode,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { startHostileRelay } from '../../../dev/proxies/hostile-relay';
import type { HostileRelay, Hostility, SeenRequest } from '../../../dev/proxies/hostile-relay';

const TOKEN_PATH = '/v2/oauth/token';

describe('hung, trickling and oversized answers (n8n-core, sandbox behind a hostile relay)', () => {
	const sandbox = useSandbox();
	let relay: HostileRelay;
	let hostile: (seen: SeenRequest) => Hostility | undefined;

	beforeEach(async () => {
		hostile = () => undefined;
		relay = await startHostileRelay(sandbox().url, (seen) => hostile(seen));
	});

	afterEach(async () => {
		await relay.close();
	});

	const credentials = (data: IDataObject = {}) =>
		accountCredential(sandbox(), { baseUrl: relay.rootUrl, ...data });
	const getOrder = (options: INodeParameters): INodeParameters => ({
		operation: 'get',
		lookupBy: 'uuid',
		orderUuid: sandbox().seeds.delivered.uuid,
		options,
	});
	const tokenRequests = () => relay.requests.filter((seen) => seen.url === TOKEN_PATH).length;
	/** The relay saw the client close the connection of its `index`-th hostile answer. */
	const clientLeft = async (index = 0) =>
		await until(
			'the client to close the connection',
			() => relay.answers[index]?.clientLeft || undefined,
			undefined,
			20,
		);
	/** Only the first token request hangs; later ones reach the sandbox. */
	const hangFirstToken = () => {
		let hung = false;
		hostile = (seen) => {
			if (seen.url !== TOKEN_PATH || hung) return undefined;
			hung = true;
			return { kind: 'hang' };
		};
	};
	/** Runs the node with a Stop button: `stop()` cancels the execution as n8n's Stop does. */
	const stoppable = (parameters: INodeParameters, data: IDataObject = {}) => {
		const stop = new AbortController();
		const run = runWorkflow({
			nodes: [cdekNode(parameters)],
			credentials: credentials(data),
			signal: stop.signal,
		});
		return { run, stop: () => stop.abort() };
	};

	describe('a token request that never answers', () => {
		it('fails at the Timeout, with nothing sent to the API', async () => {
			hostile = (seen) => (seen.url === TOKEN_PATH ? { kind: 'hang' } : undefined);
			const result = await runCdek(getOrder({ timeout: 500, retries: 0 }), {
				credentials: credentials(),
			});
			expect(result.error?.message).toBe(
				'CDEK did not answer the token request within 500 ms [item 1]',
			);
			expect(result.error?.description).toContain(`was not sent`);
			await clientLeft();
			expect(relay.requests.map((seen) => seen.url)).toEqual([TOKEN_PATH]);
		});

		it('ends at Stop', async () => {
			hangFirstToken();
			const { run, stop } = stoppable(getOrder({ timeout: 600000 }));
			await until('the token request to arrive', () => tokenRequests() || undefined);
			stop();
			const result = await run;
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				'The execution was cancelled while waiting for CDEK [item 1]',
			);
			await clientLeft();
		});

		it('does not hold a later execution for the account once Stop gave it up', async () => {
			hangFirstToken();
			const first = stoppable(getOrder({ timeout: 600000 }));
			await until('the token request to arrive', () => tokenRequests() || undefined);
			first.stop();
			await first.run;

			const later = await runCdek(getOrder({ timeout: 10000 }), { credentials: credentials() });
			expect(later.output('CDEK')[0].json.entity).toEqual(
				expect.objectContaining({ uuid: sandbox().seeds.delivered.uuid }),
			);
			expect(tokenRequests()).toBe(2);
		});

		it('is not joined by a later execution once it is older than that execution’s Timeout', async () => {
			hangFirstToken();
			const first = stoppable(getOrder({ timeout: 600000 }));
			try {
				await until('the token request to arrive', () => tokenRequests() || undefined);
				// Older than the later execution's Timeout: a request that long without an answer is stuck. The
				// Timeout also bounds the later execution's own requests, so it leaves them room on a busy machine.
				await until(
					'the token request to be 5 s old',
					() => (Date.now() - relay.answers[0].at > 5000 ? true : undefined),
					undefined,
					50,
				);
				const later = await runCdek(getOrder({ timeout: 5000, retries: 0 }), {
					credentials: credentials(),
				});
				expect(later.error).toBeUndefined();
				expect(later.output('CDEK')[0].json.entity).toEqual(
					expect.objectContaining({ uuid: sandbox().seeds.delivered.uuid }),
				);
				expect(tokenRequests()).toBe(2);
			} finally {
				first.stop();
				await first.run;
			}
		});
	});

	describe('a body trickled one byte every 200 ms', () => {
		const body = (sandbox: Sandbox) =>
			JSON.stringify({ entity: { uuid: sandbox.seeds.delivered.uuid, number: 'TRICKLE-1' } });

		it('from the API fails at the 500 ms Timeout, not after the last byte', async () => {
			const { delivered } = sandbox().seeds;
			// A token first, so that the 500 ms Timeout bounds only the trickled answer.
			const withToken = credentials();
			await runCdek(getOrder({}), { credentials: withToken });
			hostile = (seen) =>
				seen.url === `/v2/orders/${delivered.uuid}`
					? { kind: 'trickle', status: 200, body: body(sandbox()), intervalMs: 200 }
					: undefined;
			const result = await runCdek(getOrder({ timeout: 500, retries: 0 }), {
				credentials: withToken,
			});
			expect(result.error?.message).toBe('CDEK did not answer within 500 ms [item 1]');
			await clientLeft();
			expect(relay.answers[0].bytesWritten).toBeLessThan(body(sandbox()).length);
		});

		it('from the token endpoint fails at the 500 ms Timeout', async () => {
			const token = JSON.stringify({ access_token: 'eyJ.trickled.token', expires_in: 3600 });
			hostile = (seen) =>
				seen.url === TOKEN_PATH
					? { kind: 'trickle', status: 200, body: token, intervalMs: 200 }
					: undefined;
			const result = await runCdek(getOrder({ timeout: 500, retries: 0 }), {
				credentials: credentials(),
			});
			expect(result.error?.message).toBe(
				'CDEK did not answer the token request within 500 ms [item 1]',
			);
			await clientLeft();
			expect(relay.answers[0].bytesWritten).toBeLessThan(token.length);
		});
	});

	describe('an answer larger than the 2 MB the node reads', () => {
		it.each([
			['with Content-Length', true],
			['chunked, without Content-Length', false],
		])('from the API (%s) is a clear error, not read to the end', async (_how, declareLength) => {
			const { delivered } = sandbox().seeds;
			const bytes = 25 * 1024 * 1024;
			hostile = (seen) =>
				seen.url === `/v2/orders/${delivered.uuid}`
					? { kind: 'huge', status: 200, bytes, declareLength }
					: undefined;
			const result = await runCdek(getOrder({}), { credentials: credentials() });
			expect(result.error?.message).toBe(
				'CDEK answered HTTP 200 with more than 2 MB, more than the node reads from one answer [item 1]',
			);
			// Not retried: the same request would get the same answer.
			expect(relay.answers).toHaveLength(1);
			await clientLeft();
			expect(relay.answers[0].bytesWritten).toBeLessThan(bytes);
		});

		it('from the token endpoint is a clear error', async () => {
			hostile = (seen) =>
				seen.url === TOKEN_PATH
					? { kind: 'huge', status: 200, bytes: 25 * 1024 * 1024, declareLength: false }
					: undefined;
			const result = await runCdek(getOrder({}), { credentials: credentials() });
			expect(result.error?.message).toBe(
				`${relay.url} answered the token request with more than 2 MB, more than the node reads from one answer. Check "Base URL" in the credential "CDEK Sandbox".`,
			);
			expect(relay.answers).toHaveLength(1);
			await clientLeft();
		});
	});
});
