import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import {
	ANSWER_TOO_LARGE,
	MAX_ANSWER_BYTES,
	answerTooLarge,
	declaresTooMuch,
	discardAnswerBody,
	readAnswerBody,
} from './answer-body';
import { originOf } from './api-root';
import { ACCOUNT_LABEL, SECURE_PASSWORD_LABEL, WHERE_KEYS_ARE } from './vocabulary';
import { maskSecrets } from './mask';
import { describeProxy } from './proxy';
import type { ProxySetting } from './proxy';
import { unreachableAdvice } from './reachability';
import type { AccountKeys } from './session-token';
import type { TokenRequestLimits } from './token-handoff';
import {
	CREDENTIAL_ERROR_NAME,
	TOKEN_UNAVAILABLE_ERROR_NAME,
	credentialError,
	namedError,
} from './token-errors';

/** A signal that aborts at Stop or when `timeoutMs` has passed from now, whichever comes first. */
export function deadlineSignal({ cancel, timeoutMs }: TokenRequestLimits): AbortSignal {
	const deadline = AbortSignal.timeout(timeoutMs);
	return cancel ? AbortSignal.any([cancel, deadline]) : deadline;
}

interface TokenRequest {
	root: string;
	keys: AccountKeys;
	proxy?: ProxySetting;
	signal: AbortSignal;
	timeoutMs: number;
}

/**
 * POST {root}/oauth/token (docs/reference/cdek-api.md §2). Redirects are never followed: a 307/308 would
 * send the secure password to wherever it points. The answer is read within the request's limits.
 */
export async function requestToken(
	helper: IHttpRequestHelper,
	{ root, keys, proxy, signal, timeoutMs }: TokenRequest,
): Promise<string> {
	const url = `${root}/oauth/token`;
	// Aborted once the request is over: an answer left unread closes its connection.
	const over = new AbortController();
	const options: IHttpRequestOptions = {
		...(proxy ? { proxy } : {}),
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: keys.clientId,
			client_secret: keys.clientSecret,
		}).toString(),
		json: true,
		encoding: 'stream',
		timeout: timeoutMs,
		abortSignal: AbortSignal.any([signal, over.signal]),
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	let statusCode: number;
	let parsed: unknown;
	try {
		const response = (await helper.helpers.httpRequest(options)) as {
			statusCode: number;
			headers?: IDataObject;
			body: unknown;
		};
		statusCode = response.statusCode;
		if (statusCode >= 300 && statusCode < 400) {
			discardAnswerBody(response.body);
			throw credentialError(redirectMessage(url, response.headers?.location, statusCode));
		}
		if (declaresTooMuch(response.headers ?? {})) {
			discardAnswerBody(response.body);
			throw answerTooLarge();
		}
		parsed = await readAnswerBody(response.body, signal);
	} catch (error) {
		if ((error as { code?: string }).code === ANSWER_TOO_LARGE) {
			throw credentialError(
				`${originOf(url) ?? url} answered the token request with more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB, more than the node reads from one answer. Check "Base URL" in the credential.`,
			);
		}
		throw noTokenAnswer(error, root, signal, timeoutMs, proxy && describeProxy(proxy));
	} finally {
		over.abort();
	}
	const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as IDataObject;
	if (statusCode === 200 && typeof body.access_token === 'string' && body.access_token) {
		return body.access_token;
	}
	const message = tokenFailureMessage(statusCode, body, root);
	throw statusCode === 429 || statusCode >= 500
		? namedError(TOKEN_UNAVAILABLE_ERROR_NAME, message)
		: credentialError(message);
}

/** The message for an answer that points elsewhere: it names where, and says nothing was sent there. */
export function redirectMessage(from: string, location: unknown, status: number): string {
	const target = typeof location === 'string' ? originOf(location, from) : undefined;
	return `${originOf(from) ?? from} answered the token request with a redirect (HTTP ${status}) to ${target ?? 'another address'}. Redirects are never followed, so the Secure Password was not sent there. Check "Base URL" and "Use Test API" in the credential.`;
}

/**
 * The token request got no usable answer, or the caller stopped waiting for it: it ran out of time, the
 * execution was stopped, or the network failed. Nothing reached CDEK's API, so the request that needed
 * the token may be tried again. The network code travels with it (`networkCode`), for the node's retries.
 */
export function noTokenAnswer(
	error: unknown,
	root: string,
	signal: AbortSignal,
	timeoutMs: number,
	proxy?: string,
) {
	const url = `${root}/oauth/token`;
	const failure = error as { name?: string; code?: string; message?: string };
	if (failure.name === CREDENTIAL_ERROR_NAME || failure.name === TOKEN_UNAVAILABLE_ERROR_NAME)
		return error;
	const cancelled = signal.aborted && (signal.reason as { name?: string })?.name !== 'TimeoutError';
	const timedOut =
		(signal.aborted && !cancelled) || ['ECONNABORTED', 'ETIMEDOUT'].includes(failure.code ?? '');
	const code = cancelled ? 'ERR_CANCELED' : timedOut ? 'ETIMEDOUT' : failure.code;
	const advice = cancelled ? undefined : unreachableAdvice(code, url, proxy);
	// n8n replaces a message that contains a network code (ENOTFOUND, …) with a generic text of its own.
	const what = cancelled
		? 'was cancelled'
		: timedOut
			? `got no answer within ${timeoutMs} ms`
			: advice
				? 'failed'
				: `failed (${code ?? maskSecrets(failure.message ?? 'no answer')})`;
	const unavailable = namedError(
		TOKEN_UNAVAILABLE_ERROR_NAME,
		`The token request to ${url} ${what}${advice ? `: ${advice}` : ''}`,
	) as Error & { networkCode?: string };
	// Not `code`: n8n's credential Test shows an error's `code` alone, in place of this message.
	if (code) unavailable.networkCode = code;
	return unavailable;
}

function tokenFailureMessage(status: number, body: IDataObject, root: string): string {
	if (status === 407) {
		return "The proxy refused the token request (HTTP 407 Proxy Authentication Required). Check the proxy user and password in the credential's Proxy field.";
	}
	const reason = [body.error, body.error_description ?? body.message].filter(
		(part) => typeof part === 'string' && part,
	);
	const detail = reason.length
		? `${maskSecrets(reason.join(': '))}, HTTP ${status}`
		: `HTTP ${status}`;
	if (status === 400 || status === 401 || status === 403) {
		return `CDEK rejected the Account and Secure Password (${detail}). Check the ${ACCOUNT_LABEL} and ${SECURE_PASSWORD_LABEL} against ${WHERE_KEYS_ARE}, and that "Use Test API" matches the keys (test keys only work on api.edu.cdek.ru).`;
	}
	return `CDEK did not issue an access token from ${root}/oauth/token (${detail}).`;
}
