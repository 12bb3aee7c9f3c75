/**
 * Bad-input corpus: every value a workflow could hand the node by mistake (empty, spaces, look-alike
 * characters, injection strings, huge values, wrong types from expressions, broken credentials and options,
 * incomplete orders). Each gets a clear error that names the field, and the item for item parameters;
 * nothing reaches CDEK (the sandbox log stays empty, not even a token request).
 *
 * Item parameters come from `$json.value`, on three items with Continue On Fail, so the message must name
 * each item. Settings read once per run (credential, proxy) fail the run with one error.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../../../dev/sandbox';
import type { Sandbox } from '../../../dev/sandbox';
import { accountCredential, apiCalls, runCdek } from '../../../dev/n8n-core/cdek-fixture';
import { returnOrder, returnOrderFields } from '../../../dev/reliability/support';

const LONG = 'x'.repeat(10000);
const UUID = 'b08d4f71-7b5f-49e6-ae97-8424ef739b42';
const TIMEOUT_RANGE = 'a whole number from 1 to 2147483647';
const UUID_EXPECTED =
	'Order UUID must be an order UUID like 72753031-1820-4f99-9240-aab139f05ca5 (8-4-4-4-12 hexadecimal characters)';
const TARIFF_EXPECTED =
	'Tariff Code must be a positive whole number, a tariff code of your CDEK contract such as 136';
const CDEK_NUMBER_EXPECTED =
	'CDEK Number must be a CDEK order number made of digits only, such as 1106094897';
const SHOP_NUMBER_EXPECTED =
	"Shop Order Number must be the shop's order number (non-empty text of at most 255 characters)";

interface ItemCase {
	/** What is wrong, for the test name. */
	name: string;
	parameters: INodeParameters;
	/** The value `$json.value` resolves to on every item. */
	value: unknown;
	/** The message of item #, with `#` for the item index. */
	message: string;
}

const refusal = { operation: 'createRefusal', orderUuid: '={{ $json.value }}' };
const uuidCase = (name: string, value: unknown, got: string): ItemCase => ({
	name: `Order UUID: ${name}`,
	parameters: refusal,
	value,
	message: `${UUID_EXPECTED}, got ${got} [item #]`,
});
const tariffCase = (name: string, value: unknown, got: string): ItemCase => ({
	name: `Tariff Code: ${name}`,
	parameters: {
		operation: 'createClientReturn',
		orderUuid: UUID,
		tariffCode: '={{ $json.value }}',
	},
	value,
	message: `${TARIFF_EXPECTED}, got ${got} [item #]`,
});
const cdekNumberCase = (name: string, value: unknown, got: string): ItemCase => ({
	name: `CDEK Number: ${name}`,
	parameters: { operation: 'get', lookupBy: 'cdekNumber', cdekNumber: '={{ $json.value }}' },
	value,
	message: `${CDEK_NUMBER_EXPECTED}, got ${got} [item #]`,
});
const shopNumberCase = (name: string, value: unknown, got: string): ItemCase => ({
	name: `Shop Order Number: ${name}`,
	parameters: { operation: 'get', lookupBy: 'imNumber', imNumber: '={{ $json.value }}' },
	value,
	message: `${SHOP_NUMBER_EXPECTED}, got ${got} [item #]`,
});
const optionCase = (
	option: string,
	label: string,
	value: unknown,
	expected: string,
	got: string,
): ItemCase => ({
	name: `${label}: ${got}`,
	parameters: {
		operation: 'createRefusal',
		orderUuid: UUID,
		options: { waitForVerdict: true, [option]: '={{ $json.value }}' },
	},
	value,
	message: `${label} must be ${expected}, got ${got} [item #]`,
});
const order = (changes: (body: IDataObject) => void): IDataObject => {
	const body = returnOrder('RET-BAD-1');
	changes(body);
	return body;
};
const pkg = (body: IDataObject) => (body.packages as IDataObject[])[0];
const orderCase = (name: string, body: unknown, problems: string): ItemCase => ({
	name: `Create: ${name}`,
	parameters: { operation: 'create', defineOrder: 'json', orderJson: '={{ $json.value }}' },
	value: body,
	message: problems.startsWith('Order (JSON)')
		? `${problems} [item #]`
		: `The order is not complete: ${problems} [item #]`,
});

