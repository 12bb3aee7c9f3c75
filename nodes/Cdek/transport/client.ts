import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pause } from './pause';
import { baseUrlProblem, cdekApiRoot } from '../../../credentials/common/api-root';
import { AUTH_ERROR_CODES, cdekErrors } from './cdek-errors';
import {
	CREDENTIAL_ERROR_NAME,
	TOKEN_UNAVAILABLE_ERROR_NAME,
} from '../../../credentials/common/token-errors';
import {
	answerError,
	cancelledError,
	credentialSetupError,
	networkCode,
	noAnswerError,
} from './failures';
import {
	TOKEN_REQUEST_PROXY,
	describeProxy,
	parseProxyUrl,
} from '../../../credentials/common/proxy';
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

export const CREDENTIAL_TYPE = 'cdekApi';
export const DEFAULT_TIMEOUT_MS = 30000;

/** The n8n contexts that may talk to CDEK: the node's execute, and the trigger's hooks and webhook. */
export type CdekContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;

export interface CdekRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. `/orders/{uuid}/refusal`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The answer is a file (a PDF): kept as bytes, and a redirect is not followed (the token would go with it). */
	binary?: boolean;
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
}

export interface RequestOptions {
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
}

interface Failure {
	code?: string;
	name?: string;
	message: string;
	cause?: Failure;
	response?: { status: number; headers?: IDataObject; data?: unknown };
}

type Attempt = { answer: HttpAnswer } | { failure: Failure };

/**
 * The only place that talks HTTP to CDEK. One client per execution: the credential is read once and
 * the token that preAuthentication fetches is kept in it, so items after the first reuse it.
 */
