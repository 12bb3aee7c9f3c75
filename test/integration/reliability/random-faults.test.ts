/**
 * 200 items (refusals, client returns, deletions, creations) while the sandbox injects every kind of fault
 * at random (fixed seed, 20 % of the orders API requests) and tokens expire every 60 requests: no item lost, none registered or applied twice,
 * and every failed item carries its cause. Prints the figures docs/RELIABILITY.md quotes.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IConnections,
} from 'n8n-workflow';

import type { Sandbox } from '../../../dev/sandbox';
import { runWorkflow, START_NODE_NAME } from '../../../dev/n8n-core/runner';
import { accountCredential, cdekNode } from '../../../dev/n8n-core/cdek-fixture';
import { drainFaults, withSandbox } from '../../../dev/reliability/support';
import {
	FAULT_RATE,
	RUN_OPERATIONS,
	RUN_PARAMETERS,
	checkRunOutputs,
	expireEvery,
	figures,
	prepareItems,
	printFigures,
	randomFaults,
} from '../../../dev/reliability/random-run';
import type { RunItem } from '../../../dev/reliability/random-run';

/** Passes on the items of one operation (what a Switch node does in a real workflow). */
class PickOperation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pick Operation',
		name: 'pickOperation',
		group: ['transform'],
		version: 1,
		description: 'Items whose op is the given operation',
		defaults: { name: 'Pick' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Operation', name: 'op', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const op = this.getNodeParameter('op', 0) as string;
		const items = this.getInputData();
		return [
			items.flatMap((item, index) =>
				item.json.op === op ? [{ json: item.json, pairedItem: { item: index } }] : [],
			),
		];
	}
}

async function runMixed(sandbox: Sandbox, items: RunItem[]) {
	const nodes = RUN_OPERATIONS.flatMap((op) => [
		{ name: `Pick ${op}`, type: 'pickOperation', parameters: { op } },
		cdekNode(RUN_PARAMETERS[op] as never, { name: `CDEK ${op}`, onError: 'continueRegularOutput' }),
	]);
	const connections: IConnections = {
		[START_NODE_NAME]: {
			main: [RUN_OPERATIONS.map((op) => ({ node: `Pick ${op}`, type: 'main', index: 0 }))],
		},
		...Object.fromEntries(
			RUN_OPERATIONS.map((op) => [
				`Pick ${op}`,
				{ main: [[{ node: `CDEK ${op}`, type: 'main', index: 0 }]] },
			]),
		),
	};
	const started = Date.now();
	const result = await runWorkflow({
		nodes,
		connections,
		input: items,
		nodeTypes: { pickOperation: new PickOperation() },
		credentials: accountCredential(sandbox),
	});
	return { result, wallMs: Date.now() - started };
}

describe('200 items under random CDEK faults (n8n-core, sandbox)', () => {
	it('loses no item, registers and applies nothing twice, and gives every failure its cause', async () => {
		await withSandbox({ settleDelayMs: 2000 }, async (sandbox) => {
			const items = prepareItems(sandbox);
			expect(items).toHaveLength(200);
			sandbox.injectRandomFaults(randomFaults());
			const tokens = expireEvery(sandbox);
			const { result, wallMs } = await runMixed(sandbox, items);
			await drainFaults(sandbox);
			sandbox.clearFaults();
			sandbox.settlePending();

			expect(result.status).toBe('success');
			const outputs = checkRunOutputs(items, (name) => result.output(name));

			// Requests CDEK processed after the node stopped waiting have landed (drainFaults); decide every pending one.
			sandbox.settlePending();
			const run = figures(sandbox, sandbox.counters(), outputs, wallMs, tokens.expiries());
			printFigures(`n8n-core, seed ${randomFaults().seed}, rate ${FAULT_RATE}`, run);
			expect(run.faultsInjected).toBeGreaterThan(40);
			expect(Object.keys(run.faultsByKind).sort()).toEqual([
				'delay',
				'expire-token',
				'malformed-json',
				'reset-after',
				'reset-before',
				'status',
			]);
			expect(run.tokenExpiries).toBeGreaterThan(5);
			// At most one renewal per expiry and per refused token (an expiry after the last request needs none).
			const refusedTokens = run.faultsByKind['expire-token'] ?? 0;
			expect(run.tokenRequests).toBeLessThanOrEqual(run.tokenExpiries + refusedTokens + 1);
			expect(run.tokenRequests).toBeGreaterThanOrEqual(run.tokenExpiries);
			expect(run.duplicateApplied).toEqual([]);
			expect(run.duplicateRegistered).toEqual([]);
			// Every item that succeeded is registered in CDEK exactly once (not counting extras CDEK rejected).
			const counters = sandbox.counters();
			const counted = (item: RunItem) => {
				const kind = {
					createRefusal: 'refusals',
					createClientReturn: 'clientReturns',
					delete: 'deletes',
					create: 'creates',
				} as const;
				const count = counters[kind[item.op]][item.op === 'create' ? item.number : item.uuid];
				return count ? count.registered - count.rejected : 0;
			};
			const succeeded = RUN_OPERATIONS.flatMap((op) => {
				const input = items.filter((item) => item.op === op);
				return result
					.output(`CDEK ${op}`)
					.flatMap((item, index) => (typeof item.json.error === 'string' ? [] : [input[index]]));
			});
			expect(succeeded.filter((item) => counted(item) !== 1)).toEqual([]);
		});
	}, 120000);
});