/** Create from fields, with one field filled by `$json.value` (the rest a complete order). */
const CREATE_FIELDS = returnOrderFields('RET-FIELDS-1');
const TEXT_EXPECTED = 'text (or a number)';
const fieldCase = (
	label: string,
	set: (parameters: INodeParameters) => void,
	value: unknown,
	got: string,
	expected = TEXT_EXPECTED,
): ItemCase => {
	const parameters = JSON.parse(JSON.stringify(CREATE_FIELDS)) as INodeParameters;
	set(parameters);
	return {
		name: `Create from fields: ${label} ${got}`,
		parameters,
		value,
		message: `${label} must be ${expected}, got ${got} [item #]`,
	};
};
const VALUE = '={{ $json.value }}';
const firstItem = (parameters: INodeParameters) =>
	((parameters.items as IDataObject).item as IDataObject[])[0];

const ITEM_CASES: ItemCase[] = [
	fieldCase(
		'Shop Order Number',
		(p) => (p.number = VALUE),
		{ id: 'RET-1' },
		'an object',
		"the shop's order number (non-empty text of at most 255 characters)",
	),
	fieldCase(
		'Shop Order Number',
		(p) => (p.number = VALUE),
		['RET-1'],
		'a list with 1 entries',
		"the shop's order number (non-empty text of at most 255 characters)",
	),
	fieldCase(
		'Shop Order Number',
		(p) => (p.number = VALUE),
		null,
		'null',
		"the shop's order number (non-empty text of at most 255 characters)",
	),
	fieldCase(
		'Tariff Code',
		(p) => (p.tariffCode = VALUE),
		{ code: 136 },
		'an object',
		'a positive whole number, a tariff code of your CDEK contract such as 136',
	),
	fieldCase(
		'Tariff Code',
		(p) => (p.tariffCode = VALUE),
		null,
		'null',
		'a positive whole number, a tariff code of your CDEK contract such as 136',
	),
	fieldCase('From Office Code', (p) => (p.fromOfficeCode = VALUE), { code: 'NSK27' }, 'an object'),
	fieldCase('From Office Code', (p) => (p.fromOfficeCode = VALUE), null, 'null'),
	fieldCase(
		'To Address',
		(p) => (p.toAddress = VALUE),
		['Ленинградский пр.'],
		'a list with 1 entries',
	),
	fieldCase(
		'To City Code',
		(p) => (p.toCityCode = VALUE),
		{ code: 44 },
		'an object',
		'a whole number from 0 to 2147483647',
	),
	fieldCase('Recipient Name', (p) => (p.recipientName = VALUE), { name: 'Shop' }, 'an object'),
	fieldCase('Sender Phone', (p) => (p.senderPhone = VALUE), null, 'null'),
	fieldCase('Sender Name', (p) => (p.senderName = VALUE), true, 'true'),
	fieldCase(
		'Package Height (Cm)',
		(p) => (p.packageHeight = VALUE),
		[10],
		'a list with 1 entries',
		'a whole number from 0 to 2147483647',
	),
	fieldCase(
		'Package Number',
		(p) => (p.additionalFields = { packageNumber: VALUE }),
		{ n: 1 },
		'an object',
	),
	fieldCase(
		'Comment',
		(p) => (p.additionalFields = { comment: VALUE }),
		{ text: 'x' },
		'an object',
	),
	fieldCase('Items → Name', (p) => (firstItem(p).name = VALUE), { name: 'x' }, 'an object'),
	fieldCase('Items → SKU', (p) => (firstItem(p).wareKey = VALUE), null, 'null'),
	uuidCase('empty', '', 'an empty value'),
	uuidCase('only spaces', '   ', 'only spaces'),
	uuidCase('in braces', `{${UUID}}`, `"{${UUID}}"`),
	uuidCase('without dashes', UUID.replace(/-/g, ''), `"${UUID.replace(/-/g, '')}"`),
	uuidCase('one digit short', UUID.slice(0, -1), `"${UUID.slice(0, -1)}"`),
	uuidCase('one character too many', `${UUID}0`, `"${UUID}0"`),
	uuidCase('a letter that is not hex', `g${UUID.slice(1)}`, `"g${UUID.slice(1)}"`),
	uuidCase(
		'Cyrillic а instead of Latin a',
		UUID.replace('ae97', 'аe97'),
		`"${UUID.replace('ae97', 'аe97')}"`,
	),
	uuidCase(
		'Cyrillic е instead of Latin e',
		UUID.replace('49e6', '49е6'),
		`"${UUID.replace('49e6', '49е6')}"`,
	),
	uuidCase('full-width digits', UUID.replace('08', '０８'), `"${UUID.replace('08', '０８')}"`),
	uuidCase(
		'a zero-width space inside',
		UUID.replace('-7b5f', '\u200b-7b5f'),
		`"${UUID.replace('-7b5f', '\u200b-7b5f')}"`,
	),
	uuidCase('a URN prefix', `urn:uuid:${UUID}`, `"urn:uuid:${UUID}"`),
	uuidCase('a path after it', `${UUID}/refusal`, `"${UUID}/refusal"`),
	uuidCase('a query after it', `${UUID}?x=1`, `"${UUID}?x=1"`),
	uuidCase('a path traversal', '../../oauth/token', '"../../oauth/token"'),
	uuidCase('SQL', "' OR '1'='1' --", `"' OR '1'='1' --"`),
	uuidCase('a script tag', '<script>alert(1)</script>', '"<script>alert(1)</script>"'),
	uuidCase('10 000 characters', LONG, `"${'x'.repeat(60)}… (10000 characters)"`),
	uuidCase('a number from an expression', 12345, '12345'),
	uuidCase('an object from an expression', { uuid: UUID }, 'an object'),
	uuidCase('an array from an expression', [UUID], 'a list with 1 entries'),
	uuidCase('null', null, 'null'),
	uuidCase('a boolean', true, 'true'),
	tariffCase('negative', -136, '-136'),
	tariffCase('zero', 0, '0'),
	tariffCase('a fraction', 136.5, '136.5'),
	tariffCase('NaN', Number.NaN, 'NaN'),
	tariffCase('Infinity', Number.POSITIVE_INFINITY, 'Infinity'),
	tariffCase('above 2147483647', 2147483648, '2147483648'),
	tariffCase('text', '136abc', '"136abc"'),
	tariffCase('a negative number as text', '-136', '"-136"'),
	tariffCase('an exponent as text', '1e3', '"1e3"'),
	tariffCase('empty text', '', 'an empty value'),
	tariffCase('an object', { code: 136 }, 'an object'),
	tariffCase('an array', [136], 'a list with 1 entries'),
	cdekNumberCase('letters', 'ABC123', '"ABC123"'),
	cdekNumberCase('dashes', '1106-094-897', '"1106-094-897"'),
	cdekNumberCase('21 digits', '1'.repeat(21), `"${'1'.repeat(21)}"`),
	cdekNumberCase('a negative number', -1106094897, '-1106094897'),
	cdekNumberCase('a fraction', 1106094897.5, '1106094897.5'),
	cdekNumberCase('empty', '', 'an empty value'),
	cdekNumberCase('SQL', '1 OR 1=1', '"1 OR 1=1"'),
	shopNumberCase('empty', '', 'an empty value'),
	shopNumberCase('only spaces', '  \t ', 'only spaces'),
	shopNumberCase('256 characters', 'S'.repeat(256), `"${'S'.repeat(60)}… (256 characters)"`),
	shopNumberCase('10 000 characters', LONG, `"${'x'.repeat(60)}… (10000 characters)"`),
	shopNumberCase('an object', { number: 'SHOP-1' }, 'an object'),
	shopNumberCase('an array', ['SHOP-1'], 'a list with 1 entries'),
	optionCase('timeout', 'Timeout', 0, TIMEOUT_RANGE, '0'),
	optionCase('timeout', 'Timeout', -5, TIMEOUT_RANGE, '-5'),
	optionCase('timeout', 'Timeout', 2.5, TIMEOUT_RANGE, '2.5'),
	optionCase('timeout', 'Timeout', '30s', TIMEOUT_RANGE, '"30s"'),
	// Node turns a timer of 2^31 ms or more into 1 ms: refused before sending instead.
	optionCase('timeout', 'Timeout', 2 ** 31, TIMEOUT_RANGE, '2147483648'),
	optionCase('retries', 'Retries', -1, 'a whole number from 0 to 10', '-1'),
	optionCase('retries', 'Retries', 1.5, 'a whole number from 0 to 10', '1.5'),
	optionCase('retries', 'Retries', 'three', 'a whole number from 0 to 10', '"three"'),
	optionCase(
		'pollInterval',
		'Verdict Poll Interval (Seconds)',
		0,
		'a number of seconds, at least 0.1',
		'0',
	),
	optionCase(
		'pollInterval',
		'Verdict Poll Interval (Seconds)',
		0.05,
		'a number of seconds, at least 0.1',
		'0.05',
	),
	optionCase(
		'pollInterval',
		'Verdict Poll Interval (Seconds)',
		'fast',
		'a number of seconds, at least 0.1',
		'"fast"',
	),
	optionCase(
		'waitTimeout',
		'Verdict Time Limit (Seconds)',
		0,
		'a number of seconds, at least 1',
		'0',
	),
	optionCase(
		'waitTimeout',
		'Verdict Time Limit (Seconds)',
		Number.NaN,
		'a number of seconds, at least 1',
		'NaN',
	),
	orderCase('not JSON', '{"number": "RET-1",', 'Order (JSON) is not valid JSON: '),
	orderCase('a JSON array', '[]', "Order (JSON) must be a JSON object (CDEK's order body)"),
	orderCase('a JSON string', '"order"', "Order (JSON) must be a JSON object (CDEK's order body)"),
	orderCase(
		'an empty object',
		{},
		[
			'tariff_code must be a positive whole number',
			'recipient.name is required',
			'from_location (an address) or shipment_point (a CDEK office code) is required',
			'to_location (an address) or delivery_point (a CDEK office code) is required',
			'packages: at least one package is required',
		].join('; '),
	),
	orderCase(
		'no tariff',
		order((body) => delete body.tariff_code),
		'tariff_code must be a positive whole number',
	),
	orderCase(
		'a tariff as text',
		order((body) => (body.tariff_code = '136')),
		'tariff_code must be a positive whole number',
	),
	orderCase(
		'a negative tariff',
		order((body) => (body.tariff_code = -1)),
		'tariff_code must be a positive whole number',
	),
	orderCase(
		'order type 3',
		order((body) => (body.type = 3)),
		'type must be 1 (online store) or 2 (delivery)',
	),
	orderCase(
		'a blank shop number',
		order((body) => (body.number = '  ')),
		'number (the shop order number) must be non-empty text',
	),
	orderCase(
		'a shop number that is a number',
		order((body) => (body.number = 1005)),
		'number (the shop order number) must be non-empty text',
	),
	orderCase(
		'no recipient name',
		order((body) => (body.recipient = { phones: [{ number: '+7495' }] })),
		'recipient.name is required',
	),
	orderCase(
		'a phone without a number',
		order((body) => (body.sender = { name: 'A', phones: [{}] })),
		'sender.phones[0].number is required',
	),
	orderCase(
		'office and address at the start',
		order((body) => (body.from_location = { address: 'Novosibirsk' })),
		'only one of from_location and shipment_point may be given',
	),
	orderCase(
		'no destination',
		order((body) => delete body.delivery_point),
		'to_location (an address) or delivery_point (a CDEK office code) is required',
	),
	orderCase(
		'an address without a street',
		order((body) => {
			delete body.delivery_point;
			body.to_location = { code: 44 };
		}),
		'to_location.address is required',
	),
	orderCase(
		'no packages',
		order((body) => (body.packages = [])),
		'packages: at least one package is required',
	),
	orderCase(
		'a package of 0 g',
		order((body) => (pkg(body).weight = 0)),
		'packages[0].weight must be whole grams ≥ 1',
	),
	orderCase(
		'a heavy package without its size',
		order((body) => delete pkg(body).height),
		'packages[0].height must be whole centimetres ≥ 1 (required from 100 g)',
	),
	orderCase(
		'no items in an online-store order',
		order((body) => (pkg(body).items = [])),
		'packages[0].items: online-store orders need at least one item',
	),
	orderCase(
		'an item without name and SKU',
		order((body) => (pkg(body).items = [{ payment: { value: 0 }, cost: 1, weight: 1, amount: 1 }])),
		'packages[0].items[0].name is required; packages[0].items[0].ware_key is required',
	),
	orderCase(
		'an item with 0 units',
		order((body) => ((pkg(body).items as IDataObject[])[0].amount = 0)),
		'packages[0].items[0].amount must be a whole number from 1 to 999',
	),
	orderCase(
		'an item with a negative cost',
		order((body) => ((pkg(body).items as IDataObject[])[0].cost = -1)),
		'packages[0].items[0].cost must be a number ≥ 0',
	),
	orderCase(
		'an item without payment',
		order((body) => delete (pkg(body).items as IDataObject[])[0].payment),
		'packages[0].items[0].payment.value must be a number ≥ 0 (0 = already paid)',
	),
	orderCase(
		'127 items',
		order(
			(body) =>
				(pkg(body).items = Array.from({ length: 127 }, (_, n) => ({
					name: `I${n}`,
					ware_key: `S${n}`,
					payment: { value: 0 },
					cost: 1,
					weight: 1,
					amount: 1,
				}))),
		),
		'at most 126 items per order, got 127',
	),
];

