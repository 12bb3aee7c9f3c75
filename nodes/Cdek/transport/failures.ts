import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { CREDENTIAL_ERROR_NAME } from '../../../credentials/common/token-errors';

import { cdekErrors, explain } from './cdek-errors';

export interface HttpAnswer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/**
 * Set on errors that every item would hit the same way (wrong keys, a rejected token): the node stops
 * with one error instead of sending a doomed request per item, even under Continue On Fail.
 */
export function isCredentialProblem(error: { context?: IDataObject }): boolean {
	return error.context?.credentialProblem === true;
}

function markCredentialProblem<T extends NodeApiError | NodeOperationError>(error: T): T {
	error.context.credentialProblem = true;
	return error;
}

/** Any error as one of the two kinds n8n shows well, tied to the item it happened on. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}

/** The credential cannot work at all (an empty field, an unusable proxy): found before any request. */
export function credentialSetupError(
	node: INode,
	message: string,
	description: string,
): NodeOperationError {
	return markCredentialProblem(new NodeOperationError(node, message, { description }));
}

/** What a request was, for messages: never the headers, so no token can leak. */
export interface RequestSummary {
	method: string;
	url: string;
	itemIndex: number;
	/** host:port of the proxy the request went through, if any. */
	proxy?: string;
}

function apiError(
	node: INode,
	request: RequestSummary,
	message: string,
	details: JsonObject,
): NodeApiError {
	const error = new NodeApiError(node, details, {
		itemIndex: request.itemIndex,
		httpCode: details.httpCode ? String(details.httpCode) : undefined,
		message,
	});
	// NodeApiError swaps messages for generic ones by HTTP status and drops a description equal to
	// the message; CDEK's own words and our explanation are more useful, so both are set as built.
	error.message = message;
	error.description = String(details.description ?? '');
	return error;
}

function looksLikeHtml(body: string): boolean {
	return /^\s*</.test(body);
}

function htmlTitle(body: string): string | undefined {
	const title =
		/<title>([^<]{1,120})<\/title>/i.exec(body)?.[1] ?? /<h1>([^<]{1,120})<\/h1>/i.exec(body)?.[1];
	return title?.trim();
}

/** An HTTP answer CDEK gave that is not a usable success: CDEK errors in either envelope, or no JSON at all. */
export function answerError(
	node: INode,
	request: RequestSummary,
	answer: HttpAnswer,
	{ credentialProblem = false }: { credentialProblem?: boolean } = {},
): NodeApiError {
	const { statusCode, body } = answer;
	const where = `${request.method} ${request.url}`;
	if (statusCode === 407) {
		return apiError(
			node,
			request,
			`The proxy${request.proxy ? ` ${request.proxy}` : ''} refused the request (HTTP 407 Proxy Authentication Required) [item ${request.itemIndex}]`,
			{
				httpCode: statusCode,
				description: `Check the proxy user and password (the credential's Proxy field). Nothing reached CDEK. Request: ${where}`,
			},
		);
	}
	if (typeof body !== 'object' || body === null) {
		const text = typeof body === 'string' ? body : '';
		const kind = looksLikeHtml(text)
			? `an HTML page${htmlTitle(text) ? ` ("${htmlTitle(text)}")` : ''}`
			: 'a body that is not JSON';
		const applied =
			statusCode < 300
				? ' The request may have been registered: look the order up before sending it again.'
				: '';
		return apiError(
			node,
			request,
			`CDEK answered HTTP ${statusCode} with ${kind} instead of JSON [item ${request.itemIndex}]`,
			{
				httpCode: statusCode,
				description: `${statusCode >= 500 ? 'CDEK or a gateway in front of it is temporarily unavailable. Try again later.' : 'Unexpected answer from CDEK.'}${applied} Request: ${where}`,
				bodyStart: text.slice(0, 300),
			},
		);
	}
	const errors = cdekErrors(body);
	const text = errors.length
		? errors
				.map((error) => (error.message ? `${error.code}: ${error.message}` : error.code))
				.join('; ')
		: `HTTP ${statusCode} without an error code`;
	const error = apiError(
		node,
		request,
		`CDEK: ${text} (HTTP ${statusCode}) [item ${request.itemIndex}]`,
		{
			httpCode: statusCode,
			description: `${explain(errors, statusCode)} Request: ${where}`,
			cdekErrors: errors as unknown as JsonObject[],
			...(answer.headers['retry-after']
				? { retryAfter: String(answer.headers['retry-after']) }
				: {}),
		},
	);
	return credentialProblem ? markCredentialProblem(error) : error;
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNREFUSED: 'CDEK refused the connection',
	ENOTFOUND: 'The CDEK host name could not be resolved',
	EAI_AGAIN: 'The CDEK host name could not be resolved',
	ECONNRESET: 'CDEK closed the connection before answering',
	EPIPE: 'CDEK closed the connection before answering',
	EHOSTUNREACH: 'The CDEK host is unreachable',
	ECONNABORTED: 'CDEK did not answer in time',
	ETIMEDOUT: 'CDEK did not answer in time',
	ERR_CANCELED: 'The request to CDEK was cancelled',
};

