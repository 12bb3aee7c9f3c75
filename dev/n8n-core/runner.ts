/**
 * Runs a workflow in-process through n8n's real engine: n8n-core's `WorkflowExecute` over an
 * n8n-workflow `Workflow`, real `httpRequest`/`httpRequestWithAuthentication` (real HTTP), and an
 * in-memory credentials helper that mirrors n8n's (see n8n-core-credentials.ts).
 *
 *   const result = await runWorkflow({
 *     input: [{ uuid: 'a' }, { uuid: 'b' }],
 *     nodes: [{ name: 'CDEK', type: 'cdek', parameters: { orderUuid: '={{ $json.uuid }}' },
 *               credentials: { cdekApi: { id: 'cred1', name: 'CDEK' } } }],
 *     credentials: new CredentialStore({ cred1: { type: 'cdekApi', data: { ... } } }),
 *   });
 *   result.output('CDEK');       // items of the node's main output 0 (last run)
 *   result.output('CDEK', 1);    // the error output when onError = 'continueErrorOutput'
 */
import { randomUUID } from 'crypto';
import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	WorkflowExecute,
} from 'n8n-core';
import { UserError, Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ExecutionError,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { CredentialStore, CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials';
import { installRecordingLogger, n8nLog, stopBackgroundServices } from './container';
import type { LogEntry } from './container';
import {
	NodeTypeRegistry,
	START_NODE_TYPE,
	credentialTypeTable,
	nodeTypeTable,
} from './node-types';

export { CredentialStore } from './credentials';
export type { StoredCredential } from './credentials';
export type { LogEntry } from './container';
export { START_NODE_TYPE, TestInput, loadOptional } from './node-types';

/** Name of the built-in start node; its output is `result.output(START_NODE_NAME)`. */
export const START_NODE_NAME = 'Start';

export type RunNode = Partial<INode> & { name: string; type: string; parameters: INodeParameters };

export interface RunOptions {
	/** Nodes after the start node; chained output 0 → input 0 in order unless `connections` is given. */
	nodes: RunNode[];
	/** Connections between `nodes`; Start → first node is added unless `START_NODE_NAME` has an entry. */
	connections?: IConnections;
	/** Items the start node emits (default `[{}]`). */
	input?: IDataObject[];
	credentials?: CredentialStore;
	/** Extra node types by the type name nodes use (added to `test.input` and `cdek`). */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types (added to `cdekApi`). */
	credentialTypes?: ICredentialType[];
	/** Default `{ executionOrder: 'v1' }`, as for any workflow created in n8n 1.x/2.x. */
	settings?: IWorkflowSettings;
	/** Default `'manual'` (run from the editor). */
	mode?: WorkflowExecuteMode;
	/** Aborting it cancels the execution, as n8n's "Stop" does (the run still resolves, status 'error'). */
	signal?: AbortSignal;
}

export interface RunResult {
	status: 'success' | 'error';
	/** Main output items of the node's last run; throws if the node did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** Whether the node ran at all (a node on an empty branch does not). */
	ran(nodeName: string): boolean;
	/** Workflow-level error when a node failed without continuing. */
	error?: ExecutionError;
	runData: IRunData;
	/** Node names in the order they finished. */
	executionOrder: string[];
	/** The raw result of `WorkflowExecute.processRunExecutionData`. */
	run: IRun;
	/** What n8n logged during the run (its ErrorReporter logs each node error); never printed. */
	logs: LogEntry[];
}

installRecordingLogger();

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const nodeTypes = new NodeTypeRegistry(nodeTypeTable(options.nodeTypes));
	const credentialTypes = new CredentialTypeRegistry(credentialTypeTable(options.credentialTypes));
	const credentialsHelper = new HarnessCredentialsHelper(
		options.credentials ?? new CredentialStore({}),
		credentialTypes,
	);

	const nodes = buildNodes(options.nodes, nodeTypes);
	const connections = options.connections
		? { ...chain([START_NODE_NAME, options.nodes[0]?.name]), ...options.connections }
		: chain(nodes.map((node) => node.name));
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
	const workflowName = 'harness';
	const workflow = new Workflow({
		id: workflowName,
		name: workflowName,
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings,
	});

	const mode = options.mode ?? 'manual';
	const executionId = randomUUID();
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflowName,
		nodes,
		connections,
		active: false,
		settings,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});

	const startNode = workflow.getNode(START_NODE_NAME);
	if (!startNode) throw new UserError(`The start node "${START_NODE_NAME}" is missing`);
	const inputItems = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [inputItems] }, source: null }],
		},
	});

	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId);
	const logStart = n8nLog.length;
	let run: IRun;
	try {
		const running = new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		if (options.signal?.aborted) running.cancel();
		options.signal?.addEventListener('abort', () => running.cancel(), { once: true });
		run = await running;
	} finally {
		stopBackgroundServices();
	}
	return toResult(run, executionOrder, n8nLog.slice(logStart));
}