interface RunCase {
	name: string;
	parameters: INodeParameters;
	credential?: IDataObject;
	message: string;
}

const get = { operation: 'get', lookupBy: 'uuid', orderUuid: UUID };
const RUN_CASES: RunCase[] = [
	{
		name: 'credential: Account empty',
		parameters: get,
		credential: { clientId: '' },
		message: 'CDEK API credential "CDEK Sandbox": Account (Client ID) is empty.',
	},
	{
		name: 'credential: Secure Password empty',
		parameters: get,
		credential: { clientSecret: '   ' },
		message: 'CDEK API credential "CDEK Sandbox": Secure Password (Client Secret) is empty.',
	},
	{
		name: 'credential: both account fields empty',
		parameters: get,
		credential: { clientId: '', clientSecret: '' },
		message: 'CDEK API credential "CDEK Sandbox": Account (Client ID) is empty.',
	},
	{
		name: 'credential: Base URL without a scheme',
		parameters: get,
		credential: { baseUrl: 'api.cdek.ru/v2' },
		message:
			'CDEK API credential "CDEK Sandbox": Base URL must be a full URL such as https://api.cdek.ru/v2, got "api.cdek.ru/v2"',
	},
	{
		name: 'credential: Base URL that is a sentence',
		parameters: get,
		credential: { baseUrl: 'the sandbox' },
		message:
			'CDEK API credential "CDEK Sandbox": Base URL must be a full URL such as https://api.cdek.ru/v2, got "the sandbox"',
	},
	{
		name: 'credential: Base URL with ftp://',
		parameters: get,
		credential: { baseUrl: 'ftp://api.cdek.ru/v2' },
		message:
			'CDEK API credential "CDEK Sandbox": Base URL must start with https:// or http://, got "ftp:"',
	},
	{
		name: 'credential: Base URL with javascript:',
		parameters: get,
		credential: { baseUrl: 'javascript:alert(1)' },
		message:
			'CDEK API credential "CDEK Sandbox": Base URL must start with https:// or http://, got "javascript:"',
	},
	{
		name: 'credential: Base URL with a password in it',
		parameters: get,
		credential: { baseUrl: 'https://user:pass@api.cdek.ru/v2' },
		message:
			'CDEK API credential "CDEK Sandbox": Base URL must not contain a user name or password',
	},
	{
		name: 'option: Proxy that is not a URL',
		parameters: { ...get, options: { proxy: 'proxy.local:3128' } },
		message: 'Proxy must be a URL such as http://proxy.example.com:3128',
	},
	{
		name: 'option: Proxy with ftp://',
		parameters: { ...get, options: { proxy: 'ftp://proxy.local:21' } },
		message: 'Proxy must be a URL such as http://proxy.example.com:3128',
	},
	{
		name: 'option: Proxy that is only a scheme',
		parameters: { ...get, options: { proxy: 'http://' } },
		message: 'Proxy must be a URL such as http://proxy.example.com:3128',
	},
];

