/**
 * "CDEK Tool" as n8n builds it for an AI Agent or its MCP Server Trigger: the node type with "Tool" appended. The
 * description the model reads is ours, per operation, not n8n's generic "<action> in CDEK"; the plain CDEK node
 * shows no such parameter; the helpers that decide tool-mode behaviour recognise the tool and its unsafe set-ups.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { nodeSurface } from '../../dev/n8n-core/node-surface';
import { Cdek } from '../../nodes/Cdek/Cdek.node';
import { TOOL_DESCRIPTIONS } from '../../nodes/Cdek/actions/resources';
import {
	assertSafetyNotLeftToModel,
	heldBackAnswer,
	runsAsTool,
} from '../../nodes/Cdek/helpers/tool-mode';

const plain = new Cdek();
/** What n8n's loader derives for the tool (`convertNodeToAiTool`): the same description, named `cdekTool`. */
const tool = new Cdek();
tool.description = { ...tool.description, name: 'cdekTool', displayName: 'CDEK Tool' };

const operationsOf = (description: INodeTypeDescription, version: number) =>
	description.properties
		.filter(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.['@version'] as number[]).includes(version),
		)
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map((option) => ({
				resource: (property.displayOptions?.show?.resource as string[])[0],
				operation: option.value,
			})),
		);

const toolNode = (parameters: INodeParameters, typeVersion = 2): INode => ({
	id: 'tool-1',
	name: 'Cancel or return',
	type: 'n8n-nodes-cdek.cdekTool',
	typeVersion,
	position: [0, 0],
	parameters,
});

describe('CDEK Tool description', () => {
	it.each([1, 2])(
		'version %i: every operation has its own description, which n8n hands to the model',
		(version) => {
			const operations = operationsOf(tool.description, version);
			expect(operations.length).toBeGreaterThan(10);
			const seen = new Set<string>();
			for (const { resource, operation } of operations) {
				const surface = nodeSurface(tool.description, version, { resource, operation });
				const text = TOOL_DESCRIPTIONS[`${resource}.${operation}`];
				expect(`${resource}.${operation}: ${typeof text}`).toBe(`${resource}.${operation}: string`);
				expect(surface.defaults?.toolDescription).toBe(text);
				const node = toolNode(surface.defaults as INodeParameters, version);
				expect(NodeHelpers.getToolDescriptionForNode(node, tool as INodeType)).toBe(text);
				seen.add(text);
			}
			expect(seen.size).toBe(operations.length);
		},
	);

	it('tells the model when to use Cancel or Return and to look the order up when unsure', () => {
		expect(TOOL_DESCRIPTIONS['order.cancelOrReturn']).toMatch(
			/customer wants to cancel an order or send it back/,
		);
		expect(TOOL_DESCRIPTIONS['order.cancelOrReturn']).toMatch(/heldBack: true/);
		expect(TOOL_DESCRIPTIONS['order.get']).toMatch(/use it first whenever you are unsure/);
		expect(TOOL_DESCRIPTIONS['order.createRefusal']).toMatch(/look the order up first/);
	});

	it('follows the operation when the author changes it, as the editor recomputes the parameters', () => {
		const node = toolNode({});
		const parameters = (values: INodeParameters, withDefaults: boolean) =>
			NodeHelpers.getNodeParameters(
				tool.description.properties,
				values,
				withDefaults,
				false,
				node,
				tool.description,
			) as INodeParameters;
		// The editor drops values equal to their defaults, applies the change, then fills the new defaults in.
		const lookUp = parameters({ resource: 'order', operation: 'get' }, true);
		const saved = parameters(lookUp, false);
		expect(saved).not.toHaveProperty('toolDescription');
		const switched = parameters({ ...saved, operation: 'cancelOrReturn' }, true);
		expect(switched.toolDescription).toBe(TOOL_DESCRIPTIONS['order.cancelOrReturn']);
	});

	it('keeps a description the author wrote', () => {
		const surface = nodeSurface(tool.description, 2, {
			resource: 'order',
			operation: 'get',
			toolDescription: 'Look up our orders for the support chat.',
		});
		const node = toolNode(surface.defaults as INodeParameters);
		expect(NodeHelpers.getToolDescriptionForNode(node, tool as INodeType)).toBe(
			'Look up our orders for the support chat.',
		);
	});

	it('is not a parameter of the plain CDEK node', () => {
		for (const version of [1, 2]) {
			const surface = nodeSurface(plain.description, version, {
				resource: 'order',
				operation: 'get',
			});
			expect(surface.displayed.map((property) => property.name)).not.toContain('toolDescription');
			expect(surface.defaults).not.toHaveProperty('toolDescription');
		}
	});
});

describe('CDEK Tool mode', () => {
	it('recognises the tool by its node type, not the plain node', () => {
		expect(runsAsTool(toolNode({}))).toBe(true);
		expect(runsAsTool({ ...toolNode({}), type: 'n8n-nodes-cdek.cdek' })).toBe(false);
		expect(runsAsTool({ ...toolNode({}), type: 'cdekTool' })).toBe(true);
		expect(runsAsTool({ ...toolNode({}), type: 'n8n-nodes-other.cdekToolbox' })).toBe(false);
	});

	it.each([
		[
			'safetyCheck',
			{ safetyCheck: "={{ $fromAI('safetyCheck', '', 'boolean') }}" },
			'Safety Check',
		],
		['preventDuplicates', { preventDuplicates: "={{ $fromAI('dup') }}" }, 'Prevent Duplicates'],
		['waitForVerdict', { waitForVerdict: "={{ $fromAI('wait') }}" }, "Wait for CDEK's Verdict"],
		[
			'a version-1 option',
			{ options: { safetyCheck: "={{ $fromAI('safetyCheck') }}" } },
			'Safety Check',
		],
	])('refuses a tool whose %s is left to the model', (_what, parameters, label) => {
		expect(() => assertSafetyNotLeftToModel(toolNode(parameters))).toThrow(
			`"${label}" is left to the AI model ($fromAI)`,
		);
	});

	it('accepts a tool whose safety is set by the author and whose order is left to the model', () => {
		expect(() =>
			assertSafetyNotLeftToModel(
				toolNode({
					order: { __rl: true, mode: 'imNumber', value: "={{ $fromAI('orderNumber') }}" },
					safetyCheck: true,
					preventDuplicates: '={{ true }}',
				}),
			),
		).not.toThrow();
	});

	it('answers a held-back action with the reason and the alternative, without the item tag', () => {
		expect(
			heldBackAnswer('Refusal not sent: the order was already delivered (DELIVERED) [item 1]', {
				reason: 'the order was already delivered (DELIVERED)',
				alternative: 'Use "Return a Delivered Order".',
				orderUuid: 'u-1',
				orderStatus: 'DELIVERED',
			}),
		).toEqual({
			heldBack: true,
			summary: 'Refusal not sent: the order was already delivered (DELIVERED)',
			nextStep: 'Use "Return a Delivered Order".',
			reason: 'the order was already delivered (DELIVERED)',
			alternative: 'Use "Return a Delivered Order".',
			orderUuid: 'u-1',
			orderStatus: 'DELIVERED',
		});
	});
});
