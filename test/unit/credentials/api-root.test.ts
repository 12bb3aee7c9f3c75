import { baseUrlProblem, cdekApiRoot } from '../../../credentials/common/api-root';

describe('cdekApiRoot', () => {
	it('uses production by default and the test API when asked, both with /v2', () => {
		expect(cdekApiRoot({})).toBe('https://api.cdek.ru/v2');
		expect(cdekApiRoot({ testApi: true })).toBe('https://api.edu.cdek.ru/v2');
	});

	it('lets a base URL override win over the test toggle, without trailing slashes', () => {
		expect(cdekApiRoot({ testApi: true, baseUrl: ' http://127.0.0.1:8787/v2/ ' })).toBe(
			'http://127.0.0.1:8787/v2',
		);
	});
});

describe('baseUrlProblem', () => {
	it.each(['api.cdek.ru/v2', 'ftp://api.cdek.ru/v2', 'https://user:pw@api.cdek.ru/v2', '   x'])(
		'refuses %p',
		(url) => {
			expect(baseUrlProblem(url)).toMatch(/Base URL must/);
		},
	);

	it.each([
		['a backslash', 'https://evil.example\\@api.cdek.ru/v2', 'evil\\.example'],
		['a fragment', 'https://evil.example#@api.cdek.ru/v2', 'evil\\.example'],
		['a query', 'https://evil.example?@api.cdek.ru/v2', 'evil\\.example'],
		// The URL parser drops tabs: this one reaches api.cdek.ru.evil.example.
		['a tab', 'https://api.cdek.ru\t.evil.example/v2', 'api\\.cdek\\.ru\\.evil\\.example'],
	])(
		'refuses a URL with %s that reads like api.cdek.ru, naming the host it would reach',
		(_what, url, host) => {
			expect(baseUrlProblem(url)).toMatch(
				new RegExp(
					`^Base URL must be a plain address such as https://api\\.cdek\\.ru/v2, without "\\\\", "#", "\\?", "@" or spaces: ".*" would send requests to ${host}$`,
					's',
				),
			);
		},
	);

	it('refuses user info without echoing the password', () => {
		const problem = baseUrlProblem('https://api.cdek.ru:s3cret-pass@evil.example/v2');
		expect(problem).toBe(
			'Base URL must not contain a user name or password (it would send requests to evil.example)',
		);
	});

	it('normalises the root it uses: lower-case host, no trailing slashes', () => {
		expect(cdekApiRoot({ baseUrl: 'HTTPS://API.Example.ORG:8443/v2//' })).toBe(
			'https://api.example.org:8443/v2',
		);
	});

	it('accepts http and https URLs', () => {
		expect(baseUrlProblem('https://api.cdek.ru/v2')).toBeUndefined();
		expect(baseUrlProblem('http://127.0.0.1:8787/v2')).toBeUndefined();
	});
});
