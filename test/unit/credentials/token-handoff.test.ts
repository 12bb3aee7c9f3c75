import {
	DEFAULT_TOKEN_TIMEOUT_MS,
	HANDOFF_CLEARED,
	HANDOFF_KEYS,
	receivedHandoff,
	withHandoff,
} from '../../../credentials/common/token-handoff';

describe('token handoff: what the transport hands the credential, and nothing more', () => {
	const data = { authentication: 'account', clientId: 'acct', sessionToken: '' };

	it('the credential receives exactly what the transport handed it', () => {
		const cancel = new AbortController().signal;
		const whileFetching = jest.fn();
		const proxy = { protocol: 'http' as const, host: 'proxy.local', port: 3128 };
		const handed = withHandoff(data, {
			refusedToken: 'fp:old',
			proxy,
			limits: { cancel, timeoutMs: 1234, whileFetching },
		});
		const received = receivedHandoff(handed);
		expect(received.refusedToken).toBe('fp:old');
		expect(received.proxy).toEqual(proxy);
		expect(received.limits.timeoutMs).toBe(1234);
		expect(received.limits.cancel).toBe(cancel);
		received.limits.whileFetching?.(true);
		expect(whileFetching).toHaveBeenCalledWith(true);
		expect(data).toEqual({ authentication: 'account', clientId: 'acct', sessionToken: '' });
	});

	it("the credential's own Test hands nothing: default limit, no proxy, no refused token", () => {
		expect(receivedHandoff(data)).toEqual({
			refusedToken: undefined,
			proxy: undefined,
			limits: { timeoutMs: DEFAULT_TOKEN_TIMEOUT_MS },
		});
	});

	it('every key the handoff writes is cleared by what preAuthentication returns', () => {
		const handed = withHandoff(data, {
			refusedToken: 'x',
			proxy: { protocol: 'http', host: 'p', port: 1 },
			limits: { timeoutMs: 1 },
		});
		const written = Object.keys(handed).filter((key) => !(key in data));
		expect(written.sort()).toEqual([...HANDOFF_KEYS].sort());
		expect({ ...handed, ...HANDOFF_CLEARED }).toEqual({
			...data,
			...Object.fromEntries(HANDOFF_KEYS.map((key) => [key, undefined])),
		});
		expect(Object.values(HANDOFF_CLEARED).every((value) => value === undefined)).toBe(true);
	});
});
