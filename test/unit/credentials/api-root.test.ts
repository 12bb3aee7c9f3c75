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

	it('accepts http and https URLs', () => {
		expect(baseUrlProblem('https://api.cdek.ru/v2')).toBeUndefined();
		expect(baseUrlProblem('http://127.0.0.1:8787/v2')).toBeUndefined();
	});
});
