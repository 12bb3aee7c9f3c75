/**
 * Return automation safety in real n8n 2.41.1 (packed package) against the sandbox: a refusal blocked on a
 * CREATED order, a duplicate that is not sent, verdicts (SUCCESSFUL, INVALID, time limit), a partial
 * client return created from fields that reaches SUCCESSFUL, and an invalid item among 100 refusals: every item
 * is checked before anything is sent (refusals are billed).
 */
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance } from '../../dev/n8n';
import { returnOrderFields } from '../../dev/reliability/support';
import {
	cdekNode,
	cdekSandboxCredential,
	itemsNodes,
	manualTrigger,
	outputOf,
	workflow,
} from '../../dev/n8n/workflows';
import type { WorkflowNode } from '../../dev/n8n/workflows';

const credential = { id: 'cdekSafetyCred01', name: 'CDEK sandbox (safety)' };
const wait = { waitForVerdict: true, pollInterval: 0.2, waitTimeout: 20 };
const BAD_ITEM = 50;
const BAD_UUID = 'b08d4f71-7b5f-49e6-ae97-8424ef739b4'; // one digit short
const BAD_ITEM_MESSAGE = `Order UUID must be an order UUID like 72753031-1820-4f99-9240-aab139f05ca5 (8-4-4-4-12 hexadecimal characters), got "${BAD_UUID}" [item ${BAD_ITEM + 1}]`;

