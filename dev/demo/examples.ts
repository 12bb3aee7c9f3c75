/** The demo's imports: the "CDEK Sandbox" and "Payment Sandbox" credentials and every workflow in examples/. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CredentialToImport } from '../n8n/n8n-instance';
import { cdekSandboxCredential } from '../n8n/workflows';

/** Example workflows refer to the credential by this id and name. */
export const SANDBOX_CREDENTIAL = { id: 'cdekSandboxCred1', name: 'CDEK Sandbox' };

export function sandboxCredential(
	rootUrl: string,
	testKeys: { clientId: string; clientSecret: string },
): CredentialToImport {
	const credential = cdekSandboxCredential(SANDBOX_CREDENTIAL, { rootUrl, testKeys });
	return { ...credential, data: { ...credential.data, testApi: false } };
}

/** The payment platform's refund API (seeds/003) takes a bearer token; examples/03 uses this credential. */
export const PAYMENT_CREDENTIAL = { id: 'paymentSandboxCred1', name: 'Payment Sandbox' };

export function paymentCredential(token: string): CredentialToImport {
	return { ...PAYMENT_CREDENTIAL, type: 'httpBearerAuth', data: { token } };
}

/**
 * examples/02's Webhook node authenticates callers with this Header Auth credential: a public webhook that registers
 * chargeable returns must not be open to anyone.
 */
export const RETURN_WEBHOOK_CREDENTIAL = {
	id: 'cdekReturnWebhookKey1',
	name: 'Return Webhook Key',
};
export const RETURN_WEBHOOK_HEADER = 'X-Shop-Key';

export function returnWebhookCredential(key: string): CredentialToImport {
	return {
		...RETURN_WEBHOOK_CREDENTIAL,
		type: 'httpHeaderAuth',
		data: { name: RETURN_WEBHOOK_HEADER, value: key },
	};
}

/** A random key per demo folder, kept beside it (like the demo login), so each demo has its own. */
export function loadOrCreateReturnWebhookKey(stateDir: string): string {
	const file = join(stateDir, 'return-webhook-key');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const key = randomBytes(24).toString('base64url');
	mkdirSync(stateDir, { recursive: true });
	writeFileSync(file, key, { mode: 0o600 });
	return key;
}

/**
 * examples/06's MCP Server Trigger takes this bearer token: an MCP client can cancel and return orders, so the MCP
 * address must not be open to anyone. `npm start` makes a random token per demo folder and prints it.
 */
export const MCP_BEARER_CREDENTIAL = { id: 'cdekMcpBearerCred1', name: 'MCP Bearer Token' };
/** examples/06's MCP Server Trigger path: clients connect to <n8n>/mcp/cdek-returns. */
export const MCP_PATH = 'cdek-returns';

export function mcpBearerCredential(token: string): CredentialToImport {
	return { ...MCP_BEARER_CREDENTIAL, type: 'httpBearerAuth', data: { token } };
}

export function loadOrCreateMcpToken(stateDir: string): string {
	const file = join(stateDir, 'mcp-bearer-token');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const token = randomBytes(24).toString('base64url');
	mkdirSync(stateDir, { recursive: true });
	writeFileSync(file, token, { mode: 0o600 });
	return token;
}

/** Examples reference the sandbox at its default address; another port (--sandbox-port, tests) is written in on load. */
export const EXAMPLES_SANDBOX_URL = 'http://127.0.0.1:8787';

export interface ExampleWorkflow {
	file: string;
	id: string;
	name: string;
	workflow: Record<string, unknown>;
}

/** Without an id n8n would add a copy on every import; derive a stable one from the file name instead. */
const idFor = (file: string, index: number) =>
	`ex${createHash('sha256')
		.update(`${basename(file)}#${index}`)
		.digest('hex')
		.slice(0, 14)}`;

export function loadExamples(dir: string, sandboxUrl = EXAMPLES_SANDBOX_URL): ExampleWorkflow[] {
	if (!existsSync(dir)) return [];
	const examples: ExampleWorkflow[] = [];
	for (const file of readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(
				readFileSync(join(dir, file), 'utf8').replaceAll(EXAMPLES_SANDBOX_URL, sandboxUrl),
			);
		} catch (error) {
			throw new Error(
				`${join(dir, file)} is not valid JSON: ${(error as Error).message}. Fix the file or move it out of that folder.`,
			);
		}
		const workflows = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
		workflows.forEach((workflow, index) => {
			if (!Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object')
				throw new Error(
					`${join(dir, file)} is not an n8n workflow export (needs "nodes" and "connections").`,
				);
			const id =
				typeof workflow.id === 'string' && workflow.id.length >= 15
					? workflow.id
					: idFor(file, index);
			examples.push({
				file,
				id,
				name: String(workflow.name ?? file),
				workflow: { ...workflow, id },
			});
		});
	}
	return examples;
}

/** Changes when a credential or any example changes, so unchanged imports can be skipped. */
export function importFingerprint(
	credentials: CredentialToImport[],
	examples: ExampleWorkflow[],
): string {
	return createHash('sha256')
		.update(JSON.stringify({ credentials, workflows: examples.map((example) => example.workflow) }))
		.digest('hex');
}