describe('bad input: a clear error naming the field and the item, nothing sent (n8n-core, sandbox)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: -1 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it(`has at least 60 cases (${ITEM_CASES.length + RUN_CASES.length})`, () => {
		expect(ITEM_CASES.length + RUN_CASES.length).toBeGreaterThanOrEqual(60);
	});

	it.each(ITEM_CASES.map((testCase) => [testCase.name, testCase] as const))(
		'%s',
		async (_name, testCase) => {
			const input = [0, 1, 2].map(() => ({ value: testCase.value as IDataObject }));
			const result = await runCdek(testCase.parameters, {
				input,
				credentials: accountCredential(sandbox),
				node: { onError: 'continueRegularOutput' },
			});

			const items = result.output('CDEK');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			items.forEach((item, index) => {
				const expected = testCase.message.replace('#', String(index + 1));
				if (expected.startsWith('Order (JSON) is not valid JSON: '))
					expect(item.json.error).toMatch(/^Order \(JSON\) is not valid JSON: .+ \[item \d\]$/);
				else expect(item.json.error).toBe(expected);
				expect((item.json.details as IDataObject).itemIndex).toBe(index);
			});
			expect(sandbox.requestLog()).toEqual([]);
		},
	);

	it.each(RUN_CASES.map((testCase) => [testCase.name, testCase] as const))(
		'%s: the run stops with one error',
		async (_name, testCase) => {
			const input = [0, 1, 2].map(() => ({}));
			const result = await runCdek(testCase.parameters, {
				input,
				credentials: accountCredential(sandbox, testCase.credential),
			});

			expect(result.status).toBe('error');
			expect(result.error?.message.startsWith(testCase.message)).toBe(true);
			expect(sandbox.requestLog()).toEqual([]);
		},
	);
});

