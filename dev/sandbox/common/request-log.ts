/**
 * The request log of /v2 and /payment traffic. Secrets never enter it: the Authorization header becomes
 * "Bearer ***", and client_secret / tokens in queries and bodies become "***".
 */
import type { IncomingHttpHeaders } from 'node:http';
import { maskSecrets } from '../../../credentials/common/mask';
import { isJsonContentType, parseForm, parseJson } from './http';
import type { LoggedRequest } from './types';

const MAX_ENTRIES = 50_000;
const MAX_RAW_BODY = 10_000;
export const MASK = '***';
const SECRET_KEY = /secret|token|password|authorization/i;

export function maskAuthorization(value: string): string {
	return /^bearer\s/i.test(value) ? `Bearer ${MASK}` : MASK;
}

export function maskHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		out[name] =
			name === 'authorization' ? maskAuthorization(text) : name === 'cookie' ? MASK : text;
	}
	return out;
}

export function maskValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(maskValue);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [
				k,
				SECRET_KEY.test(k) && v !== null && v !== '' ? MASK : maskValue(v),
			]),
		);
	}
	return value;
}

export function maskQuery(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const key of new Set(query.keys())) {
		const values = query.getAll(key).map((v) => (SECRET_KEY.test(key) ? MASK : v));
		out[key] = values.length === 1 ? values[0] : values;
	}
	return out;
}

/** Query string for access-log lines, secrets masked. */
export function maskedSearch(query: URLSearchParams): string {
	const masked = new URLSearchParams();
	for (const [k, v] of query) masked.append(k, SECRET_KEY.test(k) ? MASK : v);
	const text = masked.toString();
	return text ? `?${text}` : '';
}

/** The body as logged: parsed JSON or form fields (masked), else the raw text (truncated). */
export function loggedBody(raw: string, headers: IncomingHttpHeaders): unknown {
	if (!raw) return undefined;
	if (isJsonContentType(headers)) {
		const parsed = parseJson(raw);
		if (parsed.ok) return maskValue(parsed.value);
	}
	const contentType = String(headers['content-type'] ?? '');
	if (
		/x-www-form-urlencoded/i.test(contentType) ||
		/^[\w.%-]+=[^&]*(&[\w.%-]+=[^&]*)*$/.test(raw)
	) {
		return maskValue(parseForm(raw));
	}
	const text = maskSecrets(raw);
	return text.length > MAX_RAW_BODY ? `${text.slice(0, MAX_RAW_BODY)}…` : text;
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;

	add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
		const full = { seq: ++this.seq, ...entry };
		this.entries.push(full);
		if (this.entries.length > MAX_ENTRIES)
			this.entries.splice(0, this.entries.length - MAX_ENTRIES);
		return full;
	}

	/** Entries with seq > since. */
	since(since = 0): LoggedRequest[] {
		return this.entries.filter((e) => e.seq > since).map((e) => ({ ...e }));
	}

	/** Keeps the sequence running so `?since=` cursors stay valid. */
	clear(): void {
		this.entries = [];
	}
}
