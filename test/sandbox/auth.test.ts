/** POST /v2/oauth/token and Bearer checks (docs/reference/cdek-api.md §2). */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, decodeJwtPart, request } from '../../dev/sandbox/http-client';

let sb: Sandbox;
let api: CdekClient;
const order = () => `/orders/${sb.seeds.delivered.uuid}`;

beforeAll(async () => {
	sb = await startSandbox({
		settleDelayMs: -1,
		clients: [{ clientId: 'shop-a', clientSecret: 'shop-a-secret' }],
	});
	api = new CdekClient(sb);
});
afterAll(() => sb.stop());
beforeEach(async () => {
	sb.reset({ config: true });
	await api.token(true);
});

const tokenUrl = () => `${sb.rootUrl}/oauth/token`;
const keys = () => ({
	grant_type: 'client_credentials',
	client_id: sb.testKeys.clientId,
	client_secret: sb.testKeys.clientSecret,
});

describe('POST /v2/oauth/token', () => {
	it('accepts the published test keys in the query string with an empty body, ignoring `parameters`', async () => {
		const query = new URLSearchParams(keys()).toString();
		const reply = await request(`${tokenUrl()}?parameters&${query}`, 'POST');
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3599,
			scope: 'order:all payment:all location:all',
			jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(sb.testKeys).toEqual({
			clientId: 'wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP',
			clientSecret: 'RmAmgvSgSl1yirlz9QupbzOJVqhCxcP5',
		});
	});

	it('issues a JWT-shaped token: RS256 header, scope array, exp, authorities, jti, client_id', async () => {
		const before = Math.floor(Date.now() / 1000);
		const reply = await request(tokenUrl(), 'POST', { form: keys() });
		const [header, payload, signature] = (reply.body.access_token as string).split('.');
		expect(decodeJwtPart(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
		const claims = decodeJwtPart(payload);
		expect(claims.scope).toEqual(['order:all', 'payment:all', 'location:all']);
		expect(claims.exp).toBeGreaterThanOrEqual(before + 3599);
		expect(claims.jti).toBe(reply.body.jti);
		expect(claims.client_id).toBe(sb.testKeys.clientId);
		expect(claims.authorities).toEqual(
			expect.arrayContaining(['contract:ИМ-РФ-ГЛГ-22', 'full-name:Тестирование Интеграции ИМ']),
		);
		expect(Buffer.from(signature, 'base64url')).toHaveLength(256);
	});

	it('merges query and form body', async () => {
		const reply = await request(`${tokenUrl()}?grant_type=client_credentials`, 'POST', {
			form: { client_id: sb.testKeys.clientId, client_secret: sb.testKeys.clientSecret },
		});
		expect(reply.status).toBe(200);
	});

	it('accepts configured clients and honours tokenTtlSeconds', async () => {
		sb.configure({ tokenTtlSeconds: 120 });
		const reply = await request(tokenUrl(), 'POST', {
			form: {
				grant_type: 'client_credentials',
				client_id: 'shop-a',
				client_secret: 'shop-a-secret',
			},
		});
		expect(reply.status).toBe(200);
		expect(reply.body.expires_in).toBe(120);
		expect(decodeJwtPart(reply.body.access_token.split('.')[1]).client_id).toBe('shop-a');
	});

	it('answers wrong keys with invalid_client at authErrorStatus (401 by default, 400 configurable)', async () => {
		const wrong = { ...keys(), client_secret: 'nope' };
		const expected = { error: 'invalid_client', error_description: 'Bad client credentials' };
		const first = await request(tokenUrl(), 'POST', { form: wrong });
		expect([first.status, first.body]).toEqual([401, expected]);
		sb.configure({ authErrorStatus: 400 });
		const second = await request(tokenUrl(), 'POST', { form: { ...wrong, client_id: 'unknown' } });
		expect([second.status, second.body]).toEqual([400, expected]);
	});

	it('answers a missing grant_type, missing client_id or the wrong verb with `unauthorized`', async () => {
		const unauthorized = {
			error: 'unauthorized',
			error_description: 'Full authentication is required to access this resource',
		};
		const { grant_type: _g, ...noGrant } = keys();
		const { client_id: _c, ...noClient } = keys();
		for (const reply of [
			await request(tokenUrl(), 'POST', { form: noGrant }),
			await request(tokenUrl(), 'POST', { form: noClient }),
			await request(`${tokenUrl()}?${new URLSearchParams(keys())}`, 'GET'),
		]) {
			expect([reply.status, reply.body]).toEqual([401, unauthorized]);
		}
	});

	it('does not read JSON bodies (CDEK expects query or form parameters)', async () => {
		const reply = await request(tokenUrl(), 'POST', { body: keys() });
		expect(reply.status).toBe(401);
		expect(reply.body.error).toBe('unauthorized');
	});

	it('rejects other grant types', async () => {
		const reply = await request(tokenUrl(), 'POST', {
			form: { ...keys(), grant_type: 'password' },
		});
		expect(reply.status).toBe(400);
		expect(reply.body.error).toBe('unsupported_grant_type');
	});

	it('counts token requests and issued tokens', async () => {
		const before = sb.counters();
		await request(tokenUrl(), 'POST', { form: keys() });
		await request(tokenUrl(), 'POST', { form: { ...keys(), client_secret: 'bad' } });
		const after = sb.counters();
		expect(after.tokenRequests - before.tokenRequests).toBe(2);
		expect(after.tokensIssued - before.tokensIssued).toBe(1);
		expect(after.requestsByRoute['POST /v2/oauth/token']).toBe(
			before.requestsByRoute['POST /v2/oauth/token'] + 2,
		);
	});
});

describe('Bearer auth on API routes', () => {
	const authError = (code: string, message: string) => ({
		requests: [
			{
				type: 'AUTH',
				state: 'INVALID',
				date_time: expect.stringMatching(DATE_TIME),
				errors: [{ code, message }],
			},
		],
		related_entities: [],
	});

	it('answers a missing Authorization header with 401 `unauthorized`', async () => {
		const reply = await api.get(order(), { token: null });
		expect(reply.status).toBe(401);
		expect(reply.body).toEqual({
			error: 'unauthorized',
			error_description: 'Full authentication is required to access this resource',
		});
	});

	it('answers a non-Bearer header or a token it never issued with v2_authorization_incorrect', async () => {
		const expected = authError('v2_authorization_incorrect', 'Authorization header is incorrect');
		const basic = await api.get(order(), {
			token: null,
			headers: { authorization: 'Basic dXNlcjpwYXNz' },
		});
		const forged = await api.get(order(), { token: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' });
		for (const reply of [basic, forged])
			expect([reply.status, reply.body]).toEqual([401, expected]);
	});

	it('answers expired tokens with v2_token_expired naming the jti, and a new token works', async () => {
		const tokenReply = await request(tokenUrl(), 'POST', { form: keys() });
		const token = tokenReply.body.access_token as string;
		expect((await api.get(order(), { token })).status).toBe(200);
		sb.expireTokens();
		const expired = await api.get(order(), { token });
		expect([expired.status, expired.body]).toEqual([
			401,
			authError('v2_token_expired', `Access token is expired: ${tokenReply.body.jti}`),
		]);
		expect(expired.text).not.toContain(token);
		expect((await api.get(order(), { token: await api.token(true) })).status).toBe(200);
	});

	it('expires tokens by their lifetime (tokenTtlSeconds 0 = born expired)', async () => {
		sb.configure({ tokenTtlSeconds: 0 });
		const reply = await api.get(order(), { token: await api.token(true) });
		expect(reply.body.requests[0].errors[0].code).toBe('v2_token_expired');
	});

	it('uses tokenErrorStatus for token errors', async () => {
		sb.configure({ tokenErrorStatus: 403 });
		const reply = await api.get(order(), { token: 'not-issued' });
		expect(reply.status).toBe(403);
		expect(reply.body.requests[0].errors[0].code).toBe('v2_authorization_incorrect');
	});

	it('checks auth before routing: unknown paths give 401 without a token and 404 with one', async () => {
		expect((await api.get('/no-such-thing', { token: null })).status).toBe(401);
		const found = await api.get('/no-such-thing');
		expect(found.status).toBe(404);
		expect(found.body).toMatchObject({
			status: 404,
			error: 'Not Found',
			path: '/v2/no-such-thing',
		});
	});
});
