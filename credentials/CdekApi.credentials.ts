import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { checkedApiRoot, originOf } from './common/api-root';
import { describeProxy, parseProxyUrl } from './common/proxy';
import type { ProxySetting } from './common/proxy';
import {
	CDEK_PUBLIC_TEST_KEYS,
	accountKeys,
	bindToken,
	boundToken,
	renewedToken,
	sessionFingerprint,
} from './common/session-token';
import { sharedToken } from './common/token-flight';
import { HANDOFF_CLEARED, receivedHandoff } from './common/token-handoff';
import { ACCOUNT_LABEL, SECURE_PASSWORD_LABEL, WHERE_KEYS_ARE } from './common/vocabulary';
import { credentialError } from './common/token-errors';
import { deadlineSignal, noTokenAnswer, requestToken } from './common/token-request';

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
					name: 'Account and Secure Password (Client ID and Secret)',
					value: 'clientCredentials',
					description: `The keys from ${WHERE_KEYS_ARE}; the node fetches, caches and renews the access token itself`,
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
			displayName: `Find your ${ACCOUNT_LABEL} and ${SECURE_PASSWORD_LABEL} in ${WHERE_KEYS_ARE}. To try without keys, turn on "Use Test API" and leave both empty: CDEK's public test account is used (${ACCOUNT_LABEL} ${CDEK_PUBLIC_TEST_KEYS[0]}, ${SECURE_PASSWORD_LABEL} ${CDEK_PUBLIC_TEST_KEYS[1]}).`,
			name: 'testAccountNotice',
			type: 'notice',
			default: '',
			displayOptions: usesAccount,
		},
		{
			displayName: ACCOUNT_LABEL,
			name: 'clientId',
			type: 'string',
			default: '',
			description: `The "Account" (client_id) shown in ${WHERE_KEYS_ARE}`,
			displayOptions: usesAccount,
		},
		{
			displayName: SECURE_PASSWORD_LABEL,
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `The "Secure password" (client_secret) shown next to the account in ${WHERE_KEYS_ARE}`,
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
		// A secret: the URL carries the proxy's user and password (see the placeholder), so n8n must mask it in the
		// editor and in exports, which the rule cannot tell from the field's name. Renaming it would drop saved values.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- holds user:password
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

	/**
	 * Runs when the stored token is empty (the node empties it to renew a token CDEK refused, see REFUSED_TOKEN),
	 * n8n saw a 401, or the token was issued for other field values (see boundToken); n8n stores the result in
	 * the credential. In Access Token mode it only checks the root.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const root = checkedRoot(credentials);
		if (credentials.authentication === 'accessToken') return {};
		const keys = accountKeys(credentials);
		const fingerprint = sessionFingerprint(credentials);
		if ('problem' in keys) throw credentialError(keys.problem);
		if (fingerprint === undefined) throw credentialError('CDEK API credential is incomplete');
		const handoff = receivedHandoff(credentials);
		const proxy = handoff.proxy ?? ownProxy(credentials);
		const { limits } = handoff;
		const { timeoutMs } = limits;
		// This caller's wait, or the request it starts, gets the full Timeout from now.
		const signal = deadlineSignal(limits);
		limits.whileFetching?.(true);
		try {
			const token = await sharedToken(
				`${root} ${keys.clientId} ${fingerprint}`,
				boundToken(credentials) || renewedToken(credentials, handoff.refusedToken),
				{ signal, maxAgeMs: timeoutMs },
				async (requestSignal) =>
					await requestToken(this, { root, keys, proxy, signal: requestSignal, timeoutMs }),
			);
			// n8n 1.x stores the whole credential it was given, the request's own keys included: return those empty,
			// so that no version keeps them (a stored proxy would outlive a change of the node's proxy).
			return {
				sessionToken: bindToken(fingerprint, token),
				...HANDOFF_CLEARED,
			};
		} catch (error) {
			// This caller's Timeout or Stop may end its wait before the request it joined ends.
			throw noTokenAnswer(error, root, signal, timeoutMs, proxy && describeProxy(proxy));
		} finally {
			limits.whileFetching?.(false);
		}
	}

	/**
	 * Adds the token only to requests for the credential's own API root, and only a token issued for the
	 * fields as they are now; otherwise the request goes without one (CDEK answers 401, and n8n fetches
	 * a token for the current fields).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const root = checkedApiRoot(credentials);
		const target = originOf(requestOptions.url, requestOptions.baseURL);
		if ('problem' in root || target === undefined || target !== originOf(root.root)) {
			return requestOptions;
		}
		const raw =
			credentials.authentication === 'accessToken'
				? String(credentials.accessToken ?? '')
				: boundToken(credentials);
		const token = raw.trim().replace(/^bearer\s+/i, '');
		if (!token) return requestOptions;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	// GET /webhooks is a cheap read that needs a valid token. In account mode a wrong secure password
	// fails in preAuthentication, with CDEK's reason; a token stored for other field values is not sent
	// (see authenticate), so CDEK's 401 makes n8n fetch one for the fields as they are now.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || "").trim() ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : ($credentials.testApi ? "https://api.edu.cdek.ru/v2" : "https://api.cdek.ru/v2") }}',
			url: '/webhooks',
			method: 'GET',
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
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
			...[301, 302, 303, 307, 308].map((status) => ({
				type: 'responseCode' as const,
				properties: {
					value: status,
					message: `The API root answered with a redirect (HTTP ${status}) to another address. Redirects are never followed, so no key or token was sent there. Set "Base URL" to the address the CDEK API answers at itself.`,
				},
			})),
		],
	};
}

/** The credential's own Proxy field, for a token request the node handed no proxy (e.g. the credential's Test). */
function ownProxy(credentials: ICredentialDataDecryptedObject): ProxySetting | undefined {
	const configured = typeof credentials.proxy === 'string' ? credentials.proxy.trim() : '';
	if (!configured) return undefined;
	const parsed = parseProxyUrl(configured);
	if ('problem' in parsed) throw credentialError(`CDEK API credential: Proxy ${parsed.problem}`);
	return parsed;
}

function checkedRoot(credentials: ICredentialDataDecryptedObject): string {
	const checked = checkedApiRoot(credentials);
	if ('problem' in checked) throw credentialError(`CDEK API credential: ${checked.problem}`);
	return checked.root;
}
