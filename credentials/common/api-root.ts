import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { maskSecrets } from './mask';

export const CDEK_PRODUCTION_ROOT = 'https://api.cdek.ru/v2';
export const CDEK_TEST_ROOT = 'https://api.edu.cdek.ru/v2';

/**
 * Characters that make a URL read like one host and reach another: `https://evil.example\@api.cdek.ru/v2`
 * goes to evil.example (a backslash is a slash), and so do `#@api.cdek.ru` (a fragment), `?@api.cdek.ru`
 * (a query) and `user@` forms. None belongs in an API root.
 */
const MISLEADING = /[\\#?@\s]/;

function baseUrlOverride(credentials: ICredentialDataDecryptedObject): string {
	return typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
}

/** The root a parsed URL stands for: scheme, host (lower case) and path, without trailing slashes. */
const normalised = (url: URL): string =>
	`${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;

/** Why a base URL override cannot be used, or undefined when it can. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	const shown = `"${maskSecrets(baseUrl).slice(0, 100)}"`;
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `Base URL must be a full URL such as ${CDEK_PRODUCTION_ROOT}, got ${shown}`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `Base URL must start with https:// or http://, got "${url.protocol}"`;
	}
	if (url.username || url.password) {
		return `Base URL must not contain a user name or password (it would send requests to ${url.host})`;
	}
	if (MISLEADING.test(baseUrl)) {
		return `Base URL must be a plain address such as ${CDEK_PRODUCTION_ROOT}, without "\\", "#", "?", "@" or spaces: ${shown} would send requests to ${url.host || 'no host'}`;
	}
	if (!url.hostname) return `Base URL must name a host, got ${shown}`;
	return undefined;
}

/**
 * The API root every path is appended to: the base URL override when set (it wins over "Use Test
 * API"), normalised, otherwise CDEK's test or production root. Both roots include /v2
 * (docs/reference/cdek-api.md §1). Callers check `baseUrlProblem` first.
 */
export function cdekApiRoot(credentials: ICredentialDataDecryptedObject): string {
	const override = baseUrlOverride(credentials);
	if (override) {
		try {
			return normalised(new URL(override));
		} catch {
			return override.replace(/\/+$/, '');
		}
	}
	return credentials.testApi === true ? CDEK_TEST_ROOT : CDEK_PRODUCTION_ROOT;
}

/** The credential's API root, or why it cannot be used. */
export function checkedApiRoot(
	credentials: ICredentialDataDecryptedObject,
): { root: string } | { problem: string } {
	const override = baseUrlOverride(credentials);
	const problem = override ? baseUrlProblem(override) : undefined;
	return problem ? { problem } : { root: cdekApiRoot(credentials) };
}

/** scheme://host:port of a URL, or undefined when it is not one. */
export function originOf(url: string, base?: string): string | undefined {
	try {
		return new URL(url, base).origin;
	} catch {
		return undefined;
	}
}
