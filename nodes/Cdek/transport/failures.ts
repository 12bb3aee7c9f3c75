import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { MAX_ANSWER_BYTES } from '../../../credentials/common/answer-body';
import { originOf } from '../../../credentials/common/api-root';
import { maskSecrets } from '../../../credentials/common/mask';
import { unreachableAdvice } from '../../../credentials/common/reachability';
import {
	CREDENTIAL_ERROR_NAME,
	TOKEN_UNAVAILABLE_ERROR_NAME,
} from '../../../credentials/common/token-errors';

import { cdekErrors, explain, shopWords } from './cdek-errors';
import { namingCredential } from './credential-name';
import { itemTag } from './item-tag';

export interface HttpAnswer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** The answer was larger than the node reads (`sizeLimit` bytes); its body was not read. */
	tooLarge?: boolean;
	/** MAX_ANSWER_BYTES for an API answer, MAX_FILE_BYTES for a file. */
	sizeLimit?: number;
	/** The answer was a file (a label PDF), not an API answer. */
	file?: boolean;
	/** Gives back the room a file's bytes hold in the run's file budget (see ByteBudget). */
	release?: () => void;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * What a success whose body could not be used means for the request: a read (GET) registered nothing, any other
 * request may have been registered.
 */
function successOutcome(request: RequestSummary, lookUp: string): string {
	if (request.method === 'GET')
		return ' Nothing was registered: this was a read (GET), which changes nothing at CDEK.';
	if (request.idempotent)
		return ' CDEK may have applied the request; sending it again does no harm.';
	return ` The request may have been registered: look ${lookUp} up before sending it again.`;
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
	error.message = namingCredential(error.message, error.node);
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
	const masked = new NodeOperationError(
		node,
		error as Error,
		itemIndex === undefined ? {} : { itemIndex },
	);
	masked.message = maskSecrets(masked.message);
	return masked;
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
	/** The query sent with it (e.g. im_number), for messages in the shop's words. */
	query?: IDataObject;
	itemIndex: number;
	/** host:port of the proxy the request went through, if any. */
	proxy?: string;
	/** A request that changes something but may be sent twice without harm (RequestOptions.idempotent). */
	idempotent?: boolean;
}

/**
 * Every API error the node raises is built here, and every text in it masked (maskSecrets): an answer
 * body or a failure message may quote a token, a header or a password.
 */