describe('bad input found before sending (n8n-core, sandbox)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: -1 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it('credential: an empty Access Token is refused before sending', async () => {
		const credential = { authentication: 'accessToken', accessToken: '   ' };
		const result = await runCdek(get, {
			input: [{}],
			credentials: accountCredential(sandbox, credential),
		});
		expect(result.error?.message).toMatch(
			/^CDEK API credential "CDEK Sandbox": Access Token is empty/,
		);
		expect(sandbox.requestLog()).toEqual([]);
	});

	it.each([
		[
			'Retries above the 10 the editor allows',
			{ retries: 1000 },
			/^Retries must be a whole number from 0 to 10, got 1000 \[item 1\]$/,
		],
		[
			'Concurrency 0',
			{ batching: { batch: { concurrency: 0, batchSize: 50, batchInterval: 0 } } },
			/^Concurrency must be/,
		],
		[
			'Concurrency above the 50 the editor allows',
			{ batching: { batch: { concurrency: 5000, batchSize: 50, batchInterval: 0 } } },
			/^Concurrency must be/,
		],
	])('option: %s is refused, naming the option', async (_name, options, message) => {
		const result = await runCdek(
			{ ...get, options },
			{ input: [{}], credentials: accountCredential(sandbox) },
		);
		expect(result.error?.message).toMatch(message);
		expect(sandbox.requestLog()).toEqual([]);
	});
});

