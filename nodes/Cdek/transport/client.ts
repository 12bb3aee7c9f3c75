import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readAnswer, withCancelSignal } from './bounded-exchange';
import type { ReserveBytes } from './bounded-exchange';
import { ByteBudget } from './byte-budget';
import { MAX_FILE_BYTES } from '../../../credentials/common/answer-body';
import { Deadline } from './deadline';
import { pause } from './pause';
import { checkedApiRoot } from '../../../credentials/common/api-root';
import { AUTH_ERROR_CODES, cdekErrors } from './cdek-errors';
import { boundToken } from '../../../credentials/common/session-token';
import {
	CREDENTIAL_ERROR_NAME,
	TOKEN_UNAVAILABLE_ERROR_NAME,
} from '../../../credentials/common/token-errors';
import { withHandoff } from '../../../credentials/common/token-handoff';
import {
	answerError,
	cancelledError,
	credentialSetupError,
	networkCode,
	noAnswerError,
	redirectError,
} from './failures';
import { describeProxy, parseProxyUrl } from '../../../credentials/common/proxy';
import type { ProxySetting } from '../../../credentials/common/proxy';
import type { HttpAnswer, RequestSummary } from './failures';
import {
	DEFAULT_RETRIES,
	MAX_RETRY_AFTER_MS,
	backoffMs,
	isOutcomeUnknown,
	isRetryableNetwork,
	isRetryableStatus,
	retryAfterMs,
} from './retry-policy';
import { namingCredential } from './credential-name';

export const CREDENTIAL_TYPE = 'cdekApi';
export const DEFAULT_TIMEOUT_MS = 30000;
/** Node's timers hold at most 2^31 - 1 ms; a longer timeout would fire after 1 ms. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The n8n contexts that may talk to CDEK: the node's execute and option lists, the trigger's hooks and webhook. */
export type CdekContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface CdekRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. `/orders/{uuid}/refusal`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The answer is a file (a PDF): kept as bytes, and a redirect is not followed (the token would go with it). */
	binary?: boolean;
	/** A 2xx with an empty body is CDEK's answer (it means yes), given as `{}`; elsewhere it is unreadable. */
	emptyAnswer?: boolean;
}

export interface CdekResponse {
	statusCode: number;
	headers: IDataObject;
	body: IDataObject;
}

/** A file CDEK sent (docs/reference/cdek-api.md §11). */
export interface CdekFile {
	statusCode: number;
	headers: IDataObject;
	body: Buffer;
	/** Gives back the room the file holds in the run's file budget: call it once n8n has the file. */
	release: () => void;
}

/**
 * What the files of one run may hold at once, in bytes (see ByteBudget): three files at the 20 MB cap, or hundreds
 * of CDEK's usual labels of a few hundred kilobytes.
 */
export const FILE_BUDGET_BYTES = 3 * MAX_FILE_BYTES;

export interface CdekListResponse {
	statusCode: number;
	headers: IDataObject;
	/** An array when CDEK answered as documented; the caller checks. */
	body: IDataObject[] | IDataObject;
}

export interface RequestOptions {
	/** Milliseconds for each request, from connecting to the last byte; a token request gets as long. */
	timeout?: number;
	/** Retries after 5xx, 429, resets and timeouts (never after other 4xx). Default 3. */
	retries?: number;
	/**
	 * For requests that change something: when CDEK may have applied the request but no answer came
	 * (reset or timeout after sending), this reads CDEK's state and returns the answer to use if the
	 * request is already there, so that it is not sent twice.
	 */
	findApplied?: () => Promise<CdekResponse | undefined>;
	/** CDEK error codes that are an expected answer here: the response is returned instead of thrown. */
	expectedErrors?: string[];
	/**
	 * A request that changes something but may be sent twice without harm (e.g. deleting a webhook
	 * subscription). Others are resent after an ambiguous failure only when `findApplied` says they
	 * were not applied.
	 */
	idempotent?: boolean;
	/**
	 * Milliseconds for the whole exchange: every attempt, the token request and the waits between attempts. A
	 * retry (or a Retry-After) that would not fit fails at once, e.g. where a webhook must be answered in time.
	 */
	budgetMs?: number;
}

