/**
 * One account, two credentials: the right Secure Password and a wrong one. The process-wide token cache
 * must never hand the right credential's token to the wrong one, whether they run at once or one after
 * the other; and a credential edited after its token was stored (another Secure Password, another Base
 * URL) must not go on using, or sending anywhere, the token of its old values.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { bindToken, sessionFingerprint } from '../../../credentials/common/session-token';
import {
	CREDENTIAL_ID,
	WRONG_KEYS_MESSAGE,
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { startRecorder } from '../../../dev/proxies/hostile-relay';
import type { Sandbox } from '../../../dev/sandbox';

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;
const getOrder = (sandbox: Sandbox) => ({
	operation: 'get',
	lookupBy: 'uuid',
	orderUuid: sandbox.seeds.delivered.uuid,
});

describe('two credentials for one account (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();
	const get = () => getOrder(sandbox());
	const right = () => accountCredential(sandbox());
	/** The same account with a wrong Secure Password, holding a token it once had (since expired). */
	const wrong = () => {
		const data: ICredentialDataDecryptedObject = {
			authentication: 'clientCredentials',
			...sandbox().testKeys,
			clientSecret: 'not-the-secure-password',
			baseUrl: sandbox().rootUrl,
		};
		return accountCredential(sandbox(), {
			...data,
			sessionToken: bindToken(sessionFingerprint(data) ?? '', 'eyJold.expired.token'),
		});
	};
	const storedToken = (credentials: ReturnType<typeof right>) =>
		String(credentials.get(CREDENTIAL_ID).sessionToken ?? '');

	it('run at once, five pairs: every wrong one fails with CDEK’s reason and gets no token', async () => {
		const pairs = Array.from({ length: 5 }, () => ({ right: right(), wrong: wrong() }));
		const results = await Promise.all(
			pairs.flatMap((pair) => [
				runCdek(get(), { credentials: pair.right }),
				runCdek(get(), { credentials: pair.wrong }),
			]),
		);
		results.forEach((result, index) => {
			if (index % 2 === 0) expect(result.output('CDEK')[0].json.entity).toBeDefined();
			else expect(result.error?.message).toBe(WRONG_KEYS_MESSAGE);
		});
		for (const pair of pairs) {
			expect(storedToken(pair.right)).toMatch(JWT);
			expect(storedToken(pair.wrong)).toContain('eyJold.expired.token');
		}
		// Five answered reads, and five refusals of the wrong ones' expired token before they asked for a new one.
		const reads = sandbox()
			.requestLog()
			.filter((entry) => entry.path.startsWith('/v2/orders/'))
			.map((entry) => entry.status);
		expect(reads.sort()).toEqual([200, 200, 200, 200, 200, 401, 401, 401, 401, 401]);
	});

	it('one after the other, within seconds, in both orders', async () => {
		const first = await runCdek(get(), { credentials: right() });
		expect(first.output('CDEK')[0].json.entity).toBeDefined();
		const wrongCredential = wrong();
		const second = await runCdek(get(), { credentials: wrongCredential });
		expect(second.error?.message).toBe(WRONG_KEYS_MESSAGE);
		expect(storedToken(wrongCredential)).not.toMatch(/eyJ(?!old)/);
		const third = await runCdek(get(), { credentials: right() });
		expect(third.output('CDEK')[0].json.entity).toBeDefined();
	});
});

describe('a credential edited after its token was stored (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();
	const get = () => getOrder(sandbox());

	it('to a wrong Secure Password: fails with CDEK’s reason, the old token is not used', async () => {
		const credentials = accountCredential(sandbox());
		await runCdek(get(), { credentials });
		expect(String(credentials.get(CREDENTIAL_ID).sessionToken)).toMatch(JWT);
		const before = apiCalls(sandbox()).length;

		credentials.replace(CREDENTIAL_ID, {
			...credentials.get(CREDENTIAL_ID),
			clientSecret: 'edited-to-a-wrong-one',
		});
		const edited = await runCdek(get(), { credentials });
		expect(edited.error?.message).toBe(WRONG_KEYS_MESSAGE);
		expect(apiCalls(sandbox())).toHaveLength(before);
	});

	it('to another Base URL: the old token never reaches the new root', async () => {
		const credentials = accountCredential(sandbox());
		await runCdek(get(), { credentials });
		const oldToken = String(JWT.exec(String(credentials.get(CREDENTIAL_ID).sessionToken))?.[0]);
		expect(oldToken).toMatch(JWT);
		const elsewhere = await startRecorder();
		try {
			credentials.replace(CREDENTIAL_ID, {
				...credentials.get(CREDENTIAL_ID),
				baseUrl: `${elsewhere.url}/v2`,
			});
			await runCdek(get(), { credentials });
			// The new root is asked for a token of its own first, and only that one is sent to it.
			expect(elsewhere.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
				'POST /v2/oauth/token',
				`GET /v2/orders/${sandbox().seeds.delivered.uuid}`,
			]);
			expect(elsewhere.requests[1].headers.authorization).toBe('Bearer recorder-token');
			expect(JSON.stringify(elsewhere.requests)).not.toContain(oldToken);
		} finally {
			await elsewhere.close();
		}
	});
});
