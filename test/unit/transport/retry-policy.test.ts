import {
	backoffMs,
	isOutcomeUnknown,
	isRetryableNetwork,
	isRetryableStatus,
	retryAfterMs,
} from '../../../nodes/Cdek/transport/retry-policy';

describe('retry policy', () => {
	it('retries 5xx and 429, never other 4xx', () => {
		expect([500, 502, 503, 504, 429].every(isRetryableStatus)).toBe(true);
		expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
	});

	it('retries resets, refusals and timeouts but not a wrong host or a cancellation', () => {
		expect(
			['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED'].every(isRetryableNetwork),
		).toBe(true);
		expect(isRetryableNetwork('ENOTFOUND')).toBe(false);
		expect(isRetryableNetwork('ERR_CANCELED')).toBe(false);
		expect(isOutcomeUnknown('ECONNRESET')).toBe(true);
		expect(isOutcomeUnknown('ECONNREFUSED')).toBe(false);
	});

	it('backs off exponentially with jitter, capped at 30 s', () => {
		expect(backoffMs(0, () => 0)).toBe(250);
		expect(backoffMs(0, () => 1)).toBe(500);
		expect(backoffMs(3, () => 0)).toBe(2000);
		expect(backoffMs(20, () => 1)).toBe(30000);
	});

	it('reads Retry-After in seconds or as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6000);
		expect(retryAfterMs({})).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
	});
});
