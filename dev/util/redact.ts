/**
 * Masks secrets in text we print or write to logs: known values (client secrets, tokens) plus anything
 * that looks like a bearer token or an OAuth secret field.
 */
const knownSecrets = new Set<string>();

/** Remember a value that must never be printed (ignored when too short to be a real secret). */
export function registerSecret(value: string | undefined): void {
	if (value && value.length >= 4) knownSecrets.add(value);
}

export function maskSecret(value: string): string {
	return value.length <= 4 ? '****' : `${value.slice(0, 2)}****`;
}

const patterns: Array<[RegExp, string]> = [
	[/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1****'],
	[
		/("(?:access_token|client_secret|clientSecret|accessToken|sessionToken|password)"\s*:\s*")[^"]*"/gi,
		'$1****"',
	],
	[/((?:access_token|client_secret)=)[^&\s"]+/gi, '$1****'],
];

export function redact(text: string): string {
	let out = text;
	for (const secret of knownSecrets) out = out.split(secret).join('****');
	for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
	return out;
}
