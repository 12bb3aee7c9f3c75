import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkedApiRoot } from './api-root';
import { ACCOUNT_LABEL, SECURE_PASSWORD_LABEL, WHERE_KEYS_ARE } from './vocabulary';

/**
 * CDEK's shared account for api.edu.cdek.ru: [Account, Secure Password]. Not a secret: CDEK publishes it in
 * its API docs and its own SDKs ship it (docs/reference/cdek-api.md §1). Shown in the credential's notice as well.
 */
export const CDEK_PUBLIC_TEST_KEYS = [
	'wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP',
	'RmAmgvSgSl1yirlz9QupbzOJVqhCxcP5',
] as const;

export interface AccountKeys {
	clientId: string;
	clientSecret: string;
}

/** The keys the token request sends, or why there are none (an empty field). */
export function accountKeys(
	credentials: ICredentialDataDecryptedObject,
): AccountKeys | { problem: string } {
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (!clientId && !clientSecret && credentials.testApi === true) {
		return { clientId: CDEK_PUBLIC_TEST_KEYS[0], clientSecret: CDEK_PUBLIC_TEST_KEYS[1] };
	}
	if (!clientId || !clientSecret) {
		const missing = !clientId ? ACCOUNT_LABEL : SECURE_PASSWORD_LABEL;
		return {
			problem: `CDEK API credential: ${missing} is empty. Enter both ${ACCOUNT_LABEL} and ${SECURE_PASSWORD_LABEL} from ${WHERE_KEYS_ARE}, or turn on "Use Test API" and leave both empty to use CDEK's test account.`,
		};
	}
	return { clientId, clientSecret };
}

/**
 * A digest of everything that decides which token CDEK issues: the API root (Base URL, Use Test API),
 * the account and the secure password. Never the secret itself: it keys shared maps and is stored with
 * the token. Undefined when the credential cannot fetch a token at all.
 */
export function sessionFingerprint(
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	const root = checkedApiRoot(credentials);
	const keys = accountKeys(credentials);
	if ('problem' in root || 'problem' in keys) return undefined;
	return createHash('sha256')
		.update(JSON.stringify([root.root, keys.clientId, keys.clientSecret]))
		.digest('hex')
		.slice(0, 32);
}

const SEPARATOR = '~';

/** What is stored in the credential's Session Token: the token, bound to the fields it was issued for. */
export const bindToken = (fingerprint: string, token: string): string =>
	`${fingerprint}${SEPARATOR}${token}`;

/**
 * The stored token when it was issued for the credential's fields as they are now, else '' (no token):
 * a credential edited to another account, secure password or root must not reuse the old token, nor
 * send it to a new root. Tokens stored without a binding (older versions) count as no token.
 */
export function boundToken(credentials: ICredentialDataDecryptedObject): string {
	const stored = typeof credentials.sessionToken === 'string' ? credentials.sessionToken : '';
	const at = stored.indexOf(SEPARATOR);
	if (at < 0) return '';
	const fingerprint = sessionFingerprint(credentials);
	return fingerprint !== undefined && stored.slice(0, at) === fingerprint
		? stored.slice(at + 1)
		: '';
}

/**
 * The refused token a renewal was handed (token-handoff.ts), if it was issued for the fields as they are now: the
 * token request then replaces it unless another request already did.
 */
export const renewedToken = (
	credentials: ICredentialDataDecryptedObject,
	refusedToken: string | undefined,
): string => boundToken({ ...credentials, sessionToken: refusedToken ?? '' });
