/**
 * Node version 2 in real n8n (the packed package; 2.41.1 in project e2e, 1.123.81 in e2e-n8n1) against the CDEK
 * sandbox: every operation that takes the "order" locator in every mode, Cancel or Return, the return label read
 * back by n8n's own PDF reader (Extract From File), invalid locators with nothing sent, Continue On Fail, and a
 * version-1 node beside version-2 nodes.
 */
import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_CREDENTIAL, sandboxCredential } from '../../dev/demo/examples';
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox, SeedOrder } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance } from '../../dev/n8n';
import { cdekNode, itemsNodes, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';
import type { WorkflowNode } from '../../dev/n8n/workflows';
import { readPdf } from '../../dev/util/pdf-check';

const account = SANDBOX_CREDENTIAL;
type Mode = 'uuid' | 'imNumber' | 'cdekNumber';
const MODES: Mode[] = ['uuid', 'imNumber', 'cdekNumber'];
const locator = (mode: Mode, order: Pick<SeedOrder, 'uuid' | 'number' | 'cdek_number'>) => ({
	__rl: true,
	mode,
	value: mode === 'uuid' ? order.uuid : mode === 'imNumber' ? order.number : order.cdek_number,
});
const v2 = (name: string, parameters: IDataObject, extra: Partial<WorkflowNode> = {}) =>
	cdekNode(name, account, parameters, { typeVersion: 2, ...extra });
const fast = { pollInterval: 0.2, waitTimeout: 60 };

describe('CDEK node version 2 in real n8n (sandbox)', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance | undefined;
	const logs = () => n8n;

	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: 100, printReadyDelayMs: 50 });
		n8n = await createN8n({ withPackage: true });
		await n8n.importCredentials([sandboxCredential(sandbox.rootUrl, sandbox.testKeys)]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.stop();
	});

	beforeEach(() => sandbox.reset());

	const run = async (
		id: string,
		name: string,
		chain: WorkflowNode[],
		branches: WorkflowNode[][] = [],
	) => {
		await n8n!.importWorkflow(workflow(id, name, chain, branches));
		return await n8n!.execute(id);
	};

	it(
		'runs Create Refusal, Create Client Return, Delete, Get, Get Return Label PDF and Cancel or Return by UUID, shop number and CDEK number; a version-1 node beside them is unchanged',
		withN8nLogs(logs, async () => {
			const s = sandbox.seeds;
			const freshOrders = [1, 2, 3].map(() => sandbox.addOrder({ status: 'CREATED' }));
			const asSeed = (order: { uuid: string; number?: string; cdek_number?: string }) => ({
				uuid: order.uuid,
				number: order.number!,
				cdek_number: order.cdek_number,
			});
			const plan = {
				refusal: [s.inTransit, s.inTransit2, s.inTransit3],
				clientReturn: [s.delivered, s.delivered2, s.partiallyDelivered],
				delete: [s.created, s.accepted, asSeed(freshOrders[0])],
				get: [s.delivered2, s.delivered2, s.delivered2],
				// The bought order prints its return's label; a return order prints its own.
				label: [s.alreadyClientReturned, s.alreadyClientReturnedReturn, s.alreadyRefusedReturn],
				printed: [
					s.alreadyClientReturnedReturn,
					s.alreadyClientReturnedReturn,
					s.alreadyRefusedReturn,
				],
				cancel: [s.inTransit4, asSeed(freshOrders[1]), s.removed],
			};
			const branches = MODES.flatMap((mode, index) => [
				[
					v2(`Refusal ${mode}`, {
						operation: 'createRefusal',
						order: locator(mode, plan.refusal[index]),
					}),
				],
				[
					v2(`Return ${mode}`, {
						operation: 'createClientReturn',
						order: locator(mode, plan.clientReturn[index]),
						tariffCode: 136,
					}),
				],
				[v2(`Delete ${mode}`, { operation: 'delete', order: locator(mode, plan.delete[index]) })],
				[v2(`Get ${mode}`, { operation: 'get', order: locator(mode, plan.get[index]) })],
				[
					v2(`Label ${mode}`, {
						operation: 'getLabel',
						order: locator(mode, plan.label[index]),
						options: fast,
					}),
				],
				[
					v2(`Cancel ${mode}`, {
						operation: 'cancelOrReturn',
						order: locator(mode, plan.cancel[index]),
					}),
				],
			]);
			branches.push([
				cdekNode('Version 1 refusal', account, {
					operation: 'createRefusal',
					orderUuid: s.readyForPickup.uuid,
				}),
			]);
			const { exitCode, execution } = await run(
				'cdekV2E2eEveryOp',
				'e2e v2: every operation by every locator',
				[manualTrigger()],
				branches,
			);
			expect({ exitCode, status: execution.status }).toEqual({ exitCode: 0, status: 'success' });
			const first = (node: string) => outputOf(execution, node)[0];

			MODES.forEach((mode, index) => {
				expect(first(`Refusal ${mode}`).json).toEqual(
					expect.objectContaining({
						orderUuid: plan.refusal[index].uuid,
						requests: [expect.objectContaining({ type: 'CREATE_REFUSAL' })],
					}),
				);
				expect(first(`Return ${mode}`).json.orderUuid).toBe(plan.clientReturn[index].uuid);
				expect(first(`Delete ${mode}`).json).toEqual(
					expect.objectContaining({
						orderUuid: plan.delete[index].uuid,
						requests: [expect.objectContaining({ type: 'DELETE' })],
					}),
				);
				expect(first(`Get ${mode}`).json).toEqual(
					expect.objectContaining({
						uuid: s.delivered2.uuid,
						number: s.delivered2.number,
						status: 'DELIVERED',
					}),
				);
				const label = first(`Label ${mode}`) as { json: any; binary?: any };
				expect(label.json).toEqual(
					expect.objectContaining({
						orderUuid: plan.printed[index].uuid,
						fileName: `cdek-label-${plan.printed[index].cdek_number}.pdf`,
					}),
				);
				expect(label.binary?.data).toEqual(
					expect.objectContaining({ mimeType: 'application/pdf', fileExtension: 'pdf' }),
				);
			});
			expect(MODES.map((mode) => first(`Cancel ${mode}`).json.action)).toEqual([
				'refusal',
				'delete',
				'none',
			]);
			expect(first('Cancel cdekNumber').json.reason).toBe('the order was deleted (REMOVED)');

			const counters = sandbox.counters();
			for (const order of [...plan.refusal, s.inTransit4, s.readyForPickup])
				expect(counters.refusals[order.uuid]?.registered).toBe(1);
			for (const order of plan.clientReturn)
				expect(counters.clientReturns[order.uuid]?.registered).toBe(1);
			for (const order of [...plan.delete, plan.cancel[1]])
				expect(counters.deletes[order.uuid]?.registered).toBe(1);
			expect(counters.chargeableRefusals).toBe(0);
			const queries = sandbox
				.requestLog()
				.filter((entry) => entry.path === '/v2/orders')
				.map((entry) => JSON.stringify(entry.query));
			for (const order of [plan.refusal[1], plan.clientReturn[1], plan.delete[1]])
				expect(queries).toContain(JSON.stringify({ im_number: order.number }));
			for (const order of [plan.refusal[2], plan.clientReturn[2], plan.delete[2]])
				expect(queries).toContain(JSON.stringify({ cdek_number: order.cdek_number }));

			// Version 1: the body CDEK returned, nothing added.
			expect(first('Version 1 refusal').json).toEqual({
				entity: { uuid: s.readyForPickup.uuid },
				requests: [expect.objectContaining({ type: 'CREATE_REFUSAL', state: 'ACCEPTED' })],
				related_entities: [],
			});
		}),
	);

	it(
		"a new node's panel defaults refuse with the visible Safety Check on; switched off in the panel it sends; items say the refusal is queued",
		withN8nLogs(logs, async () => {
			const { created, accepted, inTransit } = sandbox.seeds;
			// Parameters as n8n saves a node added in the editor: defaults (Safety Check and Prevent Duplicates on)
			// are not stored.
			const refuse = (name: string, order: SeedOrder, extra: IDataObject = {}) =>
				v2(
					name,
					{ operation: 'createRefusal', order: locator('uuid', order), ...extra },
					{ onError: 'continueRegularOutput' },
				);
			const { execution } = await run(
				'cdekV2E2ePanelSafety',
				"e2e v2: the panel's Safety Check",
				[manualTrigger()],
				[
					[refuse('Refuse created', created)],
					[refuse('Refuse in transit', inTransit)],
					[refuse('Refuse unchecked', accepted, { safetyCheck: false, preventDuplicates: false })],
				],
			);
			expect(execution.status).toBe('success');
			const [blocked] = outputOf(execution, 'Refuse created');
			expect(blocked.json.error).toMatch(/^Refusal not sent: .+ \[item 1\]$/);
			expect((blocked.json.details as IDataObject).blocked).toEqual(
				expect.objectContaining({ orderStatus: 'CREATED', alternative: expect.any(String) }),
			);
			const [queued] = outputOf(execution, 'Refuse in transit');
			expect(queued.json).toEqual(
				expect.objectContaining({
					orderUuid: inTransit.uuid,
					summary: 'Refusal queued at CDEK (ACCEPTED): CDEK has not decided yet.',
					nextStep: expect.stringContaining("Wait for CDEK's Verdict"),
				}),
			);
			expect(outputOf(execution, 'Refuse unchecked')[0].json.orderUuid).toBe(accepted.uuid);
			const counters = sandbox.counters();
			expect(counters.refusals[created.uuid]?.registered ?? 0).toBe(0);
			expect(counters.refusals[inTransit.uuid]?.registered).toBe(1);
			// Switched off, the check no longer keeps back the refusal CDEK bills for.
			expect(counters.refusals[accepted.uuid]?.registered).toBe(1);
			expect(counters.chargeableRefusals).toBe(1);
		}),
	);

	it(
		"outputs a label PDF that n8n's own PDF reader opens: pages = copies, with the CDEK and shop numbers",
		withN8nLogs(logs, async () => {
			const { alreadyClientReturnedReturn: delivered } = sandbox.seeds;
			const { execution } = await run('cdekV2E2eLabelPdf', 'e2e v2: label PDF', [
				manualTrigger(),
				v2('Label', {
					operation: 'getLabel',
					order: locator('imNumber', delivered),
					options: { ...fast, copies: 3, format: 'A6' },
				}),
				{
					name: 'Read the PDF',
					type: 'n8n-nodes-base.extractFromFile',
					typeVersion: 1,
					position: [900, 300],
					parameters: {
						operation: 'pdf',
						binaryPropertyName: 'data',
						options: { keepSource: 'both' },
					},
				},
				{
					name: 'PDF bytes',
					type: 'n8n-nodes-base.extractFromFile',
					typeVersion: 1,
					position: [1100, 300],
					parameters: {
						operation: 'binaryToPropery',
						binaryPropertyName: 'data',
						destinationKey: 'pdf',
						options: {},
					},
				},
			]);
			expect(execution.status).toBe('success');
			const [read] = outputOf(execution, 'Read the PDF');
			expect(read.json.numpages).toBe(3);
			expect(read.json.text).toContain(`CDEK number: ${delivered.cdek_number}`);
			expect(read.json.text).toContain(`Shop order number: ${delivered.number}`);
			const bytes = Buffer.from(outputOf(execution, 'PDF bytes')[0].json.pdf, 'base64');
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
			expect(readPdf(bytes).pages).toBeGreaterThanOrEqual(1 * 3);
		}),
	);

	it(
		'rejects an invalid locator from an expression before anything is sent; with Continue On Fail it is an error item with pairedItem and the others run',
		withN8nLogs(logs, async () => {
			const { inTransit, inTransit2 } = sandbox.seeds;
			const items = [
				{ order: locator('uuid', inTransit) },
				{ order: { __rl: true, mode: 'cdekNumber', value: 'SHOP-1003' } },
				{ order: locator('cdekNumber', inTransit2) },
			];
			const refuse = (extra: Partial<WorkflowNode> = {}) =>
				v2('Refuse', { operation: 'createRefusal', order: '={{ $json.order }}' }, extra);

			const stopped = await run('cdekV2E2eBadLocator', 'e2e v2: invalid locator', [
				manualTrigger(),
				...itemsNodes(items),
				refuse(),
			]);
			expect(stopped.execution.status).toBe('error');
			expect(stopped.execution.data.resultData.error.message).toMatch(
				/^Order \(CDEK No.\) must be a CDEK order number made of digits only, .* \[item 2\]$/,
			);
			expect(sandbox.requestLog()).toEqual([]);

			const { execution } = await run('cdekV2E2eBadLocatorCof', 'e2e v2: invalid locator, CoF', [
				manualTrigger(),
				...itemsNodes(items),
				refuse({ continueOnFail: true }),
			]);
			const output = outputOf(execution, 'Refuse');
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[1].json.error).toMatch(/^Order \(CDEK No.\) must be/);
			expect([output[0].json.orderUuid, output[2].json.orderUuid]).toEqual([
				inTransit.uuid,
				inTransit2.uuid,
			]);
			expect(sandbox.counters().requestsByRoute['POST /v2/orders/{uuid}/refusal']).toBe(2);
		}),
	);
});
