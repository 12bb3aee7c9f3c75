/**
 * One CDEK Trigger node of a saved workflow, run the way n8n runs it, for integration tests:
 * - its hooks (checkExists → create on activation, delete on deactivation) through n8n-core's HookContext;
 * - its production webhook as a real HTTP endpoint: each POST is parsed like n8n's body parser (JSON and
 *   form bodies, the raw bytes kept), handed to the node's `webhook()` in n8n-core's WebhookContext, and
 *   answered as n8n answers it (the node's webhookResponse, else "Workflow was started").
 * `staticData` plays the workflow's database row: every hook and webhook call loads it into a fresh
 * Workflow and writes it back when the node changed it, as n8n 2.41.1 does (webhooks/live-webhooks.js
 * saves it after each call when `__dataChanged` is set).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { ExternalSecretsProxy, HookContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';

import './runner'; // installs n8n-core's logger before any context is built
import { CdekTrigger } from '../../nodes/Cdek/CdekTrigger.node';
import { CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials';
import type { CredentialStore } from './credentials';
import { NodeTypeRegistry, credentialTypeTable, nodeTypeTable } from './node-types';

export const TRIGGER_CREDENTIAL_ID = 'cdekCred1';
const NODE_NAME = 'CDEK Trigger';
const nodeTypes = new NodeTypeRegistry(nodeTypeTable({ cdekTrigger: new CdekTrigger() }));
let hosts = 0;

export interface TriggerHostOptions {
	parameters?: INodeParameters;
	/** The node's typeVersion as saved in the workflow (default 2, what the editor creates now). */
	typeVersion?: number;
	webhookId?: string;
	/** n8n's base URL; `listen()` sets it to the local endpoint. Default http://127.0.0.1:5678. */
	base?: string;
}

/** What one POST to the webhook got: the HTTP answer, and the items of the run it started, if any. */
export interface WebhookCall {
	status: number;
	answer: unknown;
	started?: IDataObject[];
}

export class TriggerHost {
	staticData: IDataObject = {};
	/** Every webhook call, in the order they were answered. */
	readonly calls: WebhookCall[] = [];
	private server?: http.Server;
	private base: string;
	private readonly parameters: INodeParameters;
	private readonly typeVersion: number;
	readonly webhookId: string;
	/** Each host is another saved workflow, as n8n's workflow ids are unique. */
	readonly workflowId = `triggerWorkflow${++hosts}`;

	constructor(
		private readonly credentials: CredentialStore,
		options: TriggerHostOptions = {},
	) {
		this.parameters = options.parameters ?? { event: 'ORDER_STATUS' };
		this.typeVersion = options.typeVersion ?? 2;
		this.webhookId = options.webhookId ?? '4f0c2a6e-1d2b-4c4e-9a57-0b1c2d3e4f50';
		this.base = options.base ?? 'http://127.0.0.1:5678';
	}

	get productionUrl(): string {
		return `${this.base}/webhook/${this.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.base}/webhook-test/${this.webhookId}/webhook`;
	}

	/** The runs the webhook started, each as its items' json. */
	get runs(): IDataObject[][] {
		return this.calls.flatMap((call) => (call.started ? [call.started] : []));
	}

	storedUuid(): unknown {
		return (this.staticData[`node:${NODE_NAME}`] as IDataObject | undefined)?.subscriptionUuid;
	}

	/** n8n's createWebhookIfNotExists. */
	async activate(activation: WorkflowActivateMode = 'activate', isTest = false): Promise<void> {
		if (!(await this.hook('checkExists', activation, isTest)))
			await this.hook('create', activation, isTest);
	}

	async hook(
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode = 'activate',
		isTest = false,
	): Promise<boolean> {
		const workflow = this.workflow();
		const context = new HookContext(
			workflow,
			workflow.getNode(NODE_NAME)!,
			this.additionalData(),
			isTest ? 'manual' : 'trigger',
			activation,
			isTest ? ({ isTest: true } as never) : undefined,
		);
		try {
			return await new CdekTrigger().webhookMethods.default[method].call(context);
		} finally {
			this.save(workflow, true);
		}
	}

	/** Serves the production webhook on 127.0.0.1; the node's webhook URLs then point here. */
	async listen(): Promise<void> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				void this.handle(request, Buffer.concat(chunks)).then(({ status, answer }) => {
					response.writeHead(status, { 'content-type': 'application/json' });
					response.end(JSON.stringify(answer));
				});
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	private async handle(request: http.IncomingMessage, rawBody: Buffer): Promise<WebhookCall> {
		const path = new URL(request.url ?? '/', this.base).pathname;
		if (request.method !== 'POST' || path !== new URL(this.productionUrl).pathname) {
			return this.record({ status: 404, answer: { message: 'webhook not registered' } });
		}
		const type = String(request.headers['content-type'] ?? '');
		let body: unknown = {};
		try {
			if (rawBody.length && type.includes('json')) body = JSON.parse(rawBody.toString('utf8'));
			else if (rawBody.length && type.includes('urlencoded'))
				body = parseQuery(rawBody.toString('utf8'));
		} catch {
			return this.record({ status: 400, answer: { message: 'body is not valid JSON' } });
		}
		const workflow = this.workflow();
		const additionalData = this.additionalData();
		additionalData.httpRequest = {
			body,
			rawBody,
			headers: request.headers,
			params: {},
			query: {},
		} as never;
		const context = new WebhookContext(
			workflow,
			workflow.getNode(NODE_NAME)!,
			additionalData,
			'webhook',
			{ httpMethod: 'POST', path: 'webhook', isTest: false } as unknown as IWebhookData,
			[],
			null,
		);
		try {
			const result = await new CdekTrigger().webhook.call(context);
			const started = result.workflowData?.[0]?.map((item) => item.json);
			const answer = result.webhookResponse ?? { message: 'Workflow was started' };
			return this.record({ status: 200, answer, started });
		} catch (error) {
			return this.record({ status: 500, answer: { message: (error as Error).message } });
		} finally {
			this.save(workflow, false);
		}
	}

	private record(call: WebhookCall): WebhookCall {
		this.calls.push(call);
		return call;
	}

	private workflow(): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'trigger',
			nodes: [
				{
					id: 'trigger-node',
					name: NODE_NAME,
					type: 'cdekTrigger',
					typeVersion: this.typeVersion,
					position: [0, 0],
					webhookId: this.webhookId,
					parameters: this.parameters,
					credentials: { cdekApi: { id: TRIGGER_CREDENTIAL_ID, name: 'CDEK Sandbox' } },
				},
			],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(this.staticData)) as IDataObject,
		});
	}

	/** n8n saves static data after a webhook call only when it changed; hooks always hand it back. */
	private save(workflow: Workflow, always: boolean): void {
		if (always || workflow.staticData.__dataChanged === true)
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: new HarnessCredentialsHelper(
				this.credentials,
				new CredentialTypeRegistry(credentialTypeTable()),
			),
			restApiUrl: `${this.base}/rest`,
			instanceBaseUrl: `${this.base}/`,
			webhookBaseUrl: `${this.base}/webhook`,
			webhookWaitingBaseUrl: `${this.base}/webhook-waiting`,
			webhookTestBaseUrl: `${this.base}/webhook-test`,
			formWaitingBaseUrl: `${this.base}/form-waiting`,
			variables: {},
			externalSecretsProxy: new ExternalSecretsProxy(),
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}