export class CdekClient {
	private firstToken?: Promise<Attempt>;

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
		const baseUrl = typeof data.baseUrl === 'string' ? data.baseUrl.trim() : '';
		const problem = baseUrl ? baseUrlProblem(baseUrl) : undefined;
		if (problem) {
			throw new NodeOperationError(context.getNode(), `CDEK API credential: ${problem}`, {
				description:
					'Open the credential and correct "Base URL", or leave it empty to use CDEK\'s own servers.',
			});
		}
		if (data.authentication === 'accessToken' && String(data.accessToken ?? '').trim() === '') {
			throw credentialSetupError(
				context.getNode(),
				'CDEK API credential: Access Token is empty',
				'Paste a token from POST /v2/oauth/token, or switch to Account and Secure Password.',
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
		return new CdekClient(
			context,
			credentials,
			cdekApiRoot(data),
			options.proxy ?? credentialProxy,
		);
	}

	private get usesAccessToken(): boolean {
		return this.credentials.data?.authentication === 'accessToken';
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

	/** A GET of a file below the API root, with the token; errors as for any request. */
	async download(itemIndex: number, path: string, options: RequestOptions = {}): Promise<CdekFile> {
		const request: CdekRequest = { method: 'GET', path, binary: true };
		return (await this.exchange(itemIndex, request, options, false)) as unknown as CdekFile;
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
	}> {
		const summary: RequestSummary = {
			method: request.method,
			url: `${this.root}${request.path}`,
			itemIndex,
			...(this.proxy ? { proxy: describeProxy(this.proxy) } : {}),
		};
		const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
		const retries = options.retries ?? DEFAULT_RETRIES;
		const changesState = request.method !== 'GET';
		for (let attempt = 0; ; attempt++) {
			const result = await this.attempt(summary, request, timeout);
			const last = attempt >= retries;
			if ('failure' in result) {
				const tokenUnavailable = result.failure.name === TOKEN_UNAVAILABLE_ERROR_NAME;
				const code = tokenUnavailable ? 'ETOKENUNAVAILABLE' : networkCode(result.failure);
				const unknown = changesState && isOutcomeUnknown(code);
				// Without a way to check, a request that may have been applied is never sent again.
				if (
					last ||
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
			const expected =
				options.expectedErrors?.length &&
				cdekErrors(answer.body).some((error) => options.expectedErrors?.includes(error.code));
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
				};
			// A 2xx whose body is unreadable may have been applied: check before resending.
			if (answer.statusCode < 300 && changesState) {
				const applied = options.findApplied ? await options.findApplied() : undefined;
				if (applied) return applied;
				throw this.answerError(summary, answer);
			}
			// A token refused right after its renewal (account mode) is worth another try with a new one.
			const refusedToken = !this.usesAccessToken && refusesAuth(answer);
			const retryable =
				isRetryableStatus(answer.statusCode) || answer.statusCode < 300 || refusedToken;
			const delay = retryAfterMs(answer.headers) ?? backoffMs(attempt);
			if (last || !retryable || delay > MAX_RETRY_AFTER_MS) throw this.answerError(summary, answer);
			// A 5xx may come from a gateway after CDEK applied the request: check before sending it again.
			if (changesState && answer.statusCode >= 500 && options.findApplied) {
				const applied = await options.findApplied();
				if (applied) return applied;
			}
			await this.wait(summary, delay);
		}
	}

	/** With a pasted access token, a refused token fails every item alike: that is a credential problem. */
	private answerError(summary: RequestSummary, answer: HttpAnswer) {
		return answerError(this.context.getNode(), summary, answer, {
			credentialProblem: this.usesAccessToken && refusesAuth(answer),
		});
	}

	private async wait(summary: RequestSummary, ms: number): Promise<void> {
		if (!(await pause(ms, this.cancelSignal)))
			throw cancelledError(this.context.getNode(), summary);
	}

	/** One exchange, renewing the token once if CDEK rejects it. */
	private async attempt(
		summary: RequestSummary,
		request: CdekRequest,
		timeout: number,
	): Promise<Attempt> {
		let result = await this.withToken(
			async () => await this.send(summary, request, timeout, [401]),
		);
		// CDEK may report an expired token under a status other than 401 (docs/reference/cdek-api.md §2): renew once.
		if (
			'answer' in result &&
			result.answer.statusCode !== 401 &&
			!this.usesAccessToken &&
			rejectsToken(result.answer)
		) {
			result = await this.send(summary, request, timeout, [401, result.answer.statusCode]);
		}
		return result;
	}

	/**
	 * Until a token is cached, the first request goes alone (its preAuthentication fetches the token)
	 * and the others wait for it: one token request however many items start at once. When that first
	 * request shows the keys are wrong, the others share its failure instead of asking again.
	 */
	private async withToken(exchange: () => Promise<Attempt>): Promise<Attempt> {
		if (this.usesAccessToken || this.credentials.data?.sessionToken) return await exchange();
		if (this.firstToken) {
			const first = await this.firstToken;
			if ('failure' in first && first.failure.name === CREDENTIAL_ERROR_NAME) return first;
			return await exchange();
		}
		this.firstToken = exchange();
		return await this.firstToken;
	}

	/** Sends once; statuses in `renewOn` make n8n renew the token (preAuthentication) and resend once. */
	private async send(
		summary: RequestSummary,
		request: CdekRequest,
		timeout: number,
		renewOn: number[],
	): Promise<Attempt> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: summary.url,
			qs: request.qs,
			body: request.body,
			json: !request.binary,
			timeout,
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: renewOn },
		};
		if (request.binary) {
			options.encoding = 'arraybuffer';
			options.disableFollowRedirect = true;
			options.headers = { accept: 'application/pdf, application/json' };
		}
		if (this.proxy) options.proxy = this.proxy;
		// Each request gets its own copy, so a renewal knows which token CDEK refused (see token-flight).
		const data: ICredentialDataDecryptedObject = { ...this.credentials.data };
		if (this.proxy) data[TOKEN_REQUEST_PROXY] = { ...this.proxy } as IDataObject;
		const sent = { ...this.credentials, data };
		const tokenSent = sent.data.sessionToken;
		try {
			const answer = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL_TYPE,
				options,
				{
					credentialsDecrypted: sent,
					preAuthenticationRetryStatusCode: this.usesAccessToken ? [] : renewOn,
				},
			)) as HttpAnswer;
			const body =
				request.binary && answer.statusCode >= 300 ? readableError(answer.body) : answer.body;
			return { answer: { statusCode: answer.statusCode, headers: answer.headers ?? {}, body } };
		} catch (error) {
			const failure = (error as Failure).cause ?? (error as Failure);
			if (failure.response) {
				const { status, headers, data } = failure.response;
				const body = request.binary ? readableError(data) : data;
				return { answer: { statusCode: status, headers: headers ?? {}, body } };
			}
			return { failure };
		} finally {
			// A token this request fetched serves the requests after it.
			if (sent.data.sessionToken && sent.data.sessionToken !== tokenSent && this.credentials.data) {
				this.credentials.data.sessionToken = sent.data.sessionToken;
			}
		}
	}
}

/** A file request's error answer arrives as bytes: read it as CDEK's JSON, else as text, for the error message. */
function readableError(body: unknown): unknown {
	if (!Buffer.isBuffer(body)) return body;
	const text = body.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
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
