import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';

const MOSCOW = 44;
const NOVOSIBIRSK = 270;

/** A door-to-door shipment from Novosibirsk to a Moscow customer: CDEK offers its return. */
const DOOR_TO_DOOR: INodeParameters = {
	resource: 'tariff',
	operation: 'checkReturnPossible',
	tariffCode: 139,
	fromKind: 'address',
	fromCityCode: NOVOSIBIRSK,
	fromAddress: 'ул. Ленина, 1',
	toKind: 'address',
	toCityCode: MOSCOW,
	toAddress: 'ул. Тверская, 7',
	senderPhone: '+73832000000',
	recipientPhone: '+79130000000',
};

describe('Tariff → Check Return Possible (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();
	const check = async (
		parameters: INodeParameters,
		{
			input,
			node,
			version = 2,
		}: { input?: IDataObject[]; node?: IDataObject; version?: number } = {},
	) =>
		await runCdek(
			{ ...DOOR_TO_DOOR, ...parameters },
			{ input, version, node, credentials: accountCredential(sandbox()) },
		);

	it('answers returnPossible: true for a route and tariff CDEK returns, sending the planned order', async () => {
		const result = await check({});
		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.json).toEqual({
			returnPossible: true,
			tariffCode: 139,
			summary: 'CDEK can bring this shipment back (reverse) on tariff 139.',
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(apiCalls(sandbox())).toEqual([
			{
				method: 'POST',
				path: '/v2/reverse/availability',
				body: {
					tariff_code: 139,
					sender: { phones: [{ number: '+73832000000' }] },
					recipient: { phones: [{ number: '+79130000000' }] },
					from_location: { code: NOVOSIBIRSK, address: 'ул. Ленина, 1' },
					to_location: { code: MOSCOW, address: 'ул. Тверская, 7' },
				},
			},
		]);
	});

	it("answers returnPossible: false with the reason in words and CDEK's code when CDEK refuses", async () => {
		const result = await check({
			tariffCode: 136,
			fromKind: 'office',
			fromOfficeCode: 'NSK27',
		});
		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.json).toEqual({
			returnPossible: false,
			tariffCode: 136,
			summary: 'CDEK offers no return (reverse) for this shipment on tariff 136.',
			reason:
				'CDEK offers the return only with a tariff that delivers to the door (e.g. 137 or 139), not to a pickup point.',
			cdekErrors: [
				{
					code: 've_as_reverse_only_to_door',
					message: 'Дополнительная услуга "реверс" доступна только при режимах доставки "До двери"',
				},
			],
		});
		expect((apiCalls(sandbox())[0].body as IDataObject).shipment_point).toBe('NSK27');
	});

	it('one item per input item, each paired with it: a yes, and a no for a tariff to a pickup point', async () => {
		const result = await check(
			{ tariffCode: '={{ $json.tariff }}' },
			{ input: [{ tariff: 139 }, { tariff: 136 }] },
		);
		const items = result.output('CDEK');
		expect(items.map((item) => [item.pairedItem, item.json.returnPossible])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, false],
		]);
	});

	it('checks every item before sending: a missing phone names the field and item, nothing is sent', async () => {
		const result = await check(
			{ recipientPhone: '={{ $json.phone }}' },
			{ input: [{ phone: '+79130000000' }, { phone: '' }] },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Recipient Phone .*\[item 2\]$/);
		expect(result.error?.description).toContain('Nothing was sent to CDEK for any item');
		expect(apiCalls(sandbox())).toEqual([]);
	});

	it('needs an address for the customer: CDEK returns only deliveries to a door', async () => {
		const result = await check({ toAddress: '={{ $json.address }}' }, { input: [{ address: '' }] });
		expect(result.error?.message).toMatch(/^To Address .*street address.*\[item 1\]$/);
		expect(apiCalls(sandbox())).toEqual([]);
	});

	it("keeps CDEK's code for any other error; the error output gets the item, paired", async () => {
		const result = await check(
			{ fromKind: 'office', fromOfficeCode: 'NOPE1' },
			{ node: { onError: 'continueErrorOutput' } },
		);
		const failed = result.output('CDEK', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 0 });
		expect(failed[0].json.error).toMatch(
			/^CDEK: v2_sender_location_not_recognized: .*\(HTTP 400\) \[item 1\]$/,
		);
	});

	it('a server error is retried (the check changes nothing at CDEK)', async () => {
		sandbox().injectFault({ kind: 'status', status: 502, path: '/reverse/availability' });
		const result = await check({ options: { retries: 1 } });
		expect(result.output('CDEK')[0].json.returnPossible).toBe(true);
		expect(apiCalls(sandbox()).map((call) => call.path)).toEqual([
			'/v2/reverse/availability',
			'/v2/reverse/availability',
		]);
	});

	it('is not offered by node version 1 (frozen): the run stops before sending', async () => {
		const result = await check({}, { version: 1 });
		expect(result.error?.message).toBe(
			'The operation "checkReturnPossible" of resource "tariff" is not supported in version 1 of this node',
		);
		expect(apiCalls(sandbox())).toEqual([]);
	});
});