describe('return safety in real n8n (sandbox)', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance | undefined;
	const logs = () => n8n;
	const run = async (
		id: string,
		name: string,
		nodes: ReturnType<typeof cdekNode>[],
		input?: object[],
	) => {
		await n8n!.importWorkflow(
			workflow(id, name, [manualTrigger(), ...(input ? itemsNodes(input as never) : []), ...nodes]),
		);
		return await n8n!.execute(id);
	};

	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: 200 });
		n8n = await createN8n({ withPackage: true });
		await n8n.importCredentials([cdekSandboxCredential(credential, sandbox)]);
	});
	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.stop();
	});
	beforeEach(() => sandbox.reset({ config: true }));

	it(
		'blocks a billed refusal of a CREATED order, suggests Delete, and sends nothing',
		withN8nLogs(logs, async () => {
			const { created } = sandbox.seeds;
			const { exitCode, execution } = await run('cdekSafetyBlocked', 'e2e: blocked refusal', [
				cdekNode(
					'CDEK',
					credential,
					{ operation: 'createRefusal', orderUuid: created.uuid },
					{ onError: 'continueErrorOutput' },
				),
			]);
			expect(exitCode).toBe(0);
			const [blocked] = outputOf(execution, 'CDEK', 1);
			expect(blocked.json.error).toContain(
				'Refusal not sent: the order has not left the shop yet (CREATED)',
			);
			expect(blocked.json.details.description).toContain('Use "Cancel Before Shipping" (Delete)');
			expect(sandbox.counters().refusals[created.uuid]?.registered ?? 0).toBe(0);
		}),
	);

	it(
		'does not send a refusal twice when the workflow runs again; the sandbox counter proves it',
		withN8nLogs(logs, async () => {
			const { inTransit } = sandbox.seeds;
			const node = cdekNode('CDEK', credential, {
				operation: 'createRefusal',
				orderUuid: inTransit.uuid,
			});
			const first = await run('cdekSafetyTwice01', 'e2e: refusal twice', [node]);
			const second = await n8n!.execute('cdekSafetyTwice01');
			expect(outputOf(first.execution, 'CDEK')[0].json.alreadyRegistered).toBeUndefined();
			expect(outputOf(second.execution, 'CDEK')[0].json).toEqual(
				expect.objectContaining({ alreadyRegistered: true }),
			);
			expect(sandbox.counters().refusals[inTransit.uuid].registered).toBe(1);
		}),
	);

	it(
		"waits for CDEK's verdicts: SUCCESSFUL with the return order, INVALID as an error, and the time limit",
		withN8nLogs(logs, async () => {
			const { inTransit2, delivered2 } = sandbox.seeds;
			const { exitCode, execution } = await run(
				'cdekSafetyVerdict',
				'e2e: verdicts',
				[
					cdekNode(
						'Refusal',
						credential,
						{
							operation: 'createRefusal',
							orderUuid: '={{ $json.uuid }}',
							options: { ...wait, safetyCheck: false },
						},
						{ onError: 'continueErrorOutput' },
					),
				],
				[{ uuid: inTransit2.uuid }, { uuid: delivered2.uuid }],
			);
			expect(exitCode).toBe(0);
			const [successful] = outputOf(execution, 'Refusal', 0);
			expect(successful.json.result).toEqual(
				expect.objectContaining({
					state: 'SUCCESSFUL',
					orderStatus: 'NOT_DELIVERED',
					returnOrderUuid: expect.any(String),
				}),
			);
			const [invalid] = outputOf(execution, 'Refusal', 1);
			expect(invalid.pairedItem).toEqual({ item: 1 });
			expect(invalid.json.error).toMatch(/^CDEK rejected the refusal: v2_entity_has_final_status/);

			sandbox.configure({ settleDelayMs: -1 });
			const late = await run('cdekSafetyTimeout', 'e2e: verdict time limit', [
				cdekNode('CDEK', credential, {
					operation: 'createRefusal',
					orderUuid: sandbox.seeds.inTransit3.uuid,
					options: { ...wait, waitTimeout: 1 },
				}),
			]);
			expect(outputOf(late.execution, 'CDEK')[0].json.result).toEqual(
				expect.objectContaining({ state: 'ACCEPTED', stillProcessing: true }),
			);
		}),
	);

	it(
		'creates a partial client return from fields and it reaches SUCCESSFUL',
		withN8nLogs(logs, async () => {
			const { exitCode, execution } = await run('cdekSafetyPartial', 'e2e: partial return', [
				cdekNode('CDEK', credential, {
					...returnOrderFields('RET-SHOP-1005-E2E'),
					toKind: 'office',
					toOfficeCode: 'MSK67',
					options: wait,
				}),
			]);
			expect(exitCode).toBe(0);
			const { json } = outputOf(execution, 'CDEK')[0];
			expect(json.result).toEqual(expect.objectContaining({ state: 'SUCCESSFUL' }));
			const order = sandbox.getOrder(json.entity.uuid) as {
				entity: { is_client_return: boolean; number: string };
			};
			expect(order.entity).toEqual(
				expect.objectContaining({ is_client_return: true, number: 'RET-SHOP-1005-E2E' }),
			);
		}),
	);

	/** 100 orders on their way; item 50 carries a malformed UUID instead of its own. */
	function refusalItems(): Array<{ uuid: string }> {
		const orders = sandbox.addOrders(100, 'SENT_TO_RECIPIENT_CITY');
		return orders.map((order, index) => ({ uuid: index === BAD_ITEM ? BAD_UUID : order.uuid }));
	}
	const refusalOf100 = (extra: Partial<WorkflowNode> = {}) =>
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

	it(
		'an invalid item among 100 refusals: without Continue On Fail the execution fails naming item 50, and CDEK received no refusal',
		withN8nLogs(logs, async () => {
			const items = refusalItems();
			const { exitCode, execution } = await run(
				'cdekInvalidItem100',
				'e2e: invalid item among 100',
				[refusalOf100()],
				items,
			);
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
		'an invalid item among 100 refusals: with Continue On Fail item 50 is an error item and the other 99 are registered',
		withN8nLogs(logs, async () => {
			const items = refusalItems();
			const { exitCode, execution } = await run(
				'cdekInvalidItemCof',
				'e2e: invalid item among 100, Continue On Fail',
				[refusalOf100({ onError: 'continueRegularOutput' })],
				items,
			);
			expect(exitCode).toBe(0);
			const output = outputOf(execution, 'CDEK');
			expect(output).toHaveLength(100);
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			expect(output[BAD_ITEM].json.error).toBe(BAD_ITEM_MESSAGE);
			const registered = output.filter((_, index) => index !== BAD_ITEM);
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
