/**
 * "CDEK Tool" in real n8n 2.41.1 and (project e2e-n8n1) 1.123.81, packed package, as examples/06 uses it: n8n's AI
 * Agent behind a Chat Trigger, with an OpenAI Chat Model pointed at a scripted stand-in for the model (dev/model: it
 * answers with the tool calls a test queued and records what n8n sent it), and n8n's MCP Server Trigger called by
 * the official MCP TypeScript SDK client over streamable HTTP and SSE. One n8n instance, one published workflow: a
 * copy of examples/06 with the chat open to POSTs, the model credential pointing at the stand-in, and one more tool
 * (Refuse Delivery, by CDEK number) to show a held-back refusal, and Courier Days (a date from the model). Both n8n
 * lines have every node used here (MCP Server Trigger 2 serves streamable HTTP and SSE in both); only the AI
 * Agent's version differs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { INodeTypeDescription } from 'n8n-workflow';

import {
	loadExamples,
	MCP_BEARER_CREDENTIAL,
	MCP_PATH,
	mcpBearerCredential,
	sandboxCredential,
} from '../../dev/demo/examples';
import { startScriptedChatModel } from '../../dev/model/scripted-chat-model';
import type { ChatRequest, ScriptedChatModel } from '../../dev/model/scripted-chat-model';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import { repoRoot } from '../../dev/n8n/package-install';
import { publish } from '../../dev/n8n/publication';
import { n8nBin, n8nVersionUnderTest } from '../../dev/n8n/runtime';
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { findFreePort } from '../../dev/util/ports';
import { TOOL_DESCRIPTIONS } from '../../nodes/Cdek/actions/resources';
import { addDays, todayIn } from '../../nodes/Cdek/helpers/pickup-time';

const MCP_TOKEN = 'e2e-mcp-bearer-token-7f3a91c2d4';
const MODEL_KEY = 'sk-e2e-scripted-model-key-0b5d';
const MODEL_CREDENTIAL = { id: 'aiModelE2eCred01', name: 'AI Model (e2e stand-in)' };
/** Parameters the workflow's author keeps: none may reach a tool's input schema. */
const SAFETY_FIELDS = [
	'safetyCheck',
	'preventDuplicates',
	'waitForVerdict',
	'cdekApi',
	'tariffCode',
];

/** How n8n's MCP Server Trigger turns away a client without the right bearer token. */
const REFUSED = /Authorization data is wrong|Unauthorized|Forbidden|\b40[13]\b/;

/** What each tool asks of the model: exactly the parameters the author set with $fromAI(). */
const TOOL_INPUTS: Record<string, string[]> = {
	Look_Up_Order: ['orderNumber'],
	Cancel_or_Return: ['orderNumber'],
	Return_Label: ['returnOrderUuid'],
	Find_City: ['cityName'],
	Pickup_Points: ['cityCode'],
	Return_Price: ['fromCityCode', 'weightGrams'],
	Refuse_Delivery: ['cdekNumber'],
	Courier_Days: ['cityCode', 'untilDate'],
};

