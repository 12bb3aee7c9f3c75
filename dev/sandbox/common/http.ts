/** Small HTTP helpers shared by the route modules: request context, results, body parsing. */
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestContext {
	method: string;
	pathname: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: string;
	params: Record<string, string>;
	/** Set by the auth check on /v2 routes. */
	clientId?: string;
}

export interface HandlerResult {
	status: number;
	/** Serialized as JSON unless `text` or `raw` is given. */
	body?: unknown;
	text?: string;
	/** Bytes sent as they are (a PDF). */
	raw?: Buffer;
	contentType?: string;
	headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function json(
	status: number,
	body: unknown,
	headers?: Record<string, string>,
): HandlerResult {
	return { status, body, headers };
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

export function parseJson(raw: string): ParsedJson {
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false };
	}
}

export function parseForm(raw: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(raw));
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function isJsonContentType(headers: IncomingHttpHeaders): boolean {
	return /^application\/json\s*(;|$)/i.test(header(headers, 'content-type') ?? '');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
