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

import { outlastingClients } from '../util/http-server';
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
	/** The node as a freshly started n8n process loads it (see `restarted()`). */
	trigger?: CdekTrigger;
	/** Default: a new id, as each saved workflow has its own. */
	workflowId?: string;
}

/** What one POST to the webhook got: the HTTP answer, and the items of the run it started, if any. */
export interface WebhookCall {
	status: number;
	answer: unknown;
	started?: IDataObject[];
	/** Version 3: the items of the run on the Unconfirmed output (output 2), if it started one there. */
	unconfirmed?: IDataObject[];
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
	readonly workflowId: string;
	private readonly trigger: CdekTrigger;

	constructor(
		private readonly credentials: CredentialStore,
		options: TriggerHostOptions = {},
	) {
		this.parameters = options.parameters ?? { event: 'ORDER_STATUS' };
		this.typeVersion = options.typeVersion ?? 2;
		this.webhookId = options.webhookId ?? '4f0c2a6e-1d2b-4c4e-9a57-0b1c2d3e4f50';
		this.base = options.base ?? 'http://127.0.0.1:5678';
		this.trigger = options.trigger ?? new CdekTrigger();
		this.workflowId = options.workflowId ?? `triggerWorkflow${++hosts}`;
	}

	/** A trigger served on a free local port and activated (subscribed at CDEK), as a published workflow is. */
	static async listening(
		credentials: CredentialStore,
		options: TriggerHostOptions = {},
	): Promise<TriggerHost> {
		const host = new TriggerHost(credentials, options);
		await host.listen();
		await host.activate();
		return host;
	}

	/**
	 * Posts a body to the production URL as anyone on the internet could (a string is sent as it is): the call it
	 * made, with the HTTP status the poster got. Anything but 200 throws: CDEK drops a subscription whose endpoint
	 * answers otherwise (docs/reference/cdek-api.md §8), so the trigger answers 200 to every delivery.
	 */
	async post(body: unknown, contentType = 'application/json'): Promise<WebhookCall> {
		const before = this.calls.length;
		const response = await fetch(this.productionUrl, {
			method: 'POST',
			headers: { 'content-type': contentType },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		if (response.status !== 200)
			throw new Error(`the webhook answered HTTP ${response.status}: ${text}`);
		const answer = JSON.parse(text) as unknown;
		const call = this.calls[before];
		if (!call || JSON.stringify(call.answer) !== JSON.stringify(answer))
			throw new Error(`the webhook answered ${JSON.stringify(answer)} without a call of its own`);
		return { ...call, status: response.status };
	}

	/**
	 * The same saved workflow (id, static data) served by a freshly started n8n process: the node's modules loaded
	 * anew (nothing kept in their memory), the database row kept. Not listening yet.
	 */
	restarted(): TriggerHost {
		let fresh: typeof CdekTrigger | undefined;
		jest.isolateModules(() => {
			fresh = (
				jest.requireActual('../../nodes/Cdek/CdekTrigger.node') as {
					CdekTrigger: typeof CdekTrigger;
				}
			).CdekTrigger;
		});
		const trigger = new fresh!();
		const host = new TriggerHost(this.credentials, {
			parameters: this.parameters,
			typeVersion: this.typeVersion,
			webhookId: this.webhookId,
			base: this.base,
			trigger,
			workflowId: this.workflowId,
		});
		host.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		return host;
	}

	get productionUrl(): string {
		return `${this.base}/webhook/${this.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.base}/webhook-test/${this.webhookId}/webhook`;
	}

	/** The runs the webhook started on the (first) main output, each as its items' json. */
	get runs(): IDataObject[][] {
		return this.calls.flatMap((call) => (call.started ? [call.started] : []));
	}

	/** Version 3: the runs the webhook started on the Unconfirmed output. */
	get unconfirmedRuns(): IDataObject[][] {
		return this.calls.flatMap((call) => (call.unconfirmed ? [call.unconfirmed] : []));
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
			return await this.trigger.webhookMethods.default[method].call(context);
		} finally {
			this.save(workflow, true);
		}
	}

	/** Serves the production webhook on 127.0.0.1 (a free port, or `port`); the node's URLs then point here. */
	async listen(port = 0): Promise<void> {
		this.server = outlastingClients(
			http.createServer((request, response) => {
				const chunks: Buffer[] = [];
				request.on('data', (chunk: Buffer) => chunks.push(chunk));
				request.on('end', () => void this.handle(request, response, Buffer.concat(chunks)));
			}),
		);
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	get port(): number {
		return Number(new URL(this.base).port);
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
	}

	/** As n8n: the node's answer when it sent one itself (noWebhookResponse), else its webhookResponse. */
	private async handle(
		request: http.IncomingMessage,
		response: http.ServerResponse,
		rawBody: Buffer,
	): Promise<void> {
		const send = (status: number, answer: unknown, started?: IDataObject[]) => {
			this.record({ status, answer, started });
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(answer));
		};
		const path = new URL(request.url ?? '/', this.base).pathname;
		if (request.method !== 'POST' || path !== new URL(this.productionUrl).pathname)
			return send(404, { message: 'webhook not registered' });
		const type = String(request.headers['content-type'] ?? '');
		let body: unknown = {};
		try {
			if (rawBody.length && type.includes('json')) body = JSON.parse(rawBody.toString('utf8'));
			else if (rawBody.length && type.includes('urlencoded'))
				body = parseQuery(rawBody.toString('utf8'));
		} catch {
			return send(400, { message: 'body is not valid JSON' });
		}
		const sent: Buffer[] = [];
		const end = response.end.bind(response);
		response.end = ((chunk?: unknown) => {
			if (chunk !== undefined) sent.push(Buffer.from(chunk as string));
			return end(chunk as string);
		}) as typeof response.end;
		const workflow = this.workflow();
		const additionalData = this.additionalData();
		additionalData.httpRequest = {
			body,
			rawBody,
			headers: request.headers,
			params: {},
			query: {},
		} as never;
		additionalData.httpResponse = response as never;
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
			const result = await this.trigger.webhook.call(context);
			// n8n saves static data when it answers. When it answers after starting a run, starting the run has
			// cleared the change flag (workflow-runner.js, establishContextForPersistence), so nothing is saved.
			const startedBeforeAnswer = result.workflowData !== undefined && !result.noWebhookResponse;
			if (!startedBeforeAnswer) this.save(workflow, false);
			const output = (index: number) => {
				const items = result.workflowData?.[index]?.map((item) => item.json);
				return items?.length ? items : undefined;
			};
			const started = output(0);
			const unconfirmed = output(1);
			if (result.noWebhookResponse) {
				this.record({
					status: response.statusCode,
					answer: JSON.parse(Buffer.concat(sent).toString('utf8')) as unknown,
					started,
					...(unconfirmed ? { unconfirmed } : {}),
				});
				return;
			}
			send(200, result.webhookResponse ?? { message: 'Workflow was started' }, started);
		} catch (error) {
			send(500, { message: (error as Error).message });
		}
	}

	private record(call: WebhookCall): void {
		this.calls.push(call);
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