/** examples/06 as this test publishes it (see the file comment). */
function testCopy(sandboxUrl: string) {
	const example = loadExamples(join(repoRoot, 'examples'), sandboxUrl).find((candidate) =>
		candidate.file.startsWith('06-'),
	);
	if (!example) throw new Error('examples/06-*.json is missing');
	const workflow = JSON.parse(JSON.stringify(example.workflow));
	const byName = (name: string) => workflow.nodes.find((node: any) => node.name === name);
	byName('When chat message received').parameters.public = true;
	byName('Model').credentials = { openAiApi: MODEL_CREDENTIAL };
	const lookUp = byName('Look Up Order');
	workflow.nodes.push({
		...lookUp,
		id: 'e2e-refuse-delivery-tool',
		name: 'Refuse Delivery',
		position: [1320, 340],
		parameters: {
			resource: 'order',
			operation: 'createRefusal',
			order: {
				__rl: true,
				mode: 'cdekNumber',
				value: "={{ $fromAI('cdekNumber', 'CDEK number of the order, digits only', 'string') }}",
			},
			options: {},
		},
	});
	workflow.nodes.push({
		...lookUp,
		id: 'e2e-courier-days-tool',
		name: 'Courier Days',
		position: [1480, 340],
		parameters: {
			resource: 'courierPickup',
			operation: 'getAvailableDays',
			cityCode: "={{ $fromAI('cityCode', 'CDEK city code', 'number') }}",
			options: {
				untilDate: "={{ $fromAI('untilDate', 'Last day to list, YYYY-MM-DD', 'string') }}",
			},
		},
	});
	for (const tool of ['Refuse Delivery', 'Courier Days'])
		workflow.connections[tool] = workflow.connections['Look Up Order'];
	return {
		workflow,
		id: example.id as string,
		chatWebhookId: byName('When chat message received').webhookId as string,
		mcpPath: byName('MCP Server').parameters.path as string,
		mcpCredential: byName('MCP Server').credentials.httpBearerAuth,
	};
}

/** The tool results the model was sent in its last request, parsed. */
function toolResults(request: ChatRequest): string[] {
	return request.messages
		.filter((message) => message.role === 'tool')
		.map((message) =>
			typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
		);
}

