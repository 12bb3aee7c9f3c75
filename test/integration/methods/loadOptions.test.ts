/**
 * The CDEK node's tariff list (methods.loadOptions.getTariffs) through n8n-core's LoadOptionsContext, real
 * credentials and real HTTP to the sandbox's GET /calculator/alltariffs.
 */
import {
	accountCredential,
	apiCalls,
	cdekNode,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { runLoadOptions } from '../../../dev/n8n-core/runner';
import type { CredentialStore } from '../../../dev/n8n-core/runner';

const SECRET = 'LOAD-OPTIONS-SENTINEL-4d1e';

describe('methods.loadOptions.getTariffs (n8n-core, sandbox)', () => {
	const sandbox = useSandbox({ clients: [{ clientId: 'options-account', clientSecret: SECRET }] });
	const load = async (credentials: CredentialStore) =>
		await runLoadOptions({
			node: cdekNode({ operation: 'createClientReturn' }),
			methodName: 'getTariffs',
			credentials,
		});

	it('lists every tariff code of the contract, sorted, each named with its service and delivery mode', async () => {
		const options = await load(accountCredential(sandbox()));
		expect(options.map((option) => option.value)).toEqual([
			136, 137, 138, 139, 158, 231, 232, 233, 234, 366, 368, 378, 480, 481, 482, 483, 485, 486, 605,
			606, 607,
		]);
		expect(options[0]).toEqual({
			name: '136 — Посылка склад-склад (office → office)',
			value: 136,
			description: 'Delivery mode 4: office → office',
		});
		expect(options.find((option) => option.value === 368)?.name).toBe(
			'368 — Посылка склад-постамат (office → parcel locker)',
		);
		expect(apiCalls(sandbox())).toEqual([
			{ method: 'GET', path: '/v2/calculator/alltariffs', body: undefined },
		]);
	});

	it('lists "None" first for Cancel or Return, whose Tariff Code may stay empty (n8n marks a value not in the list red)', async () => {
		const [none, ...tariffs] = await runLoadOptions({
			node: cdekNode({ operation: 'cancelOrReturn' }, { typeVersion: 2 }),
			methodName: 'getTariffs',
			credentials: accountCredential(sandbox()),
		});
		expect(none).toEqual(
			expect.objectContaining({ value: '', name: expect.stringMatching(/^None/) }),
		);
		expect(tariffs.map((option) => option.value)).toContain(136);
		expect(tariffs.every((option) => typeof option.value === 'number')).toBe(true);
		const forReturn = await load(accountCredential(sandbox()));
		expect(forReturn.map((option) => option.value)).not.toContain('');
	});

	it('fails with a clear message and no secret when the credential is wrong', async () => {
		const wrong = accountCredential(sandbox(), {
			clientId: 'options-account',
			clientSecret: `${SECRET}-wrong`,
		});
		const error = (await load(wrong).catch((caught: unknown) => caught)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(/^Could not load the tariffs of your CDEK contract: /);
		expect(error.message).toContain('rejected the Account and Secure Password');
		expect(error.description).toContain('type the tariff code as a number or an expression');
		expect(`${error.message} ${error.description} ${JSON.stringify(error)}`).not.toContain(SECRET);
		expect(apiCalls(sandbox())).toEqual([]);
	});

	it('fails with CDEK’s code when CDEK answers an error', async () => {
		sandbox().injectFault({
			kind: 'status',
			status: 503,
			count: -1,
			path: '/calculator/alltariffs',
		});
		const error = (await load(accountCredential(sandbox())).catch(
			(caught: unknown) => caught,
		)) as Error;
		expect(error.message).toMatch(
			/^Could not load the tariffs of your CDEK contract: CDEK: v2_internal_error: Internal error \(HTTP 503\)$/,
		);
		// One try and one retry: the editor waits for the list.
		expect(apiCalls(sandbox()).length).toBe(2);
	});
});
