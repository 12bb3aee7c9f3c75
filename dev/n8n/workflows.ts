/**
 * Builders for workflow JSON as the n8n 2.41.1 editor saves it, for e2e imports. The CDEK node uses
 * its real type name in a community install (`n8n-nodes-cdek.cdek`).
 */
import type { IDataObject } from 'n8n-workflow';

import { CDEK_CREDENTIAL_TYPE, CDEK_NODE_TYPE, CDEK_TRIGGER_TYPE } from './index';
import type { CredentialToImport } from './index';

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: IDataObject;
	credentials?: IDataObject;
	continueOnFail?: boolean;
	onError?: string;
	id?: string;
}

let position = 0;
const at = (): [number, number] => [(position += 220), 300];

export const manualTrigger = (): WorkflowNode => ({
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: at(),
	parameters: {},
});

/** Emits one item per entry of `items` (Set in raw JSON mode, then Split Out). */
export function itemsNodes(items: IDataObject[]): WorkflowNode[] {
	return [
		{
			name: 'Orders',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: at(),
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ orders: items }), options: {} },
		},
		{
			name: 'One per order',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: at(),
			parameters: { fieldToSplitOut: 'orders', options: {} },
		},
	];
}

export function cdekNode(
	name: string,
	credential: { id: string; name: string },
	parameters: IDataObject,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name,
		type: CDEK_NODE_TYPE,
		typeVersion: 1,
		position: at(),
		parameters: { resource: 'order', ...parameters },
		credentials: { cdekApi: credential },
		...extra,
	};
}

/** A CDEK API credential (Account and Secure Password) pointing at a sandbox, to import. */
export function cdekSandboxCredential(
	reference: { id: string; name: string },
	sandbox: { testKeys: { clientId: string; clientSecret: string }; rootUrl: string },
): CredentialToImport {
	return {
		...reference,
		type: CDEK_CREDENTIAL_TYPE,
		data: { authentication: 'clientCredentials', ...sandbox.testKeys, baseUrl: sandbox.rootUrl },
	};
}

/** A published-to-be workflow of one CDEK Trigger, as the editor saves it. */
export function cdekTriggerWorkflow({
	id,
	name,
	webhookId,
	parameters,
	typeVersion,
	credential,
}: {
	id: string;
	name: string;
	webhookId: string;
	parameters: IDataObject;
	typeVersion: number;
	credential: { id: string; name: string };
}): IDataObject {
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'CDEK Trigger',
				type: CDEK_TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: { cdekApi: credential },
			},
		],
		connections: {},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** A workflow whose nodes run in a chain; `branches` start extra chains from the first node. */
export function workflow(
	id: string,
	name: string,
	chain: WorkflowNode[],
	branches: WorkflowNode[][] = [],
): IDataObject {
	const connections: IDataObject = {};
	const link = (from: WorkflowNode, to: WorkflowNode) => {
		const entry = (connections[from.name] ??= { main: [[]] }) as {
			main: Array<Array<IDataObject>>;
		};
		entry.main[0].push({ node: to.name, type: 'main', index: 0 });
	};
	chain.slice(1).forEach((node, index) => link(chain[index], node));
	for (const branch of branches) {
		link(chain[0], branch[0]);
		branch.slice(1).forEach((node, index) => link(branch[index], node));
	}
	const nodes = [...chain, ...branches.flat()].map((node, index) => ({
		id: `${id}-${index}`,
		...node,
	}));
	return {
		id,
		name,
		nodes,
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Items of a node's main output in an execution printed by `n8n execute --rawOutput`. */
export function outputOf(
	execution: any,
	nodeName: string,
	outputIndex = 0,
): Array<{ json: any; pairedItem?: unknown }> {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(execution?.data?.resultData?.runData ?? {}).join(', ')}`,
		);
	return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
}