describe(`CDEK Tool for AI agents and MCP clients in real n8n ${n8nVersionUnderTest()} (sandbox)`, () => {
	let sandbox: Sandbox;
	let model: ScriptedChatModel;
	let n8n: N8nInstance | undefined;
	let server: N8nServer;
	let published: ReturnType<typeof testCopy>;
	const logs = () => n8n;
	const calls = (method: string, path: string) =>
		sandbox.requestLog().filter((entry) => entry.method === method && entry.path === path);

	async function chat(chatInput: string): Promise<{ status: number; body: any }> {
		const response = await fetch(`${server.url}/webhook/${published.chatWebhookId}/chat`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ action: 'sendMessage', sessionId: 'e2e-session', chatInput }),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// kept as text for the failure message
		}
		return { status: response.status, body };
	}

	async function mcpClient(transport: 'streamable' | 'sse', token?: string): Promise<Client> {
		const url = new URL(`${server.url}/mcp/${published.mcpPath}`);
		const requestInit = token ? { headers: { Authorization: `Bearer ${token}` } } : undefined;
		const client = new Client({ name: 'n8n-nodes-cdek-e2e', version: '1.0.0' });
		await client.connect(
			transport === 'sse'
				? new SSEClientTransport(url, { requestInit })
				: new StreamableHTTPClientTransport(url, { requestInit }),
		);
		return client;
	}

	const resultText = (result: any): string =>
		(result.content as Array<{ type: string; text?: string }>)
			.map((part) => part.text ?? '')
			.join('');

	beforeAll(async () => {
		// CDEK decides only when a test says so: a registered refusal stays queued, so a repeat finds it.
		sandbox = await startSandbox({ settleDelayMs: -1 });
		model = await startScriptedChatModel();
		published = testCopy(sandbox.url);
		// The credential `npm start` creates is the one the example's MCP Server Trigger names.
		expect(published.mcpCredential).toEqual(MCP_BEARER_CREDENTIAL);
		expect(published.mcpPath).toBe(MCP_PATH);
		n8n = await createN8n({ withPackage: true });
		await n8n.importCredentials([
			sandboxCredential(sandbox.rootUrl, sandbox.testKeys),
			mcpBearerCredential(MCP_TOKEN),
			{ ...MODEL_CREDENTIAL, type: 'openAiApi', data: { apiKey: MODEL_KEY, url: model.baseUrl } },
		]);
		await n8n.importWorkflow(published.workflow);
		server = await n8n.start({ port: await findFreePort() });
		const publication = await publish(server, published.id, 120000);
		expect(publication.status).toBe('published');
	});

	afterAll(async () => {
		await n8n?.dispose();
		await model?.close();
		await sandbox?.stop();
	});

	beforeEach(() => {
		sandbox.reset({ config: true });
		model.reset();
	});

	it(
		'the agent looks the order up, then Cancel or Return registers one refusal; the same call again registers nothing',
		withN8nLogs(logs, async () => {
			const { inTransit } = sandbox.seeds;
			model.script(
				{ toolCalls: [{ name: 'Look_Up_Order', arguments: { orderNumber: inTransit.number } }] },
				{ toolCalls: [{ name: 'Cancel_or_Return', arguments: { orderNumber: inTransit.number } }] },
				{ content: 'The order is on its way back to the shop.' },
			);
			const first = await chat(`The customer of ${inTransit.number} wants to send it back`);
			expect(first).toEqual({
				status: 200,
				body: { output: 'The order is on its way back to the shop.' },
			});

			const requests = model.requests();
			expect(requests).toHaveLength(3);
			expect(requests[0].authorization).toBe(`Bearer ${MODEL_KEY}`);
			const offered = Object.fromEntries(
				(requests[0].tools ?? []).map((tool) => [tool.function.name, tool.function]),
			);
			expect(Object.keys(offered).sort()).toEqual(Object.keys(TOOL_INPUTS).sort());
			for (const [name, inputs] of Object.entries(TOOL_INPUTS)) {
				const parameters = offered[name].parameters as { properties: object };
				expect(`${name}: ${Object.keys(parameters.properties).sort().join(', ')}`).toBe(
					`${name}: ${[...inputs].sort().join(', ')}`,
				);
			}
			expect(offered.Cancel_or_Return.description).toBe(TOOL_DESCRIPTIONS['order.cancelOrReturn']);
			expect(offered.Look_Up_Order.description).toBe(TOOL_DESCRIPTIONS['order.get']);

			// The tools got the model's arguments: CDEK was asked for that shop number.
			expect(
				sandbox
					.requestLog()
					.filter(
						(entry) => entry.path === '/v2/orders' && entry.query.im_number === inTransit.number,
					),
			).toHaveLength(2);
			const [lookedUp] = toolResults(requests[1]);
			expect(lookedUp).toContain(`"status":"${inTransit.status}"`);
			const [, refused] = toolResults(requests[2]);
			expect(refused).toContain('"action":"refusal"');
			expect(refused).toContain('"summary":"Refusal queued at CDEK');
			expect(calls('POST', `/v2/orders/${inTransit.uuid}/refusal`)).toHaveLength(1);

			model.reset();
			model.script(
				{ toolCalls: [{ name: 'Cancel_or_Return', arguments: { orderNumber: inTransit.number } }] },
				{ content: 'That return is already registered.' },
			);
			const again = await chat(`Please cancel ${inTransit.number} again`);
			expect(again.body).toEqual({ output: 'That return is already registered.' });
			const [repeated] = toolResults(model.requests()[1]);
			expect(repeated).toContain('"alreadyRegistered":true');
			expect(calls('POST', `/v2/orders/${inTransit.uuid}/refusal`)).toHaveLength(1);
		}),
	);

	it('the editor gets CDEK Tool (cdekTool) with our Tool Description per operation, shown only in the tool', async () => {
		const response = await server.rest('GET', '/types/nodes.json');
		expect(response.status).toBe(200);
		const served = (name: string) =>
			(response.body as INodeTypeDescription[]).find((type) => type.name === name)!;
		const tool = served('n8n-nodes-cdek.cdekTool');
		const plain = served('n8n-nodes-cdek.cdek');
		expect(tool.displayName).toBe('CDEK Tool');
		// n8n adds its generic "Tool Description" (descriptionType + toolDescription) only to a node without its own.
		expect(tool.properties.map((property) => property.name)).not.toContain('descriptionType');
		// What the editor shows and prefills, decided by the n8n-workflow of the n8n under test (its editor bundles
		// the same `displayParameter`, where `@tool` is true for a type named "…Tool").
		const { NodeHelpers } = createRequire(n8nBin(n8nVersionUnderTest()))('n8n-workflow');
		const operations = tool.properties
			.filter(
				(property) =>
					property.name === 'operation' &&
					(property.displayOptions?.show?.['@version'] as number[]).includes(2),
			)
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map(({ value }) => ({
					resource: (property.displayOptions?.show?.resource as string[])[0],
					operation: value,
				})),
			);
		expect(operations.length).toBeGreaterThan(10);
		const shown = (type: INodeTypeDescription, values: object) => {
			const node = { type: type.name, typeVersion: 2, parameters: values };
			const defaults = NodeHelpers.getNodeParameters(
				type.properties,
				values,
				true,
				false,
				node,
				type,
			);
			const field = type.properties.find(
				(property) =>
					property.name === 'toolDescription' &&
					NodeHelpers.displayParameter(defaults, property, node, type),
			);
			return field ? defaults.toolDescription : undefined;
		};
		for (const { resource, operation } of operations) {
			const key = `${resource}.${operation}`;
			expect(`${key}: ${shown(tool, { resource, operation })}`).toBe(
				`${key}: ${TOOL_DESCRIPTIONS[key] ?? '(no text in TOOL_DESCRIPTIONS)'}`,
			);
			expect(`${key}: ${shown(plain, { resource, operation })}`).toBe(`${key}: undefined`);
		}
	});

	it(
		'a refusal of a delivered order is held back: the model reads the reason and the alternative, and safety fields in its call change nothing',
		withN8nLogs(logs, async () => {
			const { delivered } = sandbox.seeds;
			model.script(
				{
					toolCalls: [
						{
							name: 'Refuse_Delivery',
							arguments: {
								cdekNumber: delivered.cdek_number,
								safetyCheck: false,
								preventDuplicates: false,
								options: { safetyCheck: false },
							},
						},
					],
				},
				{ content: 'This order was delivered; I can register a return instead.' },
			);
			const answer = await chat(`Refuse CDEK order ${delivered.cdek_number}, skip the checks`);
			expect(answer).toEqual({
				status: 200,
				body: { output: 'This order was delivered; I can register a return instead.' },
			});
			const [heldBack] = toolResults(model.requests()[1]);
			const result = JSON.parse(heldBack);
			const item = (Array.isArray(result) ? result : [result]).flatMap((entry: any) =>
				Array.isArray(entry?.response) ? entry.response : [entry?.response ?? entry],
			)[0];
			expect(item).toEqual(
				expect.objectContaining({
					heldBack: true,
					reason: 'the order was already delivered (DELIVERED), so it can no longer be refused',
					alternative: expect.stringContaining('Return a Delivered Order'),
					orderUuid: delivered.uuid,
					orderStatus: 'DELIVERED',
				}),
			);
			expect(
				sandbox
					.requestLog()
					.filter((entry) => entry.method !== 'GET' && entry.path !== '/v2/oauth/token'),
			).toEqual([]);
		}),
	);

	it(
		'MCP over streamable HTTP: refused without the bearer token; with it, lists the tools without safety fields, runs Look Up Order and Cancel or Return by shop number and the planning tools with numbers, names and dates',
		withN8nLogs(logs, async () => {
			await expect(mcpClient('streamable')).rejects.toThrow(REFUSED);
			await expect(mcpClient('streamable', `${MCP_TOKEN}-wrong`)).rejects.toThrow(REFUSED);
			expect(sandbox.requestLog()).toEqual([]);

			const client = await mcpClient('streamable', MCP_TOKEN);
			try {
				const { tools } = await client.listTools();
				expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(TOOL_INPUTS).sort());
				for (const tool of tools) {
					const properties = Object.keys(tool.inputSchema.properties ?? {}).sort();
					expect(`${tool.name}: ${properties.join(', ')}`).toBe(
						`${tool.name}: ${[...TOOL_INPUTS[tool.name]].sort().join(', ')}`,
					);
					for (const field of SAFETY_FIELDS)
						expect(JSON.stringify(tool.inputSchema)).not.toContain(field);
				}
				const described = Object.fromEntries(tools.map((tool) => [tool.name, tool.description]));
				expect(described.Cancel_or_Return).toBe(TOOL_DESCRIPTIONS['order.cancelOrReturn']);

				const { accepted } = sandbox.seeds;
				const lookUp = await client.callTool({
					name: 'Look_Up_Order',
					arguments: { orderNumber: accepted.number },
				});
				expect(lookUp.isError).toBeFalsy();
				expect(resultText(lookUp)).toContain(`"uuid":"${accepted.uuid}"`);
				expect(resultText(lookUp)).toContain('"status":"ACCEPTED"');

				const cancel = await client.callTool({
					name: 'Cancel_or_Return',
					arguments: { orderNumber: accepted.number, safetyCheck: false },
				});
				expect(cancel.isError).toBeFalsy();
				expect(resultText(cancel)).toContain('"action":"delete"');
				expect(calls('DELETE', `/v2/orders/${accepted.uuid}`)).toHaveLength(1);

				// Numbers, names and dates from the model reach the planning operations.
				const city = await client.callTool({
					name: 'Find_City',
					arguments: { cityName: 'Новосибирск' },
				});
				expect(resultText(city)).toContain('"code":270');
				const price = await client.callTool({
					name: 'Return_Price',
					arguments: { fromCityCode: 270, weightGrams: 1200 },
				});
				expect(JSON.parse(resultText(price))[0]).toEqual(
					expect.objectContaining({ tariff_code: 234, delivery_sum: 479 }),
				);
				const points = resultText(
					await client.callTool({ name: 'Pickup_Points', arguments: { cityCode: 270 } }),
				);
				expect(points).toContain('"code":"NSK27"');
				expect(points).not.toContain('"code":"NSK45"');
				const untilDate = addDays(todayIn('UTC'), 10);
				const days = JSON.parse(
					resultText(
						await client.callTool({
							name: 'Courier_Days',
							arguments: { cityCode: 270, untilDate },
						}),
					),
				)[0];
				expect(days.date.length).toBeGreaterThan(0);
				expect(days.date.every((date: string) => date <= untilDate)).toBe(true);
				const { alreadyClientReturnedReturn } = sandbox.seeds;
				const label = await client.callTool({
					name: 'Return_Label',
					arguments: { returnOrderUuid: alreadyClientReturnedReturn.uuid },
				});
				expect(label.isError).toBeFalsy();
				expect(JSON.parse(resultText(label))[0]).toEqual(
					expect.objectContaining({
						orderUuid: alreadyClientReturnedReturn.uuid,
						fileName: `cdek-label-${alreadyClientReturnedReturn.cdek_number}.pdf`,
					}),
				);
			} finally {
				await client.close();
			}
		}),
	);

	it(
		'MCP over SSE: refused without the bearer token; with it, the same tools and a held-back answer',
		withN8nLogs(logs, async () => {
			await expect(mcpClient('sse')).rejects.toThrow(REFUSED);
			const client = await mcpClient('sse', MCP_TOKEN);
			try {
				const { tools } = await client.listTools();
				expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(TOOL_INPUTS).sort());
				const { created } = sandbox.seeds;
				const refuse = await client.callTool({
					name: 'Refuse_Delivery',
					arguments: { cdekNumber: created.cdek_number },
				});
				expect(refuse.isError).toBeFalsy();
				expect(resultText(refuse)).toContain('"heldBack":true');
				expect(resultText(refuse)).toContain('Cancel Before Shipping');
				expect(calls('POST', `/v2/orders/${created.uuid}/refusal`)).toEqual([]);
			} finally {
				await client.close();
			}
		}),
	);
});
