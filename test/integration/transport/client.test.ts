import { accountCredential, runCdek, useSandbox } from '../cdek-fixture';

describe('transport: what CDEK faults look like to a shop manager (sandbox faults)', () => {
	const sandbox = useSandbox();
	const refuse = () => ({ operation: 'createRefusal', orderUuid: sandbox().seeds.inTransit.uuid });

	it('an HTML 502 page becomes a readable error', async () => {
		sandbox().injectFault({ kind: 'status', status: 502, body: 'html', path: '/refusal' });
		const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
		expect(result.error?.message).toMatch(/^CDEK answered HTTP 502 with an HTML page \(".*"\) instead of JSON \[item 0\]$/);
		expect(result.error?.description).toContain('temporarily unavailable');
	});

	it('a JSON 500 keeps CDEK\'s v2_internal_error code', async () => {
		sandbox().injectFault({ kind: 'status', status: 500, body: 'json', path: '/refusal' });
		const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
		expect(result.error?.message).toMatch(/^CDEK: v2_internal_error: .*\(HTTP 500\) \[item 0\]$/);
	});

	it('a 202 with broken JSON warns that the refusal may be registered', async () => {
		sandbox().injectFault({ kind: 'malformed-json', path: '/refusal' });
		const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
		expect(result.error?.message).toBe('CDEK answered HTTP 202 with a body that is not JSON instead of JSON [item 0]');
		expect(result.error?.description).toContain('may have been registered');
	});

	it('honours the Timeout option per request', async () => {
		sandbox().injectFault({ kind: 'delay', delayMs: 2000, path: '/refusal' });
		const result = await runCdek({ ...refuse(), options: { timeout: 200 } }, { credentials: accountCredential(sandbox()) });
		expect(result.error?.message).toBe('CDEK did not answer within 200 ms [item 0]');
	});

	it('a connection reset after CDEK applied the refusal says the outcome is unknown', async () => {
		sandbox().injectFault({ kind: 'reset-after', path: '/refusal' });
		const result = await runCdek(refuse(), { credentials: accountCredential(sandbox()) });
		expect(result.error?.message).toBe('CDEK closed the connection before answering [item 0]');
		expect(result.error?.description).toContain('look the order up before sending it again');
		expect(sandbox().counters().refusals[sandbox().seeds.inTransit.uuid]).toEqual(expect.objectContaining({ registered: 1 }));
	});
});
