import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Whether the node runs as "CDEK Tool" for an AI Agent or n8n's MCP Server Trigger: n8n serves a node that is
 * `usableAsTool` under a second type, its own name with "Tool" appended (`n8n-nodes-cdek.cdekTool`), and runs the
 * same `execute` with the model's arguments as the input item.
 */
export function runsAsTool(node: INode): boolean {
	return /(^|\.)cdekTool$/.test(node.type);
}

/** The parameters that keep an action safe; the workflow's author sets them, never the model. */
const SAFETY_PARAMETERS: Record<string, string> = {
	safetyCheck: 'Safety Check',
	preventDuplicates: 'Prevent Duplicates',
	waitForVerdict: "Wait for CDEK's Verdict",
	pollInterval: 'Poll Interval (Seconds)',
	waitTimeout: 'Time Limit (Seconds)',
};

const leftToModel = (value: unknown) => typeof value === 'string' && value.includes('$fromAI');

/**
 * As a tool, a safety parameter set with `$fromAI()` would let the model switch the check off: refuse to run, with
 * nothing sent, and say which parameter to set. (Version 1 keeps them inside Options.)
 */
export function assertSafetyNotLeftToModel(node: INode): void {
	const options = (node.parameters.options ?? {}) as IDataObject;
	for (const [name, label] of Object.entries(SAFETY_PARAMETERS)) {
		if (!leftToModel(node.parameters[name]) && !leftToModel(options[name])) continue;
		throw new NodeOperationError(
			node,
			`"${label}" is left to the AI model ($fromAI), so the model could turn it off`,
			{
				description: `Nothing was sent to CDEK. Set "${label}" in the CDEK Tool node yourself (a fixed value, no $fromAI()); only the order, numbers, dates and places are for the model to fill in.`,
			},
		);
	}
}

/**
 * What the model reads when the Safety Check held an action back: a normal answer it can explain to the customer
 * (the reason and what to do instead), not an error that ends the agent's run.
 */
export function heldBackAnswer(message: string, blocked: IDataObject): IDataObject {
	const { reason, alternative, orderUuid, orderStatus } = blocked;
	return {
		heldBack: true,
		summary: message.replace(/ \[item \d+\]$/, ''),
		nextStep: alternative,
		reason,
		alternative,
		orderUuid,
		orderStatus,
	};
}
