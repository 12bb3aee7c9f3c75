/**
 * What the n8n editor (2.41.1, and 1.123.81 alike) does over REST, for e2e tests: test a credential, run a workflow as the
 * "Execute workflow" button does, list loaded node types. Endpoints read from n8n's dist code:
 * - POST /rest/credentials/test  body { credentials: { id, name, type, data } } → { data: { status, message } }
 *   (id of a stored credential: `data` overrides the stored values; id '' tests unsaved data, owner only)
 * - POST /rest/workflows/:id/run  body { triggerToStartFrom: { name } } → { data: { executionId } }
 * - GET  /rest/executions/:id     → { data: { status, finished, data: <flatted string> } }
 * - GET  /types/nodes.json        → all node descriptions (cookie required)
 * - POST /rest/dynamic-node-parameters/options  body { path, methodName, nodeTypeAndVersion: { name, version },
 *   currentNodeParameters, credentials } → { data: [{ name, value }] } (a parameter's option list)
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Runtime } from './runtime';

export interface RestResponse {
	status: number;
	/** Parsed JSON when the server sent JSON (n8n wraps most payloads in `{ data }`), else the text. */
	body: any;
}

export type RestCall = (method: string, path: string, body?: unknown) => Promise<RestResponse>;

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

function unwrap(response: RestResponse, what: string): any {
	if (response.status !== 200)
		throw new Error(
			`${what}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`,
		);
	return response.body?.data;
}

export async function testCredential(
	rest: RestCall,
	credential: { id?: string; name?: string; type: string; data: object },
): Promise<CredentialTestResult> {
	const response = await rest('POST', '/rest/credentials/test', {
		credentials: {
			id: credential.id ?? '',
			name: credential.name ?? '',
			type: credential.type,
			data: credential.data,
		},
	});
	return unwrap(response, 'credential test') as CredentialTestResult;
}

/** n8n stores execution data with `flatted`; parse it with the running n8n's own copy. */
export function parseFlatted(text: string, runtime: Runtime): any {
	const requireFromN8n = createRequire(join(runtime.n8nBin, '..', '..', 'package.json'));
	return (requireFromN8n('flatted') as { parse(text: string): unknown }).parse(text);
}

export interface EditorRunOptions {
	/** Defaults to the workflow's first node whose type ends with "Trigger". */
	triggerNodeName?: string;
	timeoutMs?: number;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** Runs a saved workflow like the editor's "Execute workflow" button and returns the finished execution. */
export async function runWorkflowFromEditor(
	rest: RestCall,
	runtime: Runtime,
	workflowId: string,
	options: EditorRunOptions = {},
): Promise<any> {
	let trigger = options.triggerNodeName;
	if (!trigger) {
		const workflow = unwrap(
			await rest('GET', `/rest/workflows/${workflowId}`),
			`workflow ${workflowId}`,
		);
		trigger = (workflow.nodes as Array<{ name: string; type: string }>).find((node) =>
			/trigger$/i.test(node.type),
		)?.name;
		if (!trigger)
			throw new Error(`Workflow ${workflowId} has no trigger node; pass triggerNodeName.`);
	}
	const started = unwrap(
		await rest('POST', `/rest/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: trigger },
		}),
		'run',
	);
	if (!started?.executionId)
		throw new Error(`Workflow ${workflowId} did not start: ${JSON.stringify(started)}`);
	const deadline = Date.now() + (options.timeoutMs ?? 120000);
	while (Date.now() < deadline) {
		const execution = unwrap(
			await rest('GET', `/rest/executions/${started.executionId}`),
			'execution',
		);
		if (execution && FINISHED.has(execution.status))
			return {
				...execution,
				data:
					typeof execution.data === 'string'
						? parseFlatted(execution.data, runtime)
						: execution.data,
			};
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`Execution ${started.executionId} of ${workflowId} did not finish in time.`);
}

export async function loadedNodeTypes(rest: RestCall): Promise<string[]> {
	const response = await rest('GET', '/types/nodes.json');
	if (response.status !== 200) throw new Error(`GET /types/nodes.json: HTTP ${response.status}`);
	return (response.body as Array<{ name: string }>).map((node) => node.name);
}

export async function loadedCredentialTypes(rest: RestCall): Promise<string[]> {
	const response = await rest('GET', '/types/credentials.json');
	if (response.status !== 200)
		throw new Error(`GET /types/credentials.json: HTTP ${response.status}`);
	return (response.body as Array<{ name: string }>).map((credential) => credential.name);
}

export interface OptionListRequest {
	nodeType: string;
	version: number;
	methodName: string;
	/** The parameter the list is for, e.g. "parameters.tariffCode". */
	path: string;
	parameters: Record<string, unknown>;
	/** By credential type: { id, name } of a stored credential. */
	credentials: Record<string, { id: string; name: string }>;
}

/** A parameter's option list, as the editor loads it (methods.loadOptions); errors come back as HTTP 500 with a message. */
export async function loadOptionList(
	rest: RestCall,
	request: OptionListRequest,
): Promise<RestResponse> {
	return await rest('POST', '/rest/dynamic-node-parameters/options', {
		path: request.path,
		methodName: request.methodName,
		nodeTypeAndVersion: { name: request.nodeType, version: request.version },
		currentNodeParameters: request.parameters,
		credentials: request.credentials,
	});
}
