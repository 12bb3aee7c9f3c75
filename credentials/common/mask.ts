/**
 * The one masking function for everything the package prints or n8n stores: error messages and
 * descriptions, quoted answer bodies, echoed parameter values. It masks what looks like a secret,
 * whatever field it sits in, so that a secret quoted by CDEK, a gateway or a user's typo never reaches
 * an execution, a log or the editor.
 */
const MASK = '***';

const RULES: Array<[RegExp, string]> = [
	// URL user info, up to the last "@" before a quote, angle bracket or line end: http://user:pa ss@host → http://***@host.
	[/\b([a-z][a-z\d+.-]*:\/\/)[^\n"'<>]*@/gi, `$1${MASK}@`],
	// User info without a scheme, or with a mistyped one (user:pass@host, http//user:pass@host, user:p@ss@host): a
	// word with a ":" before its last "@", the whole word up to that "@". Masked user info is left as it is.
	[/(^|[\s"'`<>(=,;])[^\s"'`<>]*:[^\s"'`<>]*(?<!\*\*\*)@/gu, `$1${MASK}@`],
	// An Authorization (or Proxy-Authorization) header quoted as text or JSON, with or without its scheme.
	[
		/\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;]+/gi,
		`$1${MASK}`,
	],
	[/\b(bearer|basic)\s+[\w.~+/=-]+/gi, `$1 ${MASK}`],
	// Secret fields of a form body or query (client_secret=…) and of JSON ("client_secret": "…").
	[
		/\b((?:client_secret|access_token|refresh_token|id_token|password|session_token)=)[^&\s"']+/gi,
		`$1${MASK}`,
	],
	[
		/("(?:client_secret|clientSecret|access_token|accessToken|refresh_token|sessionToken|password)"\s*:\s*")(?:[^"\\]|\\.)*"/gi,
		`$1${MASK}"`,
	],
	// JWTs, the shape of every CDEK token, wherever they appear ("Access token is expired: {0}").
	[/eyJ[\w-]*\.[\w-]+\.[\w-]*/g, MASK],
];

export function maskSecrets(text: string): string {
	let masked = text;
	for (const [pattern, replacement] of RULES) masked = masked.replace(pattern, replacement);
	return masked;
}
