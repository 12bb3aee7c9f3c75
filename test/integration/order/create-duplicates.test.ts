/**
 * Create with Prevent Duplicates looks the shop number up first. Only the same order counts as "already
 * registered"; an order that merely shares the number (a delivered direct order, another return) fails
 * the item before anything is sent, since CDEK would reject the number as not unique anyway.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { returnOrder } from '../../../dev/reliability/support';

const WAIT = { waitForVerdict: true, pollInterval: 0.1, waitTimeout: 10 };
const OPTION_SETS: Array<[string, INodeParameters]> = [
	['default options', {}],
	["Wait for CDEK's Verdict", WAIT],
];
const NOTHING_SENT =
	'Nothing was sent. CDEK accepts each shop order number once and would reject this order (error_validate_im_dep_number_has_already_had_integration). Give this order a shop number of its own, e.g. with a suffix.';

const create = (body: IDataObject, options: INodeParameters = {}): INodeParameters => ({
	operation: 'create',
	defineOrder: 'json',
	orderJson: JSON.stringify(body),
	options,
});
const firstItem = (body: IDataObject) =>
	((body.packages as IDataObject[])[0].items as IDataObject[])[0];

describe('Create: a shop number held by another order is not "already registered" (n8n-core, sandbox)', () => {
	const sandbox = useSandbox();
	const posts = () =>
		apiCalls(sandbox()).filter((call) => call.method === 'POST' && call.path === '/v2/orders');
	const run = async (parameters: INodeParameters) => {
		const result = await runCdek(parameters, {
			credentials: accountCredential(sandbox()),
			node: { onError: 'continueRegularOutput' },
		});
		return result.output('CDEK')[0].json;
	};

	it.each(OPTION_SETS)(
		"a delivered direct order's number fails the item and sends nothing (%s)",
		async (_, options) => {
			const { delivered } = sandbox().seeds;
			const json = await run(create(returnOrder(delivered.number), options));
			expect(json).toEqual({
				error: `Shop order number "${delivered.number}" already belongs to another CDEK order (${delivered.uuid}, CDEK number ${delivered.cdek_number}, status DELIVERED): it is not a client return, this order is one; its package 1 weighs 1300 g, this one 500 g; its package 1 holds RUN-42×1, TS-WHT-M×1, this one SKU-1×1 [item 1]`,
				details: { itemIndex: 0, description: NOTHING_SENT },
			});
			expect(posts()).toEqual([]);
		},
	);

	it('stops the run with that error without Continue On Fail', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runCdek(create(returnOrder(delivered.number)), {
			credentials: accountCredential(sandbox()),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/^Shop order number "SHOP-1005" already belongs to another CDEK order \(/,
		);
		expect(posts()).toEqual([]);
	});

	it('names the direct order when the return says it is for that order', async () => {
		const { delivered } = sandbox().seeds;
		const body = returnOrder(delivered.number);
		firstItem(body).return_item_detail = {
			direct_order_uuid: delivered.uuid,
			direct_package_number: '1',
		};
		const json = await run(create(body));
		expect(json.error).toBe(
			`Shop order number "${delivered.number}" already belongs to another CDEK order (${delivered.uuid}, CDEK number ${delivered.cdek_number}, status DELIVERED): it is the direct order this return is for [item 1]`,
		);
		expect(posts()).toEqual([]);
	});

	it.each(OPTION_SETS)(
		'another return under the same number fails the item; only the first was sent (%s)',
		async (_, options) => {
			const first = await run(create(returnOrder('RET-SHARED-1'), WAIT));
			expect(first.result).toEqual(expect.objectContaining({ state: 'SUCCESSFUL' }));
			const other = returnOrder('RET-SHARED-1');
			Object.assign(firstItem(other), { ware_key: 'SKU-9', amount: 2, weight: 350 });
			(other.packages as IDataObject[])[0].weight = 700;

			const json = await run(create(other, options));
			expect(json.error).toMatch(
				/^Shop order number "RET-SHARED-1" already belongs to another CDEK order \([0-9a-f-]{36}, CDEK number \d+, status CREATED\): its package 1 weighs 500 g, this one 700 g; its package 1 holds SKU-1×1, this one SKU-9×2 \[item 1\]$/,
			);
			expect(json.result).toBeUndefined();
			expect(posts()).toHaveLength(1);
		},
	);

	it.each([
		['the client-return flag', (body: IDataObject) => (body.is_client_return = false)],
		['the order type', (body: IDataObject) => (body.type = 2)],
		['the tariff', (body: IDataObject) => (body.tariff_code = 137)],
	])('a difference in %s alone is another order', async (_, change) => {
		await run(create(returnOrder('RET-SHARED-2'), WAIT));
		const other = returnOrder('RET-SHARED-2');
		change(other);
		const json = await run({ ...create(other), clientReturn: other.is_client_return !== false });
		expect(json.error).toMatch(/already belongs to another CDEK order/);
		expect(posts()).toHaveLength(1);
	});

	it('the same order again is reported as already registered, with its verdict', async () => {
		await run(create(returnOrder('RET-SAME-1'), WAIT));
		const again = await run(create(returnOrder('RET-SAME-1'), WAIT));
		expect(again).toEqual(
			expect.objectContaining({
				alreadyRegistered: true,
				result: expect.objectContaining({ state: 'SUCCESSFUL' }),
			}),
		);
		expect(posts()).toHaveLength(1);
	});

	it('a number only an INVALID order had is free: the order is sent', async () => {
		const { invalid } = sandbox().seeds;
		const json = await run(create(returnOrder(invalid.number), WAIT));
		expect(json.error).toBeUndefined();
		expect(json.alreadyRegistered).toBeUndefined();
		expect(json.result).toEqual(expect.objectContaining({ state: 'SUCCESSFUL' }));
		expect(posts()).toHaveLength(1);
	});
});
