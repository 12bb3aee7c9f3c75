/**
 * Return automation safety in real n8n 2.41.1 (packed package) against the sandbox: a refusal blocked on a
 * CREATED order, a duplicate that is not sent, verdicts (SUCCESSFUL, INVALID, time limit) and a partial
 * client return created from fields that reaches SUCCESSFUL.
 */
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance } from '../../dev/n8n';
import { cdekNode, itemsNodes, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';

const credential = { id: 'cdekSafetyCred01', name: 'CDEK sandbox (safety)' };
const wait = { waitForVerdict: true, pollInterval: 0.2, waitTimeout: 20 };

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
			expect(blocked.json.details.description).toContain('Use "Delete"');
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
					operation: 'create',
					defineOrder: 'fields',
					number: 'RET-SHOP-1005-E2E',
					tariffCode: 136,
					senderName: 'Customer',
					senderPhone: '+79130000001',
					recipientName: 'Shop returns',
					recipientPhone: '+74950000002',
					fromKind: 'office',
					fromOfficeCode: 'NSK27',
					toKind: 'office',
					toOfficeCode: 'MSK67',
					packageWeight: 700,
					packageLength: 20,
					packageWidth: 15,
					packageHeight: 10,
					items: {
						item: [
							{
								name: 'Sneakers 42',
								wareKey: 'SKU-42',
								cost: 4990,
								payment: 0,
								weight: 700,
								amount: 1,
							},
						],
					},
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
});
