/**
 * How the credential's token request tells the node what went wrong. An Error thrown from
 * preAuthentication reaches the node wrapped by n8n, so the kind travels in the error's name.
 */

/** Wrong keys or an unusable credential: the node stops at once instead of failing every item alike. */
export const CREDENTIAL_ERROR_NAME = 'CdekCredentialError';
/** The token endpoint is down for a moment (5xx, 429): the node retries like any other request. */
export const TOKEN_UNAVAILABLE_ERROR_NAME = 'CdekTokenUnavailable';

export function namedError(name: string, message: string): Error {
	const error = new Error(message);
	error.name = name;
	return error;
}

export const credentialError = (message: string): Error =>
	namedError(CREDENTIAL_ERROR_NAME, message);
