import { CdekApi } from '../../../credentials/CdekApi.credentials';
import { bindToken, sessionFingerprint } from '../../../credentials/common/session-token';

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

	it('calls the keys by one name in the fields, the notice and the Authentication option, and says where they are', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.clientId.displayName).toBe('Account (Client ID)');
		expect(byName.clientSecret.displayName).toBe('Secure Password (Client Secret)');
		const notice = byName.testAccountNotice.displayName;
		expect(notice).toContain('Account (Client ID) and Secure Password (Client Secret)');
		expect(notice).toContain('lk.cdek.ru → Integration');
		expect(byName.clientId.description).toContain('lk.cdek.ru → Integration');
		expect(byName.clientSecret.description).toContain('lk.cdek.ru → Integration');
		const option = byName.authentication.options?.[0] as { name: string; description: string };
		expect(option.name).toBe('Account and Secure Password (Client ID and Secret)');
		expect(option.description).toContain('lk.cdek.ru → Integration');
	});

	describe('authenticate', () => {
		const account = {
			authentication: 'clientCredentials',
			clientId: 'shop-account',
			clientSecret: 'right-secret',
			baseUrl: 'https://cdek.example/v2',
			accessToken: 'ignored',
		};
		const stored = bindToken(sessionFingerprint(account) ?? '', 'session-1');
		const onRoot = {
			url: 'https://cdek.example/v2/orders',
			headers: { Accept: 'application/json' },
		};

		it('sends the token stored for these very fields in account mode', async () => {
			const options = await credential.authenticate({ ...account, sessionToken: stored }, onRoot);
			expect(options.headers).toEqual({
				Accept: 'application/json',
				Authorization: 'Bearer session-1',
			});
		});

		it.each([
			['the secure password', { clientSecret: 'edited-secret' }],
			['the account', { clientId: 'other-account' }],
			['the base URL', { baseUrl: 'https://other.example/v2' }],
		])('sends no token once %s changed: it was issued for other values', async (_field, edit) => {
			const edited = { ...account, ...edit, sessionToken: stored };
			const url = `${String(edited.baseUrl)}/orders`;
			const options = await credential.authenticate(edited, { url });
			expect(options.headers?.Authorization).toBeUndefined();
		});

		it('sends no token stored by an older version, without a binding', async () => {
			const options = await credential.authenticate({ ...account, sessionToken: 'eyJold' }, onRoot);
			expect(options.headers?.Authorization).toBeUndefined();
		});

		it.each([
			['another host', 'https://elsewhere.example/v2/orders'],
			['another scheme', 'http://cdek.example/v2/orders'],
			['another port', 'https://cdek.example:8443/v2/orders'],
		])('sends no token to %s than the API root', async (_what, url) => {
			const options = await credential.authenticate({ ...account, sessionToken: stored }, { url });
			expect(options.headers?.Authorization).toBeUndefined();
			const pasted = await credential.authenticate(
				{ authentication: 'accessToken', accessToken: 'tok-2', baseUrl: account.baseUrl },
				{ url },
			);
			expect(pasted.headers?.Authorization).toBeUndefined();
		});

		it('sends a pasted access token, tolerating spaces and a "Bearer " prefix', async () => {
			const options = await credential.authenticate(
				{ authentication: 'accessToken', accessToken: '  Bearer tok-2 ' },
				{ url: 'https://api.cdek.ru/v2/orders' },
			);
			expect(options.headers?.Authorization).toBe('Bearer tok-2');
		});
	});

	it('tests the credential with an authenticated read against the chosen root', () => {
		expect(credential.test.request.url).toBe('/webhooks');
		expect(credential.test.request.method).toBe('GET');
		expect(String(credential.test.request.baseURL)).toContain('api.edu.cdek.ru/v2');
		expect(String(credential.test.request.baseURL)).toContain('api.cdek.ru/v2');
		expect(credential.test.request.disableFollowRedirect).toBe(true);
	});
});
