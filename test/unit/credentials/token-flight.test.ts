/**
 * The process-wide token request sharing: callers share one request, but none waits past its own limits,
 * none joins a request older than its Timeout, and when the caller that started a request gives up the
 * others ask again. The fetchers here stand for /oauth/token: one that answers, one that never does
 * (until its signal aborts, as the real request does).
 */
import { sharedToken } from '../../../credentials/common/token-flight';

let keys = 0;
const freshKey = () => `root account fingerprint-${++keys}`;
const answering = (token: string) => async () => token;
/** A request that never answers; it fails when its signal aborts, like an HTTP request given up. */
const hanging = (started: AbortSignal[]) => async (signal: AbortSignal) => {
	started.push(signal);
	return await new Promise<string>((_, reject) => {
		signal.addEventListener('abort', () => reject(signal.reason), { once: true });
	});
};
const limits = (signal: AbortSignal, maxAgeMs = 60000) => ({ signal, maxAgeMs });
/** A token request the test answers or refuses when it likes; counts how often it was started. */
function controlledRequest() {
	const request = {
		started: 0,
		answer: (_token: string) => {},
		refuse: (_error: Error) => {},
		fetch: async () => {
			request.started++;
			return await new Promise<string>((resolve, reject) => {
				request.answer = resolve;
				request.refuse = reject;
			});
		},
	};
	return request;
}
/** Two callers with limits of their own asking for the same key at once. */
const twoCallers = (key: string, fetchToken: () => Promise<string>) =>
	[0, 1].map(
		async () => await sharedToken(key, '', limits(new AbortController().signal), fetchToken),
	);

describe('sharedToken', () => {
	it('serves callers that come while a request runs with that one request', async () => {
		const request = controlledRequest();
		const callers = twoCallers(freshKey(), request.fetch);
		request.answer('token-1');
		await expect(Promise.all(callers)).resolves.toEqual(['token-1', 'token-1']);
		expect(request.started).toBe(1);
	});

	it('lets a caller that joined give up at its own limit, without ending the request', async () => {
		const key = freshKey();
		const started: AbortSignal[] = [];
		const starter = new AbortController();
		const running = sharedToken(key, '', limits(starter.signal), hanging(started));
		const joiner = new AbortController();
		const joined = sharedToken(key, '', limits(joiner.signal), hanging(started));
		joiner.abort(new Error('the joiner gave up'));
		await expect(joined).rejects.toThrow('the joiner gave up');
		expect(started).toHaveLength(1);
		expect(started[0].aborted).toBe(false);
		starter.abort(new Error('stop'));
		await expect(running).rejects.toThrow('stop');
	});

	it('asks again for a caller whose request was given up by the caller that started it', async () => {
		const key = freshKey();
		const started: AbortSignal[] = [];
		const starter = new AbortController();
		const running = sharedToken(key, '', limits(starter.signal), hanging(started));
		let asked = 0;
		const joined = sharedToken(key, '', limits(new AbortController().signal), async (signal) => {
			asked++;
			return asked === 1 ? 'fresh-token' : await hanging(started)(signal);
		});
		starter.abort(new Error('Stop'));
		await expect(running).rejects.toThrow('Stop');
		await expect(joined).resolves.toBe('fresh-token');
	});

	it('shares an answer that failed on its own, e.g. wrong keys, instead of asking again', async () => {
		const request = controlledRequest();
		const [first, second] = twoCallers(freshKey(), request.fetch);
		request.refuse(new Error('invalid_client'));
		await expect(first).rejects.toThrow('invalid_client');
		await expect(second).rejects.toThrow('invalid_client');
		expect(request.started).toBe(1);
	});

	it('does not join a request older than the caller’s Timeout: it starts a new one', async () => {
		const key = freshKey();
		const started: AbortSignal[] = [];
		const stuck = new AbortController();
		const running = sharedToken(key, '', limits(stuck.signal), hanging(started));
		await new Promise((resolve) => setTimeout(resolve, 30));
		// 30 ms old, against a Timeout of 10 ms: taken as stuck.
		await expect(
			sharedToken(key, '', limits(new AbortController().signal, 10), answering('new-token')),
		).resolves.toBe('new-token');
		stuck.abort(new Error('Stop'));
		await expect(running).rejects.toThrow('Stop');
	});

	it('keeps keys apart: another fingerprint never joins nor receives the token', async () => {
		const signal = new AbortController().signal;
		let answer = (_token: string) => {};
		const right = sharedToken(
			'root account right-fingerprint',
			'',
			limits(signal),
			async () => await new Promise<string>((resolve) => (answer = resolve)),
		);
		const wrong = sharedToken('root account wrong-fingerprint', 'old-token', limits(signal), () =>
			Promise.reject(new Error('invalid_client')),
		);
		answer('right-token');
		await expect(right).resolves.toBe('right-token');
		await expect(wrong).rejects.toThrow('invalid_client');
	});
});