describe('an invalid item among many: every item is checked before anything is sent (n8n-core, sandbox)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: -1 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	const refusals = async (sandboxOrders: string[], onError?: 'continueRegularOutput') => {
		const input = sandboxOrders.map((uuid) => ({ uuid }));
		input[50] = { uuid: 'not-a-uuid' };
		input[77] = { uuid: '' };
		return await runCdek(
			{
				operation: 'createRefusal',
				orderUuid: '={{ $json.uuid }}',
				options: { safetyCheck: false },
			},
			{ input, credentials: accountCredential(sandbox), node: onError ? { onError } : {} },
		);
	};

	it('without Continue On Fail: the run fails on item 51, names item 78 too, and no refusal is sent', async () => {
		const orders = sandbox.addOrders(100, 'SENT_TO_RECIPIENT_CITY').map((order) => order.uuid);
		const result = await refusals(orders);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`${UUID_EXPECTED}, got "not-a-uuid" [item 51]`);
		expect(result.error?.description).toContain('Nothing was sent to CDEK for any item.');
		expect(result.error?.description).toContain('Item 78 is invalid as well.');
		expect(sandbox.requestLog()).toEqual([]);
		expect(sandbox.counters().refusals).toEqual({});
	});

	it('with Continue On Fail: the two invalid items become error items, the other 98 are refused', async () => {
		const orders = sandbox.addOrders(100, 'SENT_TO_RECIPIENT_CITY').map((order) => order.uuid);
		const result = await refusals(orders, 'continueRegularOutput');

		const items = result.output('CDEK');
		expect(items).toHaveLength(100);
		expect(items.map((item) => item.pairedItem)).toEqual(orders.map((_, item) => ({ item })));
		const failed = items.flatMap((item, index) => (item.json.error ? [index] : []));
		expect(failed).toEqual([50, 77]);
		expect(Object.keys(sandbox.counters().refusals)).toHaveLength(98);
	});
});

