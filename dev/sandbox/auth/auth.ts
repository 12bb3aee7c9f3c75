/**
 * OAuth client_credentials on POST /v2/oauth/token and Bearer checks on every other /v2 route (docs/reference/cdek-api.md §2).
 */
import { randomBytes } from 'node:crypto';
import { entityError, messages } from '../common/envelopes';
import { header, json, parseForm, type HandlerResult, type RequestContext } from '../common/http';
import { randomUuid, stableUuid } from '../common/ids';
import type { ClientKeys } from '../common/types';

/** CDEK's published edu keys (docs/reference/cdek-api.md §1). */
export const TEST_KEYS: ClientKeys = {
	clientId: 'wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP',
	clientSecret: 'RmAmgvSgSl1yirlz9QupbzOJVqhCxcP5',
};

/** Measured token scope (OPI Get-token, docs/reference/cdek-api.md §2); the JWT carries it as an array. */
const SCOPES = ['order:all', 'payment:all', 'location:all'];

interface IssuedToken {
	jti: string;
	clientId: string;
	expiresAt: number;
	expired: boolean;
}

export type AuthCheck = { ok: true; clientId: string } | { ok: false; result: HandlerResult };

export interface AuthConfig {
	clients: () => ClientKeys[];
	tokenTtlSeconds: () => number;
	authErrorStatus: () => number;
	tokenErrorStatus: () => number;
	onTokenIssued: () => void;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Spring Security's answer without credentials (docs/reference/cdek-api.md §2: missing header / wrong verb on the auth method). */
export function unauthorized(): HandlerResult {
	return json(401, { error: 'unauthorized', error_description: messages.fullAuthRequired });
}

export class TokenAuthority {
	private readonly tokens = new Map<string, IssuedToken>();

	constructor(private readonly config: AuthConfig) {}

	handleTokenRequest(ctx: RequestContext): HandlerResult {
		if (ctx.method !== 'POST') return unauthorized();
		// Query string and form body are merged; unknown keys such as `parameters` are ignored (docs/reference/cdek-api.md §2).
		const params: Record<string, string> = Object.fromEntries(ctx.query);
		const contentType = header(ctx.headers, 'content-type') ?? '';
		if (
			ctx.rawBody &&
			(contentType === '' || /application\/x-www-form-urlencoded/i.test(contentType))
		) {
			Object.assign(params, parseForm(ctx.rawBody));
		}
		if (!params.grant_type) return unauthorized();
		if (params.grant_type !== 'client_credentials') {
			// Spring OAuth's standard answer; CDEK does not document it (sandbox choice).
			return json(400, {
				error: 'unsupported_grant_type',
				error_description: `Unsupported grant type: ${params.grant_type}`,
			});
		}
		if (!params.client_id) return unauthorized();
		const known = this.config.clients().find((c) => c.clientId === params.client_id);
		if (!known || known.clientSecret !== params.client_secret) {
			return json(this.config.authErrorStatus(), {
				error: 'invalid_client',
				error_description: 'Bad client credentials',
			});
		}
		return json(200, this.issue(known.clientId));
	}

	issue(clientId: string) {
		const ttl = this.config.tokenTtlSeconds();
		const jti = randomUuid();
		const exp = Math.floor(Date.now() / 1000) + ttl;
		const payload = {
			scope: SCOPES,
			exp,
			authorities: authoritiesFor(clientId),
			jti,
			client_id: clientId,
		};
		const token = [
			base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })),
			base64url(JSON.stringify(payload)),
			base64url(randomBytes(256)),
		].join('.');
		this.tokens.set(token, { jti, clientId, expiresAt: exp * 1000, expired: false });
		this.config.onTokenIssued();
		return {
			access_token: token,
			token_type: 'bearer',
			expires_in: ttl,
			scope: SCOPES.join(' '),
			jti,
		};
	}

	/** Bearer check for /v2 routes other than /oauth/token. */
	check(authorization: string | undefined): AuthCheck {
		if (!authorization) return { ok: false, result: unauthorized() };
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		const issued = match ? this.tokens.get(match[1]) : undefined;
		if (!issued)
			return {
				ok: false,
				result: this.authError('v2_authorization_incorrect', messages.authorizationIncorrect),
			};
		if (issued.expired || Date.now() >= issued.expiresAt) {
			// "{0}" of the documented template is not specified; the sandbox puts the jti so that the token itself
			// never appears in bodies or logs (sandbox choice).
			return {
				ok: false,
				result: this.authError('v2_token_expired', messages.tokenExpired(issued.jti)),
			};
		}
		return { ok: true, clientId: issued.clientId };
	}

	/** Marks one token expired (fault 'expire-token'); returns false for unknown tokens. */
	expire(authorization: string | undefined): boolean {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		const issued = match ? this.tokens.get(match[1]) : undefined;
		if (issued) issued.expired = true;
		return Boolean(issued);
	}

	expireAll(): void {
		for (const token of this.tokens.values()) token.expired = true;
	}

	/** Entity-style AUTH envelope (docs/reference/cdek-api.md §2: SDKs check requests[0].type === 'AUTH' and errors[0].code). */
	private authError(code: string, message: string): HandlerResult {
		return json(this.config.tokenErrorStatus(), entityError('AUTH', [{ code, message }]));
	}
}

/** JWT authorities as decoded from a real edu token (docs/reference/cdek-api.md §1, §2); ids are stable per client. */
function authoritiesFor(clientId: string): string[] {
	const isTestAccount = clientId === TEST_KEYS.clientId;
	return [
		'shard-id:ru-01',
		'client-city:Новосибирск, Новосибирская область',
		'account-lang:rus',
		`contract:${isTestAccount ? 'ИМ-РФ-ГЛГ-22' : 'ИМ-РФ-SANDBOX-1'}`,
		'api-version:1.1',
		`account-uuid:${stableUuid(`account:${clientId}`)}`,
		`client-id-ec4:${parseInt(stableUuid(`ec4:${clientId}`).slice(0, 7), 16)}`,
		`contragent-uuid:${stableUuid(`contragent:${clientId}`)}`,
		`full-name:${isTestAccount ? 'Тестирование Интеграции ИМ' : `Sandbox client ${clientId.slice(0, 6)}`}`,
	];
}
