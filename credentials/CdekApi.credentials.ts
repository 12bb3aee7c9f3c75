import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProblem, cdekApiRoot } from './common/api-root';
import { TOKEN_REQUEST_PROXY, parseProxyUrl } from './common/proxy';
import type { ProxySetting } from './common/proxy';
import { sharedToken } from './common/token-flight';
import { TOKEN_UNAVAILABLE_ERROR_NAME, credentialError, namedError } from './common/token-errors';

/**
 * CDEK's shared account for api.edu.cdek.ru: [Account, Secure Password]. Not a secret: CDEK publishes it in
 * its API docs and its own SDKs ship it (docs/reference/cdek-api.md §1). Shown in the credential's notice as well.
 */
const CDEK_PUBLIC_TEST_KEYS = [
	'wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP',
	'RmAmgvSgSl1yirlz9QupbzOJVqhCxcP5',
] as const;

const usesAccount = { show: { authentication: ['clientCredentials'] } };

export class CdekApi implements ICredentialType {
	name = 'cdekApi';

	displayName = 'CDEK API';

	icon = {
		light: 'file:../nodes/Cdek/cdek.svg',
		dark: 'file:../nodes/Cdek/cdek.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-cdek/n8n-nodes-cdek#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Account and Secure Password',
					value: 'clientCredentials',
					description: 'The node fetches, caches and renews the access token itself',
				},
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'A ready bearer token; CDEK tokens expire after one hour',
				},
			],
			default: 'clientCredentials',
		},
		{
			displayName: `With "Use Test API" on and both fields below left empty, CDEK's public test account is used, so a first try needs no keys. To type it in: Account ${CDEK_PUBLIC_TEST_KEYS[0]}, Secure Password ${CDEK_PUBLIC_TEST_KEYS[1]}.`,
			name: 'testAccountNotice',
			type: 'notice',
			default: '',
			displayOptions: usesAccount,
		},
		{
			displayName: 'Account',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'The "Account" (client_id) from your CDEK integration settings (lk.cdek.ru → Integration)',
			displayOptions: usesAccount,
		},
		{
			displayName: 'Secure Password',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The "Secure password" (client_secret) paired with the account',
			displayOptions: usesAccount,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'A bearer token from POST /v2/oauth/token, without the "Bearer " prefix',
			displayOptions: { show: { authentication: ['accessToken'] } },
		},
		{
			displayName: 'Use Test API',
			name: 'testApi',
			type: 'boolean',
			default: false,
			description:
				"Whether to use CDEK's test environment (api.edu.cdek.ru) instead of production (api.cdek.ru)",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.cdek.ru/v2',
			description:
				'Optional API root, including /v2, e.g. a proxy or the local CDEK sandbox. When set it wins over "Use Test API".',
		},
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'e.g. http://user:password@proxy.example.com:3128',
			description:
				"Optional HTTP proxy for every request to CDEK, the token request included; kept encrypted with the credential. Empty: n8n's own proxy settings (HTTP_PROXY/HTTPS_PROXY) apply.",
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Runs when the cached token is empty or CDEK rejected it; n8n stores the result in the credential. */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials.authentication === 'accessToken') return {};
		const root = checkedRoot(credentials);
		const keys = accountKeys(credentials);
		const current = String(credentials.sessionToken ?? '');
		const proxy = tokenRequestProxy(credentials);
		const sessionToken = await sharedToken(`${root} ${keys.clientId}`, current, async () => {
			const response = (await this.helpers.httpRequest({
				...(proxy ? { proxy } : {}),
				method: 'POST',
				url: `${root}/oauth/token`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: keys.clientId,
					client_secret: keys.clientSecret,
				}).toString(),
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
			})) as { statusCode: number; body: unknown };
			const body = (
				typeof response.body === 'object' && response.body !== null ? response.body : {}
			) as IDataObject;
			if (
				response.statusCode === 200 &&
				typeof body.access_token === 'string' &&
				body.access_token
			) {
				return body.access_token;
			}
			const message = tokenFailureMessage(response.statusCode, body, root);
			throw response.statusCode === 429 || response.statusCode >= 500
				? namedError(TOKEN_UNAVAILABLE_ERROR_NAME, message)
				: credentialError(message);
		});
		return { sessionToken };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const raw =
			credentials.authentication === 'accessToken'
				? credentials.accessToken
				: credentials.sessionToken;
		const token = String(raw ?? '')
			.trim()
			.replace(/^bearer\s+/i, '');
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	// GET /webhooks is a cheap read that needs a valid token; in account mode a wrong secure password
	// already fails in preAuthentication, with CDEK's reason.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || "").trim() ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : ($credentials.testApi ? "https://api.edu.cdek.ru/v2" : "https://api.cdek.ru/v2") }}',
			url: '/webhooks',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'CDEK rejected the access token (HTTP 401): it is wrong or has expired. Tokens live one hour.',
				},
			},
		],
	};
}

/** The node's effective proxy (see TOKEN_REQUEST_PROXY), else the credential's own Proxy field. */
function tokenRequestProxy(credentials: ICredentialDataDecryptedObject): ProxySetting | undefined {
	const fromNode = credentials[TOKEN_REQUEST_PROXY] as unknown as ProxySetting | undefined;
	if (fromNode && typeof fromNode === 'object') return fromNode;
	const configured = typeof credentials.proxy === 'string' ? credentials.proxy.trim() : '';
	if (!configured) return undefined;
	const parsed = parseProxyUrl(configured);
	if ('problem' in parsed) throw credentialError(`CDEK API credential: Proxy ${parsed.problem}`);
	return parsed;
}

function checkedRoot(credentials: ICredentialDataDecryptedObject): string {
	const override = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const problem = override ? baseUrlProblem(override) : undefined;
	if (problem) throw credentialError(`CDEK API credential: ${problem}`);
	return cdekApiRoot(credentials);
}

function accountKeys(credentials: ICredentialDataDecryptedObject) {
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (!clientId && !clientSecret && credentials.testApi === true) {
		return { clientId: CDEK_PUBLIC_TEST_KEYS[0], clientSecret: CDEK_PUBLIC_TEST_KEYS[1] };
	}
	if (!clientId || !clientSecret) {
		const missing = !clientId ? 'Account' : 'Secure Password';
		throw credentialError(
			`CDEK API credential: ${missing} is empty. Enter both Account and Secure Password, or turn on "Use Test API" and leave both empty to use CDEK's test account.`,
		);
	}
	return { clientId, clientSecret };
}

function tokenFailureMessage(status: number, body: IDataObject, root: string): string {
	if (status === 407) {
		return "The proxy refused the token request (HTTP 407 Proxy Authentication Required). Check the proxy user and password in the credential's Proxy field.";
	}
	const reason = [body.error, body.error_description ?? body.message].filter(
		(part) => typeof part === 'string' && part,
	);
	const detail = reason.length ? `${reason.join(': ')}, HTTP ${status}` : `HTTP ${status}`;
	if (status === 400 || status === 401 || status === 403) {
		return `CDEK rejected the Account and Secure Password (${detail}). Check both values and that "Use Test API" matches the keys (test keys only work on api.edu.cdek.ru).`;
	}
	return `CDEK did not issue an access token from ${root}/oauth/token (${detail}).`;
}
