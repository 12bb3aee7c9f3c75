import { maskSecrets } from '../../../credentials/common/mask';

const JWT =
	'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJjbGllbnRfaWQiOiJzaG9wIn0.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu';

describe('maskSecrets', () => {
	it.each([
		['a Bearer header line', `Authorization: Bearer ${JWT}`, 'Authorization: ***'],
		[
			'a header quoted as JSON',
			`{"authorization":"Bearer abc.def-123"}`,
			'{"authorization":"***"}',
		],
		['a raw token after Authorization', 'authorization=opaque-token-42;', 'authorization=***;'],
		[
			'a Proxy-Authorization header',
			'Proxy-Authorization: Basic Y2RlazpwdzE=',
			'Proxy-Authorization: ***',
		],
		['a Bearer token in prose', `sent Bearer ${JWT} twice`, 'sent Bearer *** twice'],
		['a bare JWT', `Access token is expired: ${JWT}`, 'Access token is expired: ***'],
		[
			'a token request form body',
			'grant_type=client_credentials&client_id=shop&client_secret=S3cr3t-Value',
			'grant_type=client_credentials&client_id=shop&client_secret=***',
		],
		[
			'secret fields of a JSON body',
			'{"client_secret":"S3cr3t","access_token":"tok\\"en","expires_in":3600}',
			'{"client_secret":"***","access_token":"***","expires_in":3600}',
		],
		[
			'URL user info',
			'via http://cdek:pa55word@proxy.local:3128 now',
			'via http://***@proxy.local:3128 now',
		],
		[
			'URL user info that does not parse',
			'got "http://cdek:pa ss@word@proxy local:3128"',
			'got "http://***@proxy local:3128"',
		],
	])('masks %s', (_what, text, masked) => {
		expect(maskSecrets(text)).toBe(masked);
	});

	it('leaves text without secrets as it is', () => {
		const text =
			'CDEK: v2_entity_not_found: Order not found (HTTP 404). Request: GET https://api.cdek.ru/v2/orders/72753031-1820-4f99-9240-aab139f05ca5';
		expect(maskSecrets(text)).toBe(text);
	});
});
