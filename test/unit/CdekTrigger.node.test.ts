import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { returnJsonArray } from 'n8n-core';
import type {
	IDataObject,
	IHookFunctions,
	INode,
	INodeProperties,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CdekTrigger } from '../../nodes/Cdek/CdekTrigger.node';
import { limitError } from '../../nodes/Cdek/trigger/subscriptions';
import { STATUS_CATALOG } from '../../dev/sandbox/statuses';
import { WEBHOOK_TYPES } from '../../dev/sandbox/webhooks';

const repo = join(__dirname, '..', '..');
const trigger = new CdekTrigger();
const { description } = trigger;
const property = (name: string): INodeProperties | undefined =>
	description.properties.find((p) => p.name === name);
const values = (name: string) =>
	(property(name)?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
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

	it('is a trigger: no inputs, trigger group, and not offered as an AI tool', () => {
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
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
		expect(names('statusCodes')).toContain('Not Delivered (NOT_DELIVERED)');
		for (const name of ['statusCodes', 'orderKind']) {
			expect(property(name)?.displayOptions).toEqual({ show: { event: ['ORDER_STATUS'] } });
		}
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

/** The parts of n8n's webhook context the handler uses; parameters resolve as n8n does (defaults when unset). */
function webhookContext(parameters: IDataObject, body: unknown) {
	const debug = jest.fn();
	const context = {
		getNode: () => node,
		getBodyData: () => body,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		logger: { debug },
		helpers: { returnJsonArray },
	} as unknown as IWebhookFunctions;
	return { context, debug };
}

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
		const { context } = webhookContext(
			{ event: 'ORDER_STATUS', statusCodes: ['NOT_DELIVERED'], orderKind: 'all' },
			notDelivered,
		);
		expect(await trigger.webhook.call(context)).toEqual({
			workflowData: [[{ json: notDelivered }]],
		});
	});

	it('answers a filtered-out event without starting a run, and says why in the debug log', async () => {
		const { context, debug } = webhookContext(
			{ event: 'ORDER_STATUS', statusCodes: ['DELIVERED'] },
			notDelivered,
		);
		const answer = await trigger.webhook.call(context);
		expect(answer.workflowData).toBeUndefined();
		expect(answer.webhookResponse).toEqual({
			received: true,
			started: false,
			reason: 'status NOT_DELIVERED is not one of the selected statuses',
		});
		expect(debug).toHaveBeenCalledWith(
			'CDEK Trigger: no workflow run because status NOT_DELIVERED is not one of the selected statuses',
		);
	});

	it('applies the order filter', async () => {
		const { context } = webhookContext(
			{ event: 'ORDER_STATUS', orderKind: 'return' },
			notDelivered,
		);
		expect((await trigger.webhook.call(context)).workflowData).toBeUndefined();
	});

	it('ignores ORDER_STATUS filters left over when the event is another type', async () => {
		const printForm = {
			type: 'PRINT_FORM',
			date_time: 'x',
			uuid: 'u',
			attributes: { type: 'WAYBILL', url: 'https://x' },
		};
		const { context } = webhookContext(
			{ event: 'PRINT_FORM', statusCodes: ['DELIVERED'], orderKind: 'return' },
			printForm,
		);
		expect(await trigger.webhook.call(context)).toEqual({ workflowData: [[{ json: printForm }]] });
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