/**
 * Calls a node's `methods.loadOptions[methodName]` the way the editor does (n8n-core's LoadOptionsContext, real
 * credentials helper, real HTTP), for an option list such as the CDEK node's tariffs.
 */
export async function runLoadOptions(options: {
	node: RunNode;
	methodName: string;
	credentials?: CredentialStore;
}): Promise<INodePropertyOptions[]> {
	const nodeTypes = new NodeTypeRegistry(nodeTypeTable());
	const credentialsHelper = new HarnessCredentialsHelper(
		options.credentials ?? new CredentialStore({}),
		new CredentialTypeRegistry(credentialTypeTable()),
	);
	const [, node] = buildNodes([options.node], nodeTypes);
	const workflow = new Workflow({
		id: 'harness-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const executionId = randomUUID();
	const hooks = new ExecutionLifecycleHooks('internal', executionId, {
		id: workflow.id,
		name: workflow.id,
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	const additionalData = buildAdditionalData(credentialsHelper, hooks, executionId);
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const method = nodeType.methods?.loadOptions?.[options.methodName];
	if (!method) throw new UserError(`${node.type} has no methods.loadOptions.${options.methodName}`);
	try {
		return await method.call(context);
	} finally {
		stopBackgroundServices();
	}
}

function buildNodes(runNodes: RunNode[], nodeTypes: NodeTypeRegistry): INode[] {
	const start: INode = {
		id: 'start',
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const names = new Set([START_NODE_NAME]);
	const nodes = runNodes.map((node, index): INode => {
		if (names.has(node.name)) throw new UserError(`Duplicate node name "${node.name}"`);
		names.add(node.name);
		return {
			id: `node-${index + 1}`,
			position: [(index + 1) * 220, 0],
			typeVersion: nodeTypes.defaultVersion(node.type),
			...node,
		};
	});
	return [start, ...nodes];
}

function chain(names: Array<string | undefined>): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		const [from, to] = [names[i], names[i + 1]];
		if (from === undefined || to === undefined) continue;
		connections[from] = { main: [[{ node: to, type: 'main', index: 0 }]] };
	}
	return connections;
}

/** The fields n8n's CLI fills in `WorkflowExecuteAdditionalData.getBase`, with inert values. */
function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	const unsupported = (what: string) => async () => {
		throw new UserError(`${what} is not supported by the in-process runner`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('The task runner (Code node)'),
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		externalSecretsProxy: new ExternalSecretsProxy(),
	};
}

function toResult(run: IRun, executionOrder: string[], logs: LogEntry[]): RunResult {
	const { runData, error } = run.data.resultData;
	return {
		logs,
		status: run.status === 'success' ? 'success' : 'error',
		error,
		runData,
		executionOrder,
		run,
		ran: (nodeName) => (runData[nodeName]?.length ?? 0) > 0,
		output(nodeName, outputIndex = 0) {
			const lastRun = runData[nodeName]?.at(-1);
			if (!lastRun) {
				const why = error ? `; workflow error: ${error.message}` : '';
				throw new UserError(
					`Node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'}${why})`,
				);
			}
			return lastRun.data?.main?.[outputIndex] ?? [];
		},
	};
}
