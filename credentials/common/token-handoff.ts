import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ProxySetting } from './proxy';

/**
 * The contract between the node's transport (nodes/Cdek/transport/client.ts, the writer) and the credential's token
 * request (CdekApi.credentials.ts preAuthentication, the reader).
 *
 * n8n calls preAuthentication with nothing but credential data, so what one node request needs its token request to
 * know travels in that request's own copy of the data, under the keys below, and nowhere else. preAuthentication
 * returns `HANDOFF_CLEARED` with the token, so n8n (1.x stores the whole object it was given) never keeps any of it.
 * The credential's own Test sends no handoff: it gets the defaults (`DEFAULT_TOKEN_TIMEOUT_MS`, its own Proxy field).
 */
export interface TokenHandoff {
	/** The stored token CDEK refused: fetch a new one unless another request already replaced it. */
	refusedToken?: string;
	/** The node's effective proxy, which the token request must take too. */
	proxy?: ProxySetting;
	/** The limits of the request that waits for the token. */
	limits?: TokenRequestLimits;
}

export interface TokenRequestLimits {
	/** The execution's Stop, when the caller has one. */
	cancel?: AbortSignal;
	/** Each token request, and each wait for one, gets this long. */
	timeoutMs: number;
	/** Told when the token is being fetched and when that is over, so the caller's own clock can wait. */
	whileFetching?: (fetching: boolean) => void;
}

/** Without limits from the node (the credential's Test), a token request gives up after this long. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30000;

const KEYS = {
	refusedToken: 'refusedSessionToken',
	proxy: 'tokenRequestProxy',
	limits: 'tokenRequestLimits',
} as const satisfies Record<keyof TokenHandoff, string>;

/** The data keys the handoff occupies: none of them may ever be stored with the credential. */
export const HANDOFF_KEYS: readonly string[] = Object.values(KEYS);

/** What preAuthentication returns beside the token, so that n8n stores none of the handoff. */
export const HANDOFF_CLEARED: IDataObject = Object.fromEntries(
	HANDOFF_KEYS.map((key) => [key, undefined]),
);

/** The transport's side: a request's own copy of the credential data, carrying the handoff. */
export function withHandoff(
	data: ICredentialDataDecryptedObject,
	handoff: TokenHandoff,
): ICredentialDataDecryptedObject {
	const handed: ICredentialDataDecryptedObject = { ...data };
	if (handoff.refusedToken !== undefined) handed[KEYS.refusedToken] = handoff.refusedToken;
	if (handoff.proxy) handed[KEYS.proxy] = { ...handoff.proxy } as unknown as IDataObject;
	if (handoff.limits) handed[KEYS.limits] = handoff.limits as unknown as IDataObject;
	return handed;
}

/** The credential's side: what this token request was handed, limits defaulted for the credential's Test. */
export function receivedHandoff(
	credentials: ICredentialDataDecryptedObject,
): TokenHandoff & { limits: TokenRequestLimits } {
	const refused = credentials[KEYS.refusedToken];
	const proxy = credentials[KEYS.proxy] as unknown as ProxySetting | undefined;
	const limits = credentials[KEYS.limits] as unknown as Partial<TokenRequestLimits> | undefined;
	return {
		refusedToken: typeof refused === 'string' ? refused : undefined,
		proxy: proxy && typeof proxy === 'object' ? proxy : undefined,
		limits:
			limits && typeof limits.timeoutMs === 'number'
				? (limits as TokenRequestLimits)
				: { timeoutMs: DEFAULT_TOKEN_TIMEOUT_MS },
	};
}
