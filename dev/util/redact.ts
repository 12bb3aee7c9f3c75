/**
 * Masks secrets in text we print or write to logs: known values (client secrets, tokens), then whatever
 * looks like a secret, by the package's own masking function (bearer tokens, headers, secret fields, URL
 * user info).
 */
import { maskSecrets } from '../../credentials/common/mask';

const knownSecrets = new Set<string>();

/** Remember a value that must never be printed (ignored when too short to be a real secret). */
export function registerSecret(value: string | undefined): void {
	if (value && value.length >= 4) knownSecrets.add(value);
}

export function redact(text: string): string {
	let out = text;
	for (const secret of knownSecrets) out = out.split(secret).join('****');
	return maskSecrets(out);
}
