/**
 * A proxy's password in any shape a user may type it (with or without a scheme, a mistyped scheme, user info with
 * "@", ":", "%" or letters outside ASCII) never shows: neither in the node's Proxy option nor in the credential's
 * Proxy, in no error message, description, error context or cause, output item, stored execution data or n8n log
 * line (n8n-core, sandbox; a proxy port where nothing listens).
 */
import type { IDataObject } from 'n8n-workflow';

import { accountCredential, runCdek, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import type { RunResult } from '../../../dev/n8n-core/runner';
import { findFreePort } from '../../../dev/util/ports';

/** Each row: the proxy as typed, and the parts of its password that must never appear anywhere. */
const PROXIES: Array<[shape: string, proxy: (port: number) => string, secrets: string[]]> = [
	['no scheme, IP and port', (port) => `shop:Pw-7c1e@127.0.0.1:${port}`, ['Pw-7c1e']],
	['no scheme, host name only', () => 'shop:Pw-2b9a@proxy.example.com', ['Pw-2b9a']],
	['a mistyped scheme (http//)', (port) => `http//shop:Pw-5d0f@127.0.0.1:${port}`, ['Pw-5d0f']],
	['a mistyped scheme (http:/)', (port) => `http:/shop:Pw-64aa@127.0.0.1:${port}`, ['Pw-64aa']],
	[
		'"@" in the user and the password',
		(port) => `shop@mail.ru:Pw@-81c2@127.0.0.1:${port}`,
		['Pw@-81c2', '-81c2'],
	],
	['":" in the password', (port) => `shop:Pw:-93d4:x@127.0.0.1:${port}`, ['Pw:-93d4', '-93d4']],
	[
		'"%" escapes in the password',
		(port) => `shop:Pw%40-a4e5@127.0.0.1:${port}`,
		['Pw%40-a4e5', 'Pw@-a4e5', '-a4e5'],
	],
	[
		'a password outside ASCII',
		(port) => `магазин:Пароль-b5f6@127.0.0.1:${port}`,
		['Пароль-b5f6', '-b5f6', '%D0%9F'],
	],
	[
		'a scheme, "@" and ":" in the password',
		(port) => `http://shop:Pw@:-c6a7@127.0.0.1:${port}`,
		['Pw@:-c6a7', '-c6a7'],
	],
	['a scheme and a port out of range', () => 'http://shop:Pw-d7b8@127.0.0.1:99999', ['Pw-d7b8']],
	['a scheme and a space in the host', () => 'http://shop:Pw-e8c9@proxy local:3128', ['Pw-e8c9']],
];

/** Everything a run shows or keeps: the error with its context and cause, the stored execution, n8n's log. */
function everything(result: RunResult): string {
	const error = result.error as (Error & IDataObject) | undefined;
	const replacer = (_key: string, value: unknown) =>
		value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value;
	return [
		JSON.stringify(result.run, replacer),
		JSON.stringify(result.logs, replacer),
		error
			? [
					error.message,
					error.description,
					error.stack,
					JSON.stringify(error.context, replacer),
					JSON.stringify(error.cause, replacer),
					JSON.stringify(error.errorResponse, replacer),
				].join('\n')
			: '',
	].join('\n');
}

const shown = (secrets: string[], text: string) =>
	secrets.filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)));

describe('proxy passwords in every shape stay hidden (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();
	let closedPort: number;
	beforeAll(async () => {
		closedPort = await findFreePort();
	});
	const get = (options: IDataObject = {}) => ({
		operation: 'get',
		lookupBy: 'uuid',
		orderUuid: sandbox().seeds.delivered.uuid,
		options: { retries: 0, ...options },
	});

	describe.each(PROXIES)('%s', (_shape, proxyOf, secrets) => {
		it.each([
			['stops the node', {}],
			['Continue On Fail', { onError: 'continueRegularOutput' as const }],
		])("in the node's Proxy option: an error that never repeats it (%s)", async (_how, node) => {
			const result = await runCdek(get({ proxy: proxyOf(closedPort) }), {
				credentials: accountCredential(sandbox()),
				node,
			});
			// The workflow keeps the option as typed (which is why a password is refused there), and n8n copies the node
			// with its parameters into the error: that copy is the workflow itself, not something the node echoed.
			const typed = JSON.stringify({ proxy: proxyOf(closedPort) }).slice(1, -1);
			const text = everything(result)
				.split(typed)
				.join('"proxy":"(the workflow\'s own parameter)"');
			expect(text).toMatch(/Proxy must/);
			expect(shown(secrets, text)).toEqual([]);
			expect(sandbox().requestLog()).toEqual([]);
		});

		it("in the credential's Proxy: an error that never repeats it", async () => {
			const result = await runCdek(get(), {
				credentials: accountCredential(sandbox(), { proxy: proxyOf(closedPort) }),
				node: { onError: 'continueRegularOutput' },
			});
			const text = everything(result);
			expect(text).toMatch(/[Pp]roxy/);
			expect(shown(secrets, text)).toEqual([]);
			expect(sandbox().requestLog()).toEqual([]);
		});
	});
});
