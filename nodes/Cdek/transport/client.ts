import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { baseUrlProblem, cdekApiRoot } from './api-root';
import { AUTH_ERROR_CODES, cdekErrors } from './cdek-errors';
import { answerError, noAnswerError } from './failures';
import type { HttpAnswer, RequestSummary } from './failures';

export const CREDENTIAL_TYPE = 'cdekApi';

/** The n8n contexts that may talk to CDEK: the node's execute, and the trigger's hooks and webhook. */
export type CdekContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions;
export const DEFAULT_TIMEOUT_MS = 30000;

export interface CdekRequest {
	method: IHttpRequestMethods;
	/** Path below the API root, e.g. `/orders/{uuid}/refusal`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

export interface CdekResponse {
	statusCode: number;
	headers: IDataObject;
	body: IDataObject;
}

export interface RequestOptions {
	timeout?: number;
}

interface Failure {
	code?: string;
	message: string;
	cause?: Failure;
	response?: { status: number; headers?: IDataObject; data?: unknown };
}

/**
 * The only place that talks HTTP to CDEK. One client per execution: the credential is read once and
 * the token that preAuthentication fetches is kept in it, so items after the first reuse it.
 */
export class CdekClient {
	private constructor(
		private readonly context: CdekContext,
		private readonly credentials: ICredentialsDecrypted,
		readonly root: string,
	) {}

	static async create(context: CdekContext): Promise<CdekClient> {
		const data: ICredentialDataDecryptedObject = await context.getCredentials(CREDENTIAL_TYPE);
		const baseUrl = typeof data.baseUrl === 'string' ? data.baseUrl.trim() : '';
		const problem = baseUrl ? baseUrlProblem(baseUrl) : undefined;
		if (problem) {
			throw new NodeOperationError(context.getNode(), `CDEK API credential: ${problem}`, {
				description: 'Open the credential and correct "Base URL", or leave it empty to use CDEK\'s own servers.',
			});
		}
		const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
		const credentials = { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data };
		return new CdekClient(context, credentials, cdekApiRoot(data));
	}

	private get usesAccessToken(): boolean {
		return this.credentials.data?.authentication === 'accessToken';
	}

	async request(itemIndex: number, request: CdekRequest, options: RequestOptions = {}): Promise<CdekResponse> {
		const summary: RequestSummary = { method: request.method, url: `${this.root}${request.path}`, itemIndex };
		let answer = await this.send(summary, request, options, [401]);
		// CDEK may report an expired token under a status other than 401 (cdek-api.md §2): renew once.
		if (answer.statusCode !== 401 && !this.usesAccessToken && this.rejectsToken(answer)) {
			answer = await this.send(summary, request, options, [401, answer.statusCode]);
		}
		const { body } = answer;
		if (answer.statusCode >= 400 || typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw answerError(this.context.getNode(), summary, answer);
		}
		return { statusCode: answer.statusCode, headers: answer.headers, body: body as IDataObject };
	}

	private rejectsToken(answer: HttpAnswer): boolean {
		return answer.statusCode >= 400 && cdekErrors(answer.body).some((error) => AUTH_ERROR_CODES.has(error.code));
	}

	/** Sends once; statuses in `renewOn` make n8n renew the token (preAuthentication) and resend once. */
	private async send(summary: RequestSummary, request: CdekRequest, options: RequestOptions, renewOn: number[]): Promise<HttpAnswer> {
		const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
		try {
			const answer = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL_TYPE,
				{
					method: request.method,
					url: summary.url,
					qs: request.qs,
					body: request.body,
					json: true,
					timeout,
					returnFullResponse: true,
					ignoreHttpStatusErrors: { ignore: true, except: renewOn },
				},
				{
					credentialsDecrypted: this.credentials,
					preAuthenticationRetryStatusCode: this.usesAccessToken ? [] : renewOn,
				},
			)) as HttpAnswer;
			return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body };
		} catch (error) {
			const failure = (error as Failure).cause ?? (error as Failure);
			if (failure.response) {
				return { statusCode: failure.response.status, headers: failure.response.headers ?? {}, body: failure.response.data };
			}
			throw noAnswerError(this.context.getNode(), summary, failure, timeout);
		}
	}
}
