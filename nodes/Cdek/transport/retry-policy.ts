import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_RETRIES = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30000;
/** A Retry-After longer than this is not waited for: the item fails and says when to try again. */
export const MAX_RETRY_AFTER_MS = 120000;

/** Network failures worth another try; ENOTFOUND (a wrong host) and cancellation are not. */
const RETRYABLE_NETWORK = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'EHOSTUNREACH',
]);
/** Failures after the request may have reached CDEK: resending could register it twice. */
const OUTCOME_UNKNOWN = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;
export const isRetryableNetwork = (code: string | undefined): boolean =>
	code !== undefined && RETRYABLE_NETWORK.has(code);
export const isOutcomeUnknown = (code: string | undefined): boolean =>
	code !== undefined && OUTCOME_UNKNOWN.has(code);

/** Exponential backoff with jitter: 250–500 ms, 500–1000 ms, 1–2 s, … capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: IDataObject, now = Date.now()): number | undefined {
	const value = headers['retry-after'];
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
