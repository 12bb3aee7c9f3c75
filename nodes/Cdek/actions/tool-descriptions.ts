import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI model reads about "CDEK Tool": each operation's module exports its `toolDescription` (what it does,
 * what to give it, when to use it rather than another, what its answer means). n8n shows it in the tool node as "Tool Description" (editable)
 * and hands it to the AI Agent and to MCP clients.
 *
 * How n8n (2.41 and 1.123 alike) uses it: its loader gives a `usableAsTool` node's tool variant a "Tool
 * Description" of its own only when the node has no `toolDescription` parameter (convertNodeToAiTool), and a tool's
 * description is a non-empty `toolDescription` as it stands, else "<the operation's action> in CDEK"
 * (NodeHelpers.getToolDescriptionForNode, n8n-io/n8n packages/workflow/src/node-helpers.ts). `@tool` in
 * displayOptions is true only in the tool variant.
 */

const toolDescriptionBase: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description:
		'What the AI model reads about this tool: what it does and when to use it. Prefilled for the chosen operation.',
};

/** "Tool Description" of the operation, shown only in the tool node (n8n's `@tool`) and prefilled per operation. */
export function toolDescriptionProperty(
	resource: string,
	operation: string,
	text: string,
): INodeProperties {
	return {
		...toolDescriptionBase,
		default: text,
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	};
}
