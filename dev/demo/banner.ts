import { relative } from 'node:path';

import { STATUS_CATALOG } from '../sandbox/orders/statuses';
import type { SeedOrder } from '../sandbox/common/types';
import type { ExampleWorkflow } from './examples';

/** The seeded orders the banner lists: the shop's own orders, not the return orders CDEK made from them. */
export type BannerOrder = Pick<
	SeedOrder,
	'number' | 'cdek_number' | 'uuid' | 'status' | 'is_return' | 'is_client_return'
>;

export interface BannerInput {
	editorUrl: string;
	owner: { email: string; password: string };
	credential: { name: string; clientId: string; clientSecret: string };
	/** The Header Auth key examples/02's webhook wants; printed so that the demo can be called with curl. */
	returnWebhook: { header: string; key: string; url: string };
	/** examples/06's MCP Server Trigger: its address and bearer token, for Claude Desktop, Cursor or another client. */
	mcp?: { url: string; token: string };
	examples: ExampleWorkflow[];
	/** The sandbox's seeded orders with their status now. */
	orders: BannerOrder[];
	sandbox: { url: string; rootUrl: string; controlUrl: string; paymentUrl: string };
	stateDir: string;
	logFiles: string[];
	readyInMs: number;
}

/** The one screen a user needs: where to click, how to log in, what is loaded, how to stop. */
export function formatBanner(input: BannerInput): string {
	const here = (path: string) => relative(process.cwd(), path) || '.';
	const rule = '─'.repeat(72);
	const workflows = input.examples.length
		? input.examples.map(
				(example) => `                 ${example.name}: ${input.editorUrl}/workflow/${example.id}`,
			)
		: ['                 (none yet: add workflow JSON files to examples/)'];
	return [
		rule,
		` n8n-nodes-cdek demo is running (ready in ${(input.readyInMs / 1000).toFixed(1)}s)`,
		'',
		` n8n editor      ${input.editorUrl}`,
		` login           ${input.owner.email}  /  ${input.owner.password}`,
		` credential      "${input.credential.name}" (CDEK API) with CDEK's public test account, not a secret:`,
		// As n8n's credential dialog labels the fields, CDEK's cabinet names in brackets.
		`                 Client ID (Account)              ${input.credential.clientId}`,
		`                 Client Secret (Secure Password)  ${input.credential.clientSecret}`,
		`                 (CDEK publishes these for api.edu.cdek.ru; your own keys are in lk.cdek.ru → Integration)`,
		` workflows`,
		...workflows,
		` webhook key     ${input.returnWebhook.header}: ${input.returnWebhook.key}   (credential "Return Webhook Key")`,
		`                 for POST ${input.returnWebhook.url} once "customer return" is published`,
		...(input.mcp
			? [
					` MCP server      ${input.mcp.url}   (credential "MCP Bearer Token")`,
					`                 Authorization: Bearer ${input.mcp.token}   once "AI return assistant" is published`,
					` AI chat         "AI return assistant" needs your own model key: add an OpenAI credential in its Model node`,
				]
			: []),
		'',
		` CDEK sandbox    API root  ${input.sandbox.rootUrl}`,
		`                 control   ${input.sandbox.controlUrl}/info   (orders with their status now, log, faults)`,
		`                 payment   ${input.sandbox.paymentUrl}`,
		'',
		...orderTable(input.orders),
		'',
		` state           ${here(input.stateDir)}/   (start fresh: npm start -- --reset)`,
		` logs            ${input.logFiles.map(here).join(', ')}`,
		'',
		' Press Ctrl-C to stop n8n and the sandbox.',
		rule,
	].join('\n');
}

/** The shop's seeded orders, one line each: what to type into a node to try an operation. */
function orderTable(orders: BannerOrder[]): string[] {
	const shop = orders.filter((order) => !order.is_return && !order.is_client_return);
	const rows = [
		['shop number', 'CDEK number', 'UUID', 'status when started (CDEK code)'],
		...shop.map((order) => [
			order.number,
			order.cdek_number ?? '—',
			order.uuid,
			statusText(order.status),
		]),
	];
	const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row: string[]) =>
		row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  ');
	return [
		` sandbox orders  ${line(rows[0])}`,
		...rows.slice(1).map((row) => `                 ${line(row)}`),
		'                 (the examples change them; control/info above shows each status now)',
	];
}

/** "Вручен (DELIVERED)": CDEK's Russian name, as the shop's customers and CDEK's cabinet see it, and its code. */
function statusText(code: string): string {
	const name = STATUS_CATALOG[code]?.name;
	return name ? `${name} (${code})` : code;
}