function apiError(
	node: INode,
	request: RequestSummary,
	message: string,
	details: JsonObject,
): NodeApiError {
	const masked = JSON.parse(
		JSON.stringify(details, (_key, value: unknown) =>
			typeof value === 'string' ? maskSecrets(value) : value,
		),
	) as JsonObject;
	const error = new NodeApiError(node, masked, {
		itemIndex: request.itemIndex,
		httpCode: masked.httpCode ? String(masked.httpCode) : undefined,
		message: maskSecrets(message),
	});
	// NodeApiError swaps messages for generic ones by HTTP status and drops a description equal to
	// the message; CDEK's own words and our explanation are more useful, so both are set as built.
	error.message = maskSecrets(message);
	error.description = String(masked.description ?? '');
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
	{
		credentialProblem = false,
		notResent = false,
	}: {
		credentialProblem?: boolean;
		/** A 5xx that may have come after CDEK applied the request, which was therefore not resent. */
		notResent?: boolean;
	} = {},
): NodeApiError {
	const { statusCode, body } = answer;
	const where = `${request.method} ${request.url}`;
	const mayBeApplied = notResent
		? ' CDEK may have applied the request before this error, so it was not sent again: look it up before sending it again.'
		: '';
	if (answer.tooLarge) {
		const limit = megabytes(answer.sizeLimit ?? MAX_ANSWER_BYTES);
		const what = answer.file ? 'file' : 'answer';
		const usual = answer.file
			? 'CDEK\'s label PDFs are far smaller: check "Base URL" in the credential, or print fewer orders or copies at once.'
			: 'CDEK\'s answers are a few kilobytes: check "Base URL" in the credential.';
		return apiError(
			node,
			request,
			`CDEK answered HTTP ${statusCode} with more than ${limit}, more than the node reads from one ${what} ${itemTag(request.itemIndex)}`,
			{
				httpCode: statusCode,
				description: `The ${what} was not read. ${usual}${statusCode < 300 ? successOutcome(request, 'it') : ''} Request: ${where}`,
			},
		);
	}
	if (statusCode === 407) {
		return apiError(
			node,
			request,
			`The proxy${request.proxy ? ` ${request.proxy}` : ''} refused the request (HTTP 407 Proxy Authentication Required) ${itemTag(request.itemIndex)}`,
			{
				httpCode: statusCode,
				description: `Check the proxy user and password (the credential's Proxy field). Nothing reached CDEK. Request: ${where}`,
			},
		);
	}
	if (typeof body !== 'object' || body === null) {
		const text = typeof body === 'string' ? body : '';
		const html = looksLikeHtml(text);
		const kind = html
			? `an HTML page${htmlTitle(text) ? ` ("${htmlTitle(text)}")` : ''}`
			: 'a body that is not JSON';
		const applied = statusCode < 300 ? successOutcome(request, 'the order') : '';
		return apiError(
			node,
			request,
			`CDEK answered HTTP ${statusCode} with ${kind} instead of JSON ${itemTag(request.itemIndex)}`,
			{
				httpCode: statusCode,
				description: `${statusCode >= 500 ? 'CDEK or a gateway in front of it is temporarily unavailable. Try again later.' : 'Unexpected answer from CDEK.'}${applied}${mayBeApplied} Request: ${where}`,
				// A gateway's HTML page says nothing its title does not; its markup stays out of the error.
				...(html ? {} : { bodyStart: maskSecrets(text).slice(0, 300) }),
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
		`${leadInShopWords(shopWords(errors, request.url, request.query), text, statusCode)} ${itemTag(request.itemIndex)}`,
		{
			httpCode: statusCode,
			description: `${explain(errors, statusCode)}${mayBeApplied} Request: ${where}`,
			cdekErrors: errors as unknown as JsonObject[],
			...(answer.headers['retry-after']
				? { retryAfter: String(answer.headers['retry-after']) }
				: {}),
		},
	);
	return credentialProblem ? markCredentialProblem(error) : error;
}

/** "No order "SHOP 1014" in CDEK for this account (CDEK: code: text, HTTP 400)", or CDEK's words first. */
function leadInShopWords(lead: string | undefined, text: string, statusCode: number): string {
	return lead
		? `${lead} (CDEK: ${text}, HTTP ${statusCode})`
		: `CDEK: ${text} (HTTP ${statusCode})`;
}

/**
 * CDEK's address answered with a redirect. It is never followed: the token, or the order, would go
 * wherever it points. The message names that place (its origin only) and what to check.
 */
export function redirectError(
	node: INode,
	request: RequestSummary,
	answer: HttpAnswer,
): NodeApiError {
	const location = answer.headers.location;
	const target = typeof location === 'string' ? originOf(location, request.url) : undefined;
	return apiError(
		node,
		request,
		`${originOf(request.url) ?? 'CDEK'} answered with a redirect (HTTP ${answer.statusCode}) to ${target ?? 'another address'}, which the node does not follow ${itemTag(request.itemIndex)}`,
		{
			httpCode: answer.statusCode,
			description: `Nothing was sent to ${target ?? 'the other address'}: no token, no order data. Check "Base URL" in the credential; it must be the address the CDEK API answers at itself. Request: ${request.method} ${request.url}`,
		},
	);
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
export function networkCode(failure: {
	code?: string;
	networkCode?: string;
	message: string;
}): string | undefined {
	if (failure.code) return failure.code;
	// The credential's token request carries its code as `networkCode` (see noTokenAnswer).
	if (failure.networkCode) return failure.networkCode;
	return /socket hang up/i.test(failure.message) ? 'ECONNRESET' : undefined;
}

/** A failure with no HTTP answer: network trouble, a timeout, cancellation, or a credential problem. */
export function noAnswerError(
	node: INode,
	request: RequestSummary,
	failure: { code?: string; networkCode?: string; message: string; name?: string },
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
		return apiError(node, request, `${failure.message} ${itemTag(request.itemIndex)}`, {
			description: `Request: ${where}`,
		});
	}
	// The token request failed before the request itself was sent: nothing can have been registered.
	const tokenRequest = failure.name === TOKEN_UNAVAILABLE_ERROR_NAME;
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
	const cdekOrProxy = (text: string) =>
		request.proxy
			? text.replace(/^CDEK|^The CDEK host/, `The proxy ${request.proxy} or CDEK`)
			: text;
	const reason = cdekOrProxy(
		timedOut
			? `CDEK did not answer ${tokenRequest ? 'the token request ' : ''}within ${timeout} ms`
			: NETWORK_MESSAGES[code],
	);
	const unknownOutcome =
		!tokenRequest &&
		request.method !== 'GET' &&
		(code === 'ECONNRESET' || code === 'EPIPE' || timedOut)
			? ' CDEK may have registered the request anyway: look the order up before sending it again.'
			: '';
	// The token request's message already names the host and what to check.
	const what = tokenRequest
		? `the token request (${failure.message}); ${where} was not sent`
		: where;
	const advice = tokenRequest ? undefined : unreachableAdvice(code, request.url, request.proxy);
	const check = advice ? ` ${advice[0].toUpperCase()}${advice.slice(1)}` : '';
	return apiError(node, request, `${reason} ${itemTag(request.itemIndex)}`, {
		description: `Network error ${code} for ${what}.${unknownOutcome}${check}`,
		networkCode: code,
	});
}

/** The execution was cancelled while a request ran, or while the node waited to retry or to poll. */
export function cancelledError(node: INode, request: RequestSummary): NodeApiError {
	return apiError(
		node,
		request,
		`The execution was cancelled while waiting for CDEK ${itemTag(request.itemIndex)}`,
		{
			description: `Stopped while ${request.method} ${request.url} was under way or waiting to be retried or checked again.`,
		},
	);
}

/** CDEK processed a registered request and marked it INVALID; `status` says where the entity stands. */
export function rejectedError(
	node: INode,
	itemIndex: number,
	what: string,
	verdict: IDataObject,
	status = `Order status: ${String(verdict.orderStatus ?? 'unknown')}`,
): NodeApiError {
	const errors = (Array.isArray(verdict.errors) ? verdict.errors : []) as IDataObject[];
	const text =
		errors
			.map((error) => `${String(error.code)}: ${String(error.message ?? '')}`.trim())
			.join('; ') || 'no reason given';
	return apiError(
		node,
		{ method: 'GET', url: '', itemIndex },
		`CDEK rejected the ${what}: ${text} ${itemTag(itemIndex)}`,
		{
			description: `CDEK processed the request and marked it INVALID. ${status}.`,
			cdekErrors: errors.map(({ code, message }) => ({
				code: String(code),
				message: String(message ?? ''),
			})),
			result: verdict as JsonObject,
		},
	);
}