interface Failure {
	code?: string;
	name?: string;
	message: string;
	cause?: Failure;
	response?: { status: number; headers?: IDataObject; data?: unknown };
}

type Attempt = { answer: HttpAnswer } | { failure: Failure };
/** An attempt and the stored token it carried (see send). */
type Sent = Attempt & { token: string };

/**
 * The only place that talks HTTP to CDEK. One client per execution: the credential is read once and
 * the token that preAuthentication fetches is kept in it, so items after the first reuse it.
 */
export class CdekClient {
	private firstToken?: Promise<Sent>;
	/** Shared by the run's items: downloads wait here rather than hold more than the budget at once. */
	readonly files = new ByteBudget(FILE_BUDGET_BYTES);

	private constructor(
		private readonly context: CdekContext,
		private readonly credentials: ICredentialsDecrypted,
		readonly root: string,
		private readonly proxy?: ProxySetting,
	) {}

	static async create(
		context: CdekContext,
		options: { proxy?: ProxySetting } = {},
	): Promise<CdekClient> {
		const data: ICredentialDataDecryptedObject = await context.getCredentials(CREDENTIAL_TYPE);
		const root = checkedApiRoot(data);
		if ('problem' in root) {
			const message = namingCredential(`CDEK API credential: ${root.problem}`, context.getNode());
			throw new NodeOperationError(context.getNode(), message, {
				description:
					'Open the credential and correct "Base URL", or leave it empty to use CDEK\'s own servers.',
			});
		}
		if (data.authentication === 'accessToken' && String(data.accessToken ?? '').trim() === '') {
			throw credentialSetupError(
				context.getNode(),
				'CDEK API credential: Access Token is empty',
				'Paste a token from POST /v2/oauth/token, or switch to Account and Secure Password (Client ID and Secret).',
			);
		}
		const credentialProxy =
			typeof data.proxy === 'string' && data.proxy.trim() ? parseProxyUrl(data.proxy) : undefined;
		if (credentialProxy && 'problem' in credentialProxy) {
			throw credentialSetupError(
				context.getNode(),
				`CDEK API credential: Proxy ${credentialProxy.problem}`,
				'Correct "Proxy" in the credential, or leave it empty.',
			);
		}
		const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
		const credentials = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data,
		};
		return new CdekClient(context, credentials, root.root, options.proxy ?? credentialProxy);
	}

	private get usesAccessToken(): boolean {
		return this.credentials.data?.authentication === 'accessToken';
	}

	/** A token stored for the credential's fields as they are now (see boundToken); '' when there is none. */
	private get storedToken(): string {
		return this.credentials.data ? boundToken(this.credentials.data) : '';
	}

	private get cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.context
			? this.context.getExecutionCancelSignal()
			: undefined;
	}

	async request(
		itemIndex: number,
		request: CdekRequest,
		options: RequestOptions = {},
	): Promise<CdekResponse> {
		return (await this.exchange(itemIndex, request, options, false)) as CdekResponse;
	}

	/** For the few CDEK answers that are a bare JSON array, e.g. GET /webhooks (docs/reference/cdek-api.md §8). */
	async requestList(
		itemIndex: number,
		request: CdekRequest,
		options: RequestOptions = {},
	): Promise<IDataObject[]> {
		return (await this.exchange(itemIndex, request, options, true)).body as IDataObject[];
	}

	/**
	 * A GET of a file below the API root, with the token; errors as for any request. The file holds room in the run's
	 * file budget until its `release` is called.
	 */
	async download(itemIndex: number, path: string, options: RequestOptions = {}): Promise<CdekFile> {
		const request: CdekRequest = { method: 'GET', path, binary: true };
		const file = (await this.exchange(itemIndex, request, options, false)) as unknown as CdekFile;
		return { ...file, release: file.release ?? (() => undefined) };
	}

	/** A bare JSON array with the answer's headers: the lists that page (docs/reference/cdek-api.md §14, §15). */
	async requestListResponse(
		itemIndex: number,
		request: CdekRequest,
		options: RequestOptions = {},
	): Promise<CdekListResponse> {
		return (await this.exchange(itemIndex, request, options, true)) as CdekListResponse;
	}

	private async exchange(
		itemIndex: number,
		request: CdekRequest,
		options: RequestOptions,
		list: boolean,
	): Promise<{
		statusCode: number;
		headers: IDataObject;
		body: IDataObject | IDataObject[] | Buffer;
		release?: () => void;
	}> {
		const summary: RequestSummary = {
			method: request.method,
			url: `${this.root}${request.path}`,
			...(request.qs ? { query: request.qs } : {}),
			itemIndex,
			...(this.proxy ? { proxy: describeProxy(this.proxy) } : {}),
			...(options.idempotent ? { idempotent: true } : {}),
		};
		const budgetEnd = options.budgetMs === undefined ? Infinity : Date.now() + options.budgetMs;
		const left = () => budgetEnd - Date.now();
		const timeout = Math.max(1, Math.min(options.timeout ?? DEFAULT_TIMEOUT_MS, left()));
		const retries = options.retries ?? DEFAULT_RETRIES;
		// Sending it again could apply it twice, unless CDEK can be asked whether it was (findApplied).
		const ambiguous = request.method !== 'GET' && !options.idempotent;
		for (let attempt = 0; ; attempt++) {
			const result = await this.attempt(summary, request, Math.max(1, Math.min(timeout, left())));
			if (this.cancelSignal?.aborted) throw cancelledError(this.context.getNode(), summary);
			const last = attempt >= retries || left() <= 0;
			if ('failure' in result) {
				const tokenUnavailable = result.failure.name === TOKEN_UNAVAILABLE_ERROR_NAME;
				const code = tokenUnavailable ? 'ETOKENUNAVAILABLE' : networkCode(result.failure);
				const unknown = ambiguous && isOutcomeUnknown(code);
				// Without a way to check, a request that may have been applied is never sent again.
				if (
					last ||
					backoffMs(attempt) >= left() ||
					!(tokenUnavailable || isRetryableNetwork(code)) ||
					(unknown && !options.findApplied)
				) {
					if (unknown && options.findApplied) {
						const applied = await options.findApplied();
						if (applied) return applied;
					}
					throw noAnswerError(this.context.getNode(), summary, result.failure, timeout);
				}
				// A request CDEK is still working on lands a moment later: wait first, then check, then resend.
				await this.wait(summary, backoffMs(attempt));
				if (unknown && options.findApplied) {
					const applied = await options.findApplied();
					if (applied) return applied;
				}
				continue;
			}
			const { answer } = result;
			// Never followed (each would carry the token or the order elsewhere): where it points is the error.
			if (answer.statusCode >= 300 && answer.statusCode < 400) {
				throw redirectError(this.context.getNode(), summary, answer);
			}
			const expected =
				options.expectedErrors?.length &&
				cdekErrors(answer.body).some((error) => options.expectedErrors?.includes(error.code));
			const empty = request.emptyAnswer === true && answer.statusCode < 300 && answer.body === '';
			if (empty) answer.body = {};
			const shaped = request.binary
				? Buffer.isBuffer(answer.body)
				: list
					? Array.isArray(answer.body) || isJsonObject(answer.body)
					: isJsonObject(answer.body);
			const usable =
				(request.binary ? answer.statusCode < 300 : answer.statusCode < 400 || expected) && shaped;
			if (usable)
				return {
					statusCode: answer.statusCode,
					headers: answer.headers,
					body: answer.body as IDataObject,
					...(answer.release ? { release: answer.release } : {}),
				};
			answer.release?.();
			// A 2xx whose body is unreadable may have been applied: check before resending.
			if (answer.statusCode < 300 && ambiguous) {
				const applied = options.findApplied ? await options.findApplied() : undefined;
				if (applied) return applied;
				throw this.answerError(summary, answer);
			}
			// A token refused right after its renewal (account mode) is worth another try with a new one.
			const refusedToken = !this.usesAccessToken && refusesAuth(answer);
			const retryable =
				(isRetryableStatus(answer.statusCode) || answer.statusCode < 300 || refusedToken) &&
				!answer.tooLarge;
			const delay = retryAfterMs(answer.headers) ?? backoffMs(attempt);
			if (last || !retryable || delay > MAX_RETRY_AFTER_MS || delay >= left())
				throw this.answerError(summary, answer);
			// A 5xx may come from a gateway after CDEK applied the request: check before sending it again,
			// and without a way to check, do not send it again.
			if (ambiguous && answer.statusCode >= 500) {
				const applied = options.findApplied ? await options.findApplied() : undefined;
				if (applied) return applied;
				if (!options.findApplied) throw this.answerError(summary, answer, true);
			}
			await this.wait(summary, delay);
		}
	}

	/** With a pasted access token, a refused token fails every item alike: that is a credential problem. */
	private answerError(summary: RequestSummary, answer: HttpAnswer, notResent = false) {
		return answerError(this.context.getNode(), summary, answer, {
			credentialProblem: this.usesAccessToken && refusesAuth(answer),
			notResent,
		});
	}

	private async wait(summary: RequestSummary, ms: number): Promise<void> {
		if (!(await pause(ms, this.cancelSignal)))
			throw cancelledError(this.context.getNode(), summary);
	}

	/**
	 * One exchange, renewing the token once if CDEK rejects it: with a 401, or with its token error codes under
	 * another status (docs/reference/cdek-api.md §2).
	 */
	private async attempt(
		summary: RequestSummary,
		request: CdekRequest,
		timeout: number,
	): Promise<Attempt> {
		const result = await this.withToken(async () => await this.send(summary, request, timeout));
		if ('answer' in result && !this.usesAccessToken && refusesAuth(result.answer)) {
			return await this.send(summary, request, timeout, result.token);
		}
		return result;
	}

	/**
	 * Until a token is cached, the first request goes alone (its preAuthentication fetches the token)
	 * and the others wait for it: one token request however many items start at once. When that first
	 * request shows the keys are wrong, the others share its failure instead of asking again.
	 */
	private async withToken(exchange: () => Promise<Sent>): Promise<Sent> {
		if (this.usesAccessToken || this.storedToken) return await exchange();
		if (this.firstToken) {
			const first = await this.firstToken;
			if ('failure' in first && first.failure.name === CREDENTIAL_ERROR_NAME) return first;
			return await exchange();
		}
		this.firstToken = exchange();
		return await this.firstToken;
	}

	/**
	 * Sends once, within `timeout` from connecting to the last byte of the answer (a token request on the
	 * way gets its own `timeout`) and the execution's Stop; every HTTP status comes back as an answer. With
	 * `refusedToken` (the stored token CDEK just refused), the request's copy of the credential has an empty token,
	 * which makes n8n run the credential's preAuthentication before sending. The token is renewed here rather than
	 * by n8n's own retry after a 401: n8n 1.x reads `ignoreHttpStatusErrors` as a plain yes/no (an `except` list
	 * is n8n 2.x only), so it never sees the 401 it would renew after.
	 */
	private async send(
		summary: RequestSummary,
		request: CdekRequest,
		timeout: number,
		refusedToken?: string,
	): Promise<Sent> {
		const deadline = new Deadline(timeout);
		const cancel = this.cancelSignal;
		// Aborted once this exchange is over: an answer left unread closes its connection.
		const over = new AbortController();
		const signal = AbortSignal.any([over.signal, deadline.signal, ...(cancel ? [cancel] : [])]);
		const options: IHttpRequestOptions = {
			method: request.method,
			url: summary.url,
			qs: request.qs,
			body: request.body,
			json: !request.binary,
			encoding: 'stream',
			timeout,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (request.binary) options.headers = { accept: 'application/pdf, application/json' };
		if (this.proxy) options.proxy = this.proxy;
		// Each request gets its own copy, so a renewal knows which token CDEK refused (see token-flight);
		// a token stored for other field values is left out, so that one for these is fetched first.
		const own: ICredentialDataDecryptedObject = { ...this.credentials.data };
		if (refusedToken !== undefined || (!this.usesAccessToken && !this.storedToken))
			own.sessionToken = '';
		// A token fetched on the way has a Timeout of its own; this request's clock waits for it.
		const data = withHandoff(own, {
			refusedToken,
			proxy: this.proxy,
			limits: {
				cancel,
				timeoutMs: timeout,
				whileFetching: (fetching) => (fetching ? deadline.hold() : deadline.restart()),
			},
		});
		const sent = { ...this.credentials, data };
		const tokenSent = sent.data.sessionToken;
		/** The stored token this request carried: the one it was sent with, or the one n8n fetched for it. */
		const carried = () => String(sent.data.sessionToken ?? '');
		const bounded = withCancelSignal(this.context, signal);
		// Waiting for room in the file budget is not the server being slow: the clock stops meanwhile.
		const reserve: ReserveBytes | undefined = request.binary
			? async (bytes) => {
					deadline.hold();
					try {
						return await this.files.reserve(bytes, cancel);
					} finally {
						deadline.restart();
					}
				}
			: undefined;
		try {
			const response = (await bounded.helpers.httpRequestWithAuthentication.call(
				bounded,
				CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: sent },
			)) as HttpAnswer;
			return {
				answer: await readAnswer(response.statusCode, response.headers, response.body, signal, {
					binary: request.binary,
					reserve,
				}),
				token: carried(),
			};
		} catch (error) {
			const failure = (error as Failure).cause ?? (error as Failure);
			if (failure.response && !isTokenFailure(failure)) {
				const { status, headers, data: body } = failure.response;
				try {
					return { answer: await readAnswer(status, headers, body, signal), token: carried() };
				} catch (readFailure) {
					return {
						failure: lateFailure(readFailure as Failure, deadline, timeout),
						token: carried(),
					};
				}
			}
			return { failure: lateFailure(failure, deadline, timeout), token: carried() };
		} finally {
			over.abort();
			// A token this request fetched serves the requests after it.
			if (sent.data.sessionToken && sent.data.sessionToken !== tokenSent && this.credentials.data) {
				this.credentials.data.sessionToken = sent.data.sessionToken;
			}
		}
	}
}

const isTokenFailure = (failure: Failure): boolean =>
	failure.name === TOKEN_UNAVAILABLE_ERROR_NAME || failure.name === CREDENTIAL_ERROR_NAME;

/**
 * A failure as the retry rules read it: the request's own deadline passing is a timeout, whatever the
 * HTTP library called the abort; the token request's failures speak for themselves.
 */
function lateFailure(failure: Failure, deadline: Deadline, timeout: number): Failure {
	if (isTokenFailure(failure) || !deadline.passed) return failure;
	return { code: 'ETIMEDOUT', message: `no answer within ${timeout} ms` };
}

function isJsonObject(body: unknown): boolean {
	return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function rejectsToken(answer: HttpAnswer): boolean {
	return (
		answer.statusCode >= 400 &&
		cdekErrors(answer.body).some((error) => AUTH_ERROR_CODES.has(error.code))
	);
}

function refusesAuth(answer: HttpAnswer): boolean {
	return answer.statusCode === 401 || rejectsToken(answer);
}
