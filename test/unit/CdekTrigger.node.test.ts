import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { returnJsonArray } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INode,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CdekTrigger } from '../../nodes/Cdek/CdekTrigger.node';
import { limitError } from '../../nodes/Cdek/trigger/subscriptions';
import { STATUS_CATALOG } from '../../dev/sandbox/orders/statuses';
import { WEBHOOK_TYPES } from '../../dev/sandbox/webhooks/webhooks';

const repo = join(__dirname, '..', '..');
const trigger = new CdekTrigger();
const { description } = trigger;
const property = (name: string): INodeProperties | undefined =>
	description.properties.find((p) => p.name === name);
const values = (name: string) =>
	(property(name)?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
/** The outputs n8n computes for a node of this version (NodeHelpers.getNodeOutputs, as the editor and the engine do). */
function outputsOf(typeVersion: number): unknown {
	const node: INode = {
		id: 'n',
		name: 'CDEK Trigger',
		type: 'cdekTrigger',
		typeVersion,
		position: [0, 0],
		parameters: {},
	};
	const nodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return NodeHelpers.getNodeOutputs(workflow, node, description);
}
const names = (name: string) => (property(name)?.options ?? []).map((o) => o.name);

describe('CDEK Trigger description', () => {
	it('keeps the public names that saved workflows depend on', () => {
		expect(description.name).toBe('cdekTrigger');
		expect(description.displayName).toBe('CDEK Trigger');
		expect(description.credentials).toEqual([{ name: 'cdekApi', required: true }]);
		expect(property('event')?.default).toBe('ORDER_STATUS');
		expect(property('statusCodes')?.type).toBe('multiOptions');
		expect(property('statusCodes')?.default).toEqual([]);
		expect(values('orderKind')).toEqual(
			expect.arrayContaining(['all', 'return', 'clientReturn', 'anyReturn']),
		);
		expect(property('orderKind')?.default).toBe('all');
	});

	it('is version 3 for new nodes; versions 1 and 2 stay loadable for saved workflows', () => {
		expect(description.version).toEqual([1, 2, 3]);
		expect(description.defaultVersion).toBe(3);
	});

	it('confirms events by default in version 2, always in version 3; version 1 offers the option, off', () => {
		const confirm = description.properties.filter((p) => p.name === 'confirmEvents');
		expect(confirm.map((p) => [p.type, p.default, p.displayOptions?.show?.['@version']])).toEqual([
			['boolean', true, [2]],
			['boolean', false, [1]],
		]);
		expect(property('outputsNotice')?.displayOptions?.show?.['@version']).toEqual([
			{ _cnd: { gte: 3 } },
		]);
		expect(confirm[0].description).toContain('one GET per event');
	});

	it('is a trigger: no inputs, trigger group, and not offered as an AI tool', () => {
		expect(description.inputs).toEqual([]);
		expect(outputsOf(1)).toEqual(['main']);
		expect(outputsOf(2)).toEqual(['main']);
		expect(outputsOf(3)).toEqual([
			{ type: 'main', displayName: 'Confirmed' },
			{ type: 'main', displayName: 'Unconfirmed' },
		]);
		expect(description.group).toEqual(['trigger']);
		expect(description.usableAsTool).toBeUndefined();
	});

	it('declares one POST webhook answered on receipt, with the full subscribe/check/unsubscribe lifecycle', () => {
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		]);
		expect(Object.keys(trigger.webhookMethods.default).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
	});

	it('offers every documented CDEK webhook type, one per node', () => {
		expect(property('event')?.type).toBe('options');
		expect([...values('event')].sort()).toEqual([...WEBHOOK_TYPES].sort());
	});

	it('offers every order status CDEK sends in ORDER_STATUS webhooks, only for that event', () => {
		const sent = Object.entries(STATUS_CATALOG)
			.filter(([, info]) => info.webhookCode !== undefined)
			.map(([code]) => code);
		expect(values('statusCodes')).toEqual(expect.arrayContaining(sent));
		expect(names('statusCodes')).toContain('Not Delivered (Не вручен, NOT_DELIVERED)');
		expect(names('statusCodes')).toContain('Delivered (Вручен, DELIVERED)');
		for (const name of ['statusCodes', 'orderKind']) {
			expect(property(name)?.displayOptions).toEqual({ show: { event: ['ORDER_STATUS'] } });
		}
	});

	it("names each status in Russian as CDEK's cabinet shows it, the same name the sandbox's order history gives", () => {
		for (const option of property('statusCodes')?.options ?? []) {
			const code = String('value' in option ? option.value : '');
			const russian = /\(([^()]+), [A-Z_]+\)$/.exec(option.name)?.[1];
			expect(russian).toMatch(/[а-яё]/i);
			if (STATUS_CATALOG[code])
				expect(`${code}: ${russian}`).toBe(`${code}: ${STATUS_CATALOG[code].name}`);
		}
	});

	it('warns in the panel that CDEK cannot reach localhost, with a WEBHOOK_URL line, and that a test listen takes a slot', () => {
		const notice = String(property('reachabilityNotice')?.displayName);
		expect(notice).toContain('localhost or a private address');
		expect(notice).toContain('WEBHOOK_URL=https://n8n.example.com/');
		expect(notice).toContain('a test ("Execute step") while it waits for an event');
		expect(notice).toContain('two webhook subscriptions per account');
	});

	it("lists options alphabetically, as n8n's lint wants", () => {
		for (const name of ['event', 'statusCodes', 'orderKind']) {
			expect(names(name)).toEqual([...names(name)].sort((a, b) => a.localeCompare(b)));
		}
	});

	it('has existing themed icons, a subtitle, a codex file and a package.json entry', () => {
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(join(repo, 'nodes', 'Cdek', file.replace(/^file:/, '')))).toBe(true);
		}
		expect(icon.light).not.toBe(icon.dark);
		expect(description.subtitle).toContain('$parameter["event"]');
		const codex = JSON.parse(
			readFileSync(join(repo, 'nodes', 'Cdek', 'CdekTrigger.node.json'), 'utf8'),
		);
		const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
		expect(codex.node).toBe(`${manifest.name}.cdekTrigger`);
		expect(manifest.n8n.nodes).toContain('dist/nodes/Cdek/CdekTrigger.node.js');
	});
});

