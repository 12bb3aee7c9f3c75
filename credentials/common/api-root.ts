import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const CDEK_PRODUCTION_ROOT = 'https://api.cdek.ru/v2';
export const CDEK_TEST_ROOT = 'https://api.edu.cdek.ru/v2';

/** Why a base URL override cannot be used, or undefined when it can. */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `Base URL must be a full URL such as ${CDEK_PRODUCTION_ROOT}, got "${baseUrl.slice(0, 100)}"`;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `Base URL must start with https:// or http://, got "${url.protocol}"`;
	}
	if (url.username || url.password) {
		return 'Base URL must not contain a user name or password';
	}
	return undefined;
}

/**
 * The API root every path is appended to: the base URL override when set (it wins over "Use Test
 * API"), otherwise CDEK's test or production root. Both roots include /v2 (docs/reference/cdek-api.md §1).
 */
export function cdekApiRoot(credentials: ICredentialDataDecryptedObject): string {
	const override = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	return credentials.testApi === true ? CDEK_TEST_ROOT : CDEK_PRODUCTION_ROOT;
}
