/**
 * An invalid item among 100 in real n8n 2.41.1 (packed package) against the sandbox: every item is checked
 * before anything is sent. Without Continue On Fail the execution fails naming the item and CDEK gets no
 * refusal (refusals are billed); with it, that item is an error item and the other 99 are registered.
 */
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance } from '../../dev/n8n';
import { cdekNode, itemsNodes, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';
import type { WorkflowNode } from '../../dev/n8n/workflows';

const credential = { id: 'cdekInvalidItem01', name: 'CDEK sandbox (invalid item)' };
const BAD_ITEM = 50;
const BAD_UUID = 'b08d4f71-7b5f-49e6-ae97-8424ef739b4'; // one digit short
const BAD_ITEM_MESSAGE = `Order UUID must be an order UUID like 72753031-1820-4f99-9240-aab139f05ca5 (8-4-4-4-12 hexadecimal characters), got "${BAD_UUID}" [item ${BAD_ITEM}]`;

describe('an invalid item among 100 refusals in real n8n (sandbox)', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance | undefined;
	const logs = () => n8n;

	/** 100 orders on their way; item 50 carries a malformed UUID instead of its own. */
	function refusalItems(): Array<{ uuid: string }> {
		const orders = sandbox.addOrders(100, 'SENT_TO_RECIPIENT_CITY');
		return orders.map((order, index) => ({ uuid: index === BAD_ITEM ? BAD_UUID : order.uuid }));
	}

	async function run(id: string, node: WorkflowNode, items: Array<{ uuid: string }>) {
		await n8n!.importWorkflow(
			workflow(id, `e2e: ${id}`, [manualTrigger(), ...itemsNodes(items), node]),
		);
		return await n8n!.execute(id);
	}

	const refusal = (extra: Partial<WorkflowNode> = {}) =>
		cdekNode(
			'CDEK',
			credential,
			{ operation: 'createRefusal', orderUuid: '={{ $json.uuid }}' },
			extra,
		);
	const refusalsSent = () =>
		sandbox
			.requestLog()
			.filter((entry) => entry.method === 'POST' && /\/refusal$/.test(entry.path));

	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: 200 });
		n8n = await createN8n({ withPackage: true });
		await n8n.importCredentials([
			{
				...credential,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					...sandbox.testKeys,
					baseUrl: sandbox.rootUrl,
				},
			},
		]);
	});
	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.stop();
	});
	beforeEach(() => sandbox.reset({ config: true }));

	it(
		'without Continue On Fail the execution fails naming item 50, and CDEK received no refusal',
		withN8nLogs(logs, async () => {
			const items = refusalItems();
			const { exitCode, execution } = await run('cdekInvalidItem100', refusal(), items);
			expect(exitCode).toBe(1);
			expect(execution.status).toBe('error');
			const error = execution.data.resultData.error;
			expect(error.message).toBe(BAD_ITEM_MESSAGE);
			expect(error.description).toContain('Nothing was sent to CDEK for any item.');
			expect(refusalsSent()).toEqual([]);
			expect(sandbox.requestLog().filter((entry) => entry.path.startsWith('/v2/'))).toEqual([]);
		}),
	);

	it(
		'with Continue On Fail item 50 is an error item and the other 99 refusals are registered',
		withN8nLogs(logs, async () => {
			const items = refusalItems();
			const { exitCode, execution } = await run(
				'cdekInvalidItemCof',
				refusal({ onError: 'continueRegularOutput' }),
				items,
			);
			expect(exitCode).toBe(0);
			const output = outputOf(execution, 'CDEK');
			expect(output).toHaveLength(100);
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(output[BAD_ITEM].json.error).toBe(BAD_ITEM_MESSAGE);
			const registered = output.filter((item, index) => index !== BAD_ITEM);
			expect(registered.every((item) => item.json.requests?.[0]?.type === 'CREATE_REFUSAL')).toBe(
				true,
			);
			expect(refusalsSent()).toHaveLength(99);
			const counted = Object.entries(sandbox.counters().refusals);
			expect(counted.filter(([, count]) => count.registered === 1)).toHaveLength(99);
			expect(counted.map(([uuid]) => uuid)).not.toContain(BAD_UUID);
		}),
	);
});
