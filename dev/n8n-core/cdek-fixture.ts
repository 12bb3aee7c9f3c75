/**
 * Shared set-up for integration tests: a CDEK sandbox on a free port and helpers to run the CDEK
 * node through n8n-core's real execution path against it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import type { Sandbox, SandboxOptions, SeedName } from '../sandbox';
import { CredentialStore, runWorkflow } from './runner';
import type { RunNode, RunResult } from './runner';

export const CREDENTIAL_ID = 'cdekCred1';

/** The node's error when CDEK refuses the account keys (the sandbox answers invalid_client). */
export const WRONG_KEYS_MESSAGE =
	'CDEK rejected the Account and Secure Password of the credential "CDEK Sandbox" (invalid_client: Bad client credentials, HTTP 401). Check the Account (Client ID) and Secure Password (Client Secret) against CDEK\'s cabinet, lk.cdek.ru → Integration ("Интеграция"), and that "Use Test API" matches the keys (test keys only work on api.edu.cdek.ru).';

export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: 50, ...options });
	});
	afterAll(async () => {
		await sandbox?.stop();
	});
	beforeEach(() => {
		sandbox?.reset({ config: true });
		sandbox?.configure({ settleDelayMs: 50, ...options });
	});
	return () => {
		if (!sandbox) throw new Error('sandbox not started');
		return sandbox;
	};
}

/** Account + secure password credential pointing at the sandbox (its published test keys). */
export function accountCredential(sandbox: Sandbox, data: IDataObject = {}): CredentialStore {
	return new CredentialStore({
		[CREDENTIAL_ID]: {
			type: 'cdekApi',
			name: 'CDEK Sandbox',
			data: {
				authentication: 'clientCredentials',
				...sandbox.testKeys,
				baseUrl: sandbox.rootUrl,
				...data,
			},
		},
	});
}

/**
 * The CDEK node, version 1 unless `extra.typeVersion` says otherwise: the suites written for version 1 stay
 * version-1 workflows, and so keep proving that version 1 works unchanged.
 */
export function cdekNode(parameters: INodeParameters, extra: Partial<RunNode> = {}): RunNode {
	return {
		name: 'CDEK',
		type: 'cdek',
		typeVersion: 1,
		parameters: { resource: 'order', ...parameters },
		credentials: { cdekApi: { id: CREDENTIAL_ID, name: 'CDEK Sandbox' } },
		...extra,
	};
}

export interface RunCdekOptions {
	input?: IDataObject[];
	credentials: CredentialStore;
	/** The node version (default 1); `node.typeVersion` wins when both are given. */
	version?: number;
	node?: Partial<RunNode>;
}

export async function runCdek(
	parameters: INodeParameters,
	options: RunCdekOptions,
): Promise<RunResult> {
	const node = { typeVersion: options.version ?? 1, ...options.node };
	return await runWorkflow({
		nodes: [cdekNode(parameters, node)],
		input: options.input,
		credentials: options.credentials,
	});
}

/** runCdek with node version 2 (the default of a node added in the editor). */
export async function runCdekV2(
	parameters: INodeParameters,
	options: RunCdekOptions,
): Promise<RunResult> {
	return await runCdek(parameters, { ...options, version: 2 });
}

/** Requests the sandbox received below /v2, without token requests. */
export function apiCalls(sandbox: Sandbox): Array<{ method: string; path: string; body: unknown }> {
	return sandbox
		.requestLog()
		.filter((entry) => entry.path.startsWith('/v2/') && entry.path !== '/v2/oauth/token')
		.map(({ method, path, body }) => ({ method, path, body }));
}

/** Calls as `METHOD path` lines, the form the tests compare. */
export const route = (calls: Array<{ method: string; path: string }>): string[] =>
	calls.map(({ method, path }) => `${method} ${path}`);

/** A version-2 "Order" resource locator value, as the editor saves it. */
export const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

/** How version 2's "Order" locator names an order. */
export type OrderLocatorMode = 'uuid' | 'imNumber' | 'cdekNumber';
export const ORDER_LOCATOR_MODES: OrderLocatorMode[] = ['uuid', 'imNumber', 'cdekNumber'];

/** The "Order" locator naming a seeded order by UUID, shop order number or CDEK number. */
export function orderByMode(sandbox: Sandbox, seed: SeedName, mode: OrderLocatorMode) {
	const order = sandbox.seeds[seed];
	const value =
		mode === 'uuid' ? order.uuid : mode === 'imNumber' ? order.number : order.cdek_number!;
	return locator(mode, value);
}

/** The lookup each mode makes: GET /orders/{uuid}, or GET /orders with the number in the query. */
export function lookupOf(sandbox: Sandbox, seed: SeedName, mode: OrderLocatorMode): string {
	const order = sandbox.seeds[seed];
	if (mode === 'uuid') return `GET /v2/orders/${order.uuid}`;
	return mode === 'imNumber'
		? `GET /v2/orders?im_number=${order.number}`
		: `GET /v2/orders?cdek_number=${order.cdek_number}`;
}

/** API calls as `METHOD path?query` lines, so a lookup by number shows which number it asked for. */
export const callsWithQuery = (sandbox: Sandbox): string[] =>
	sandbox
		.requestLog()
		.filter((entry) => entry.path.startsWith('/v2/') && entry.path !== '/v2/oauth/token')
		.map((entry) => {
			const query = new URLSearchParams(entry.query as Record<string, string>).toString();
			return `${entry.method} ${entry.path}${query ? `?${query}` : ''}`;
		});
