/**
 * The CDEK node as "CDEK Tool" (the type n8n derives for AI agents and its MCP Server Trigger, `…cdekTool`), in
 * n8n's real engine against the sandbox: an action the Safety Check holds back is the item's answer, with the
 * reason and the alternative, and nothing is sent; a safety parameter left to the model stops the tool before
 * anything is sent. The plain node keeps its error for the same order. (test/e2e/ai-agent.test.ts runs the tool
 * under n8n's AI Agent and MCP Server Trigger.)
 */
import { accountCredential, apiCalls, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { runWorkflow } from '../../../dev/n8n-core/runner';
import type { RunNode } from '../../../dev/n8n-core/runner';
import { Cdek } from '../../../nodes/Cdek/Cdek.node';

/** The node type as n8n's loader derives it for tools: the same node, named with "Tool" appended. */
function cdekToolType(): Cdek {
	const tool = new Cdek();
	tool.description = { ...tool.description, name: 'cdekTool', displayName: 'CDEK Tool' };
	return tool;
}

const toolNode = (type: 'cdekTool' | 'cdek', parameters: RunNode['parameters']): RunNode => ({
	name: 'Refuse Delivery',
	type,
	typeVersion: 2,
	parameters: { resource: 'order', operation: 'createRefusal', ...parameters },
	credentials: { cdekApi: { id: 'cdekCred1', name: 'CDEK Sandbox' } },
});

const byShopNumber = { __rl: true, mode: 'imNumber', value: '={{ $json.orderNumber }}' };

describe('CDEK Tool mode (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox();

	it('answers a held-back refusal with the reason and the alternative, and sends nothing', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runWorkflow({
			nodes: [toolNode('cdekTool', { order: byShopNumber })],
			nodeTypes: { cdekTool: cdekToolType() },
			input: [{ orderNumber: delivered.number }],
			credentials: accountCredential(sandbox()),
		});

		expect(result.status).toBe('success');
		const [item] = result.output('Refuse Delivery');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			heldBack: true,
			summary:
				'Refusal not sent: the order was already delivered (DELIVERED), so it can no longer be refused',
			nextStep:
				'Use "Return a Delivered Order" (Create Client Return) when the customer sends it back.',
			reason: 'the order was already delivered (DELIVERED), so it can no longer be refused',
			alternative:
				'Use "Return a Delivered Order" (Create Client Return) when the customer sends it back.',
			orderUuid: delivered.uuid,
			orderStatus: 'DELIVERED',
		});
		expect(apiCalls(sandbox()).map(({ method }) => method)).toEqual(['GET']);
	});

	it('keeps the error of the plain node for the same order', async () => {
		const { delivered } = sandbox().seeds;
		const result = await runWorkflow({
			nodes: [toolNode('cdek', { order: byShopNumber })],
			input: [{ orderNumber: delivered.number }],
			credentials: accountCredential(sandbox()),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Refusal not sent: the order was already delivered/);
	});

	it('refuses to run when Safety Check is left to the model, with nothing sent', async () => {
		const { inTransit } = sandbox().seeds;
		const result = await runWorkflow({
			nodes: [
				toolNode('cdekTool', {
					order: byShopNumber,
					safetyCheck: "={{ $fromAI('safetyCheck', 'Check the order first', 'boolean') }}",
				}),
			],
			nodeTypes: { cdekTool: cdekToolType() },
			input: [{ orderNumber: inTransit.number, safetyCheck: false }],
			credentials: accountCredential(sandbox()),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'"Safety Check" is left to the AI model ($fromAI), so the model could turn it off',
		);
		expect(sandbox().requestLog()).toEqual([]);
	});
});
