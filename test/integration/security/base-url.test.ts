/**
 * A Base URL that reads like CDEK's host but reaches another one (a backslash, a fragment, a query or
 * user info in front of "@api.cdek.ru"): refused before anything is sent, naming the host it would have
 * reached; the other host (a recorder) receives nothing, in either authentication mode.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { accountCredential, runCdek, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { startRecorder } from '../../../dev/proxies/hostile-relay';
import type { Recorder } from '../../../dev/proxies/hostile-relay';

describe('a Base URL that hides its host (n8n-core, recorder as the other host)', () => {
	const sandbox = useSandbox();
	let recorder: Recorder;
	beforeEach(async () => {
		recorder = await startRecorder();
	});
	afterEach(async () => {
		expect(recorder.requests).toEqual([]);
		await recorder.close();
	});

	const host = () => new URL(recorder.url).host;
	const tricks = () => [
		`${recorder.url}\\@api.cdek.ru/v2`,
		`${recorder.url}#@api.cdek.ru/v2`,
		`${recorder.url}?@api.cdek.ru/v2`,
		`${recorder.url.replace('http://', 'http://api.cdek.ru:pw@')}/v2`,
	];

	it.each([
		['Account and Secure Password', {}],
		['Access Token', { authentication: 'accessToken', accessToken: 'pasted-token-value' }],
	])('%s: each trick is refused before sending, naming the host', async (_mode, data) => {
		for (const baseUrl of tricks()) {
			const result = await runCdek(
				{ operation: 'get', lookupBy: 'uuid', orderUuid: sandbox().seeds.delivered.uuid },
				{
					credentials: accountCredential(sandbox(), {
						...(data as ICredentialDataDecryptedObject),
						baseUrl,
					}),
				},
			);
			expect(result.error?.message).toMatch(/^CDEK API credential "CDEK Sandbox": Base URL must /);
			expect(result.error?.message).toContain(`would send requests to ${host()}`);
			expect(result.error?.message).not.toContain('pw');
		}
		expect(sandbox().requestLog()).toEqual([]);
	});
});
