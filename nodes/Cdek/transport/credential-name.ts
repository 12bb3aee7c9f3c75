import type { INode } from 'n8n-workflow';

/** The credential type's name (client.ts's CREDENTIAL_TYPE; client.ts imports failures.ts, which imports this). */
const CREDENTIAL_TYPE = 'cdekApi';

/**
 * A message about the keys, naming the credential the node used (n8n keeps its name on the node): with several
 * CDEK credentials, n8n may have picked another one than the user thinks, and "the Account" alone does not say which.
 */
export function namingCredential(message: string, node: INode | undefined): string {
	const name = node?.credentials?.[CREDENTIAL_TYPE]?.name;
	if (!name || message.includes(`"${name}"`)) return message;
	if (message.startsWith('CDEK API credential:'))
		return message.replace('CDEK API credential:', `CDEK API credential "${name}":`);
	if (message.includes('the Account and Secure Password'))
		return message.replace(
			'the Account and Secure Password',
			`the Account and Secure Password of the credential "${name}"`,
		);
	if (/\bin the credential\b/.test(message))
		return message.replace(/\bin the credential\b/, `in the credential "${name}"`);
	return message.replace(/( \[item \d+\])?$/, ` (credential "${name}")$1`);
}
