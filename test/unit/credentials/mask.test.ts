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
		['user info without a scheme', 'got "shop:pa55@127.0.0.1:3128"', 'got "***@127.0.0.1:3128"'],
		['user info before a host name only', 'shop:pa55@proxy.example.com', '***@proxy.example.com'],
		['a mistyped scheme', 'via http//shop:pa55@proxy.local:3128', 'via ***@proxy.local:3128'],
		['"@" and ":" in the user info', 'shop@mail.ru:p@s:s@proxy.local', '***@proxy.local'],
		['"%" escapes in the user info', 'shop%40mail:p%3Ass@proxy.local', '***@proxy.local'],
		['user info outside ASCII', 'магазин:пароль@прокси.рф:3128', '***@прокси.рф:3128'],
		['user info inside JSON', '{"proxy":"shop:pa55@proxy.local"}', '{"proxy":"***@proxy.local"}'],
	])('masks %s', (_what, text, masked) => {
		expect(maskSecrets(text)).toBe(masked);
	});

	it.each([
		['an e-mail address', 'write to returns@shop.ru or call'],
		[
			'a URL with a port and a query',
			'GET https://api.cdek.ru:443/v2/deliverypoints?city_code=44&type=PVZ',
		],
	])('leaves %s as it is', (_what, text) => {
		expect(maskSecrets(text)).toBe(text);
	});

	it('leaves text without secrets as it is', () => {
		const text =
			'CDEK: v2_entity_not_found: Order not found (HTTP 404). Request: GET https://api.cdek.ru/v2/orders/72753031-1820-4f99-9240-aab139f05ca5';
		expect(maskSecrets(text)).toBe(text);
	});
});
