import { CdekApi } from '../../../credentials/CdekApi.credentials';

const credential = new CdekApi();

describe('CdekApi credential', () => {
	it('keeps the public names that saved credentials depend on', () => {
		expect(credential.name).toBe('cdekApi');
		expect(credential.displayName).toBe('CDEK API');
		const names = credential.properties.map((p) => p.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'authentication',
				'clientId',
				'clientSecret',
				'accessToken',
				'testApi',
				'baseUrl',
			]),
		);
		const authentication = credential.properties.find((p) => p.name === 'authentication');
		expect(authentication?.default).toBe('clientCredentials');
		expect(authentication?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'clientCredentials',
			'accessToken',
		]);
	});

	it('hides secrets as passwords and caches the token in a hidden expirable field', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		for (const name of ['clientSecret', 'accessToken', 'sessionToken']) {
			expect(byName[name].typeOptions?.password).toBe(true);
		}
		expect(byName.sessionToken.type).toBe('hidden');
		expect(byName.sessionToken.typeOptions?.expirable).toBe(true);
	});

	it('tells users about the public test account in a notice shown in account mode', () => {
		const notice = credential.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toContain('Use Test API');
		expect(notice?.displayName).toContain('wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP');
		expect(notice?.displayOptions?.show?.authentication).toEqual(['clientCredentials']);
	});

	it('sends the cached session token in account mode', async () => {
		const options = await credential.authenticate(
			{ authentication: 'clientCredentials', sessionToken: 'session-1', accessToken: 'ignored' },
			{ url: '/orders', headers: { Accept: 'application/json' } },
		);
		expect(options.headers).toEqual({
			Accept: 'application/json',
			Authorization: 'Bearer session-1',
		});
	});

	it('sends a pasted access token, tolerating spaces and a "Bearer " prefix', async () => {
		const options = await credential.authenticate(
			{ authentication: 'accessToken', accessToken: '  Bearer tok-2 ' },
			{ url: '/orders' },
		);
		expect(options.headers?.Authorization).toBe('Bearer tok-2');
	});

	it('tests the credential with an authenticated read against the chosen root', () => {
		expect(credential.test.request.url).toBe('/webhooks');
		expect(credential.test.request.method).toBe('GET');
		expect(String(credential.test.request.baseURL)).toContain('api.edu.cdek.ru/v2');
		expect(String(credential.test.request.baseURL)).toContain('api.cdek.ru/v2');
	});
});