describe('accepted forms: normalised before sending (n8n-core, sandbox)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: -1 });
	});
	afterAll(async () => await sandbox.stop());
	beforeEach(() => sandbox.reset());

	it.each([
		['upper-case hex', (uuid: string) => uuid.toUpperCase()],
		[
			'mixed case',
			(uuid: string) =>
				uuid.replace(/[a-f]/g, (char, at: number) => (at % 2 ? char.toUpperCase() : char)),
		],
		['surrounding spaces, a tab and a newline', (uuid: string) => ` \t${uuid}\n`],
		['surrounding non-breaking spaces', (uuid: string) => `\u00a0${uuid}\u00a0`],
	])('an Order UUID in %s is sent in lower case, trimmed', async (_name, variant) => {
		const { inTransit } = sandbox.seeds;
		const result = await runCdek(
			{ operation: 'createRefusal', orderUuid: '={{ $json.value }}' },
			{ input: [{ value: variant(inTransit.uuid) }], credentials: accountCredential(sandbox) },
		);

		expect(result.output('CDEK')[0].json.entity).toEqual({ uuid: inTransit.uuid });
		expect(apiCalls(sandbox).map((call) => `${call.method} ${call.path}`)).toEqual([
			`GET /v2/orders/${inTransit.uuid}`,
			`POST /v2/orders/${inTransit.uuid}/refusal`,
		]);
	});

	it('a Tariff Code given as text with spaces is sent as a number', async () => {
		const { delivered } = sandbox.seeds;
		await runCdek(
			{
				operation: 'createClientReturn',
				orderUuid: delivered.uuid,
				tariffCode: '={{ $json.value }}',
			},
			{ input: [{ value: ' 136 ' }], credentials: accountCredential(sandbox) },
		);
		expect(apiCalls(sandbox).find((call) => call.method === 'POST')?.body).toEqual({
			tariff_code: 136,
		});
	});

	it.each([
		['SQL', "'; DROP TABLE orders; --"],
		['a script tag', '<script>alert(1)</script>'],
		['an ampersand and an equals sign', 'SHOP-1&cdek_number=1109940745'],
	])(
		'a Shop Order Number with %s is sent as one query value, never as code',
		async (_name, value) => {
			const result = await runCdek(
				{ operation: 'get', lookupBy: 'imNumber', imNumber: '={{ $json.value }}' },
				{
					input: [{ value }],
					credentials: accountCredential(sandbox),
					node: { onError: 'continueRegularOutput' },
				},
			);

			expect(result.output('CDEK')[0].json.error).toMatch(
				/^No order ".+" in CDEK for this account \(CDEK: v2_entity_not_found_im_number: .+, HTTP 400\) \[item 1\]$/,
			);
			const [lookup] = sandbox.requestLog().filter((entry) => entry.path === '/v2/orders');
			expect(lookup.query).toEqual({ im_number: value });
		},
	);
});