const node: INode = {
	id: '1',
	name: 'CDEK Trigger',
	type: 'n8n-nodes-cdek.cdekTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * The parts of n8n's webhook context the handler uses, for a version-1 node (no confirmation, so no HTTP);
 * parameters resolve as n8n does (defaults when unset).
 */
let workflows = 0;
function webhookContext(
	parameters: IDataObject,
	body: unknown,
	staticData: IDataObject = {},
	workflowId = `unitWorkflow${++workflows}`,
) {
	const info = jest.fn();
	const response = { status: 0, body: '' };
	const context = {
		getNode: () => node,
		getResponseObject: () => ({
			writeHead: (status: number) => (response.status = status),
			end: (text: string) => (response.body = text),
		}),
		getWorkflow: () => ({ id: workflowId }),
		getBodyData: () => body,
		getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
		getWorkflowStaticData: () => staticData,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		logger: { info, debug: jest.fn(), warn: jest.fn() },
		helpers: { returnJsonArray },
	} as unknown as IWebhookFunctions;
	/** The node's result, and the answer it sent itself (it always does, see trigger/answer.ts). */
	const run = async () => {
		const result = await trigger.webhook.call(context);
		expect(result.noWebhookResponse).toBe(true);
		expect(response.status).toBe(200);
		return { workflowData: result.workflowData, answer: JSON.parse(response.body) as unknown };
	};
	return { context, info, run };
}

const STARTED = { received: true, started: true };

const notDelivered = {
	type: 'ORDER_STATUS',
	date_time: '2026-11-22T03:00:00+0000',
	uuid: 'b08d4f71-7b5f-49e6-ae97-8424ef739b42',
	attributes: {
		code: 'NOT_DELIVERED',
		is_return: false,
		is_client_return: false,
		cdek_number: '1109940743',
	},
};

describe('CDEK Trigger webhook', () => {
	it('outputs the CDEK payload as the item json when the event passes the filters', async () => {
		const { run } = webhookContext(
			{ event: 'ORDER_STATUS', statusCodes: ['NOT_DELIVERED'], orderKind: 'all' },
			notDelivered,
		);
		expect(await run()).toEqual({ workflowData: [[{ json: notDelivered }]], answer: STARTED });
	});

	it("answers a filtered-out event without starting a run, and says why in the log at n8n's default level", async () => {
		const { run, info } = webhookContext(
			{ event: 'ORDER_STATUS', statusCodes: ['DELIVERED'] },
			notDelivered,
		);
		const { workflowData, answer } = await run();
		expect(workflowData).toBeUndefined();
		expect(answer).toEqual({
			received: true,
			started: false,
			reason: 'status NOT_DELIVERED is not one of the selected statuses',
		});
		expect(info).toHaveBeenCalledWith(
			'CDEK Trigger "CDEK Trigger": no workflow run because status NOT_DELIVERED is not one of the selected statuses',
		);
	});

	it('applies the order filter', async () => {
		const { run } = webhookContext({ event: 'ORDER_STATUS', orderKind: 'return' }, notDelivered);
		expect((await run()).workflowData).toBeUndefined();
	});

	it('ignores ORDER_STATUS filters left over when the event is another type', async () => {
		// Not PRINT_FORM: that event is read back from CDEK for its orders (integration/trigger/print-form.test.ts).
		const office = {
			type: 'OFFICE_AVAILABILITY',
			date_time: '2026-11-22T03:00:00+0000',
			uuid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456',
			attributes: { type: 'AVAILABLE_OFFICE', code: 'MSK67' },
		};
		const { run } = webhookContext(
			{ event: 'OFFICE_AVAILABILITY', statusCodes: ['DELIVERED'], orderKind: 'return' },
			office,
		);
		expect(await run()).toEqual({ workflowData: [[{ json: office }]], answer: STARTED });
	});
});

describe('CDEK Trigger webhook: bodies that are not CDEK events', () => {
	const parameters = { event: 'ORDER_STATUS' };

	it.each([
		['a body without the payload fields', { type: 'ORDER_STATUS' }],
		['a uuid that is not one', { ...notDelivered, uuid: '../../orders' }],
		['no readable date-time', { ...notDelivered, date_time: 'now' }],
		['a status code that is not one', { ...notDelivered, attributes: { code: '<script>' } }],
		['text', 'type=ORDER_STATUS'],
	])('%s starts nothing and gets a short answer that repeats none of it', async (_, body) => {
		expect(await webhookContext(parameters, body).run()).toEqual({
			workflowData: undefined,
			answer: {
				received: true,
				started: false,
				reason: 'the body is not a CDEK webhook payload ({type, date_time, uuid, attributes})',
			},
		});
	});

	it('a body over 64 KiB starts nothing', async () => {
		const large = {
			...notDelivered,
			attributes: { ...notDelivered.attributes, pad: 'x'.repeat(70000) },
		};
		const { workflowData, answer } = await webhookContext(parameters, large).run();
		expect(workflowData).toBeUndefined();
		expect(answer).toEqual(
			expect.objectContaining({
				reason: 'the body is larger than 64 KiB, which no CDEK webhook is',
			}),
		);
	});

	it('a second delivery of the same event starts nothing; its static data is kept by n8n', async () => {
		const staticData: IDataObject = {};
		const first = webhookContext(parameters, notDelivered, staticData, 'unitDedup1');
		expect((await first.run()).workflowData).toHaveLength(1);
		expect(staticData.seenEvents).toEqual([expect.stringMatching(/^\S{16} \d+$/)]);
		// The same instant in another offset style is the same event.
		const again = {
			...notDelivered,
			date_time: '2026-11-22T06:00:00+03:00',
		};
		const second = webhookContext(parameters, again, staticData, 'unitDedup1');
		expect(await second.run()).toEqual({
			workflowData: undefined,
			answer: {
				received: true,
				started: false,
				reason: 'CDEK delivered this event before',
			},
		});
	});
});

describe('subscription limit message', () => {
	it('names every subscription (type and URL) and what to do, in the message n8n shows on activation', () => {
		const hooks = { getNode: () => node } as unknown as IHookFunctions;
		const error = limitError(hooks, [
			{ uuid: 'aaaa', type: 'ORDER_STATUS', url: 'https://shop.example/webhook/1/webhook' },
			{ uuid: 'bbbb', type: 'PRINT_FORM', url: 'https://other.example/cdek' },
		]);
		expect(error.message).toBe(
			'CDEK allows at most 2 webhook subscriptions per account, and this account already has 2: ' +
				'ORDER_STATUS → https://shop.example/webhook/1/webhook (uuid aaaa); PRINT_FORM → https://other.example/cdek (uuid bbbb). ' +
				'To activate this trigger, free a slot: deactivate the n8n workflow that uses one of them, or delete a subscription nothing uses any more (DELETE /v2/webhooks/{uuid}); then activate again.',
		);
	});
});