/** The error code of a failure without an answer; Node reports a connection closed mid-request as "socket hang up". */
export function networkCode(failure: { code?: string; message: string }): string | undefined {
	if (failure.code) return failure.code;
	return /socket hang up/i.test(failure.message) ? 'ECONNRESET' : undefined;
}

/** A failure with no HTTP answer: network trouble, a timeout, cancellation, or a credential problem. */
export function noAnswerError(
	node: INode,
	request: RequestSummary,
	failure: { code?: string; message: string; name?: string },
	timeout: number,
): NodeApiError {
	const code = networkCode(failure);
	const where = `${request.method} ${request.url}`;
	if (failure.name === CREDENTIAL_ERROR_NAME) {
		// The credential's preAuthentication explains wrong keys and empty fields in its own words.
		return markCredentialProblem(
			apiError(node, request, failure.message, {
				description: 'Nothing was sent to CDEK for this or any later item.',
			}),
		);
	}
	if (!code || !NETWORK_MESSAGES[code]) {
		return apiError(node, request, `${failure.message} [item ${request.itemIndex}]`, {
			description: `Request: ${where}`,
		});
	}
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	const cdekOrProxy = (text: string) =>
		request.proxy
			? text.replace(/^CDEK|^The CDEK host/, `The proxy ${request.proxy} or CDEK`)
			: text;
	const reason = cdekOrProxy(
		timedOut ? `CDEK did not answer within ${timeout} ms` : NETWORK_MESSAGES[code],
	);
	const unknownOutcome =
		request.method !== 'GET' && (code === 'ECONNRESET' || code === 'EPIPE' || timedOut)
			? ' CDEK may have registered the request anyway: look the order up before sending it again.'
			: '';
	return apiError(node, request, `${reason} [item ${request.itemIndex}]`, {
		description: `Network error ${code} for ${where}.${unknownOutcome}`,
		networkCode: code,
	});
}

/** The execution was cancelled while the node waited to retry or to poll. */
export function cancelledError(node: INode, request: RequestSummary): NodeApiError {
	return apiError(
		node,
		request,
		`The execution was cancelled while waiting for CDEK [item ${request.itemIndex}]`,
		{
			description: `Stopped before ${request.method} ${request.url} could be retried or checked again.`,
		},
	);
}

/** CDEK processed a registered request and marked it INVALID. */
export function rejectedError(
	node: INode,
	itemIndex: number,
	what: string,
	verdict: IDataObject,
): NodeApiError {
	const errors = (Array.isArray(verdict.errors) ? verdict.errors : []) as IDataObject[];
	const text =
		errors
			.map((error) => `${String(error.code)}: ${String(error.message ?? '')}`.trim())
			.join('; ') || 'no reason given';
	return apiError(
		node,
		{ method: 'GET', url: '', itemIndex },
		`CDEK rejected the ${what}: ${text} [item ${itemIndex}]`,
		{
			description: `CDEK processed the request and marked it INVALID. Order status: ${String(verdict.orderStatus ?? 'unknown')}.`,
			cdekErrors: errors.map(({ code, message }) => ({
				code: String(code),
				message: String(message ?? ''),
			})),
			result: verdict as JsonObject,
		},
	);
}
