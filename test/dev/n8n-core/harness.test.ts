/**
 * The in-process runner (dev/n8n-core/runner.ts) behaves like n8n 2.41.1: proven with
 * fixture node/credential types against a local HTTP server.
 */
import { AsyncLocalStorage, createHook } from 'async_hooks';
import type { INodeCredentials } from 'n8n-workflow';

import {
	fixtureCredentialTypes,
	fixtureNodeTypes,
	startFixtureServer,
} from '../../../dev/n8n-core/fixtures';
import type { FixtureServer } from '../../../dev/n8n-core/fixtures';
import { nodeTypeTable, credentialTypeTable } from '../../../dev/n8n-core/node-types';
import {
	CredentialStore,
	START_NODE_NAME,
	loadOptional,
	runWorkflow,
} from '../../../dev/n8n-core/runner';
import type { LogEntry, RunNode, RunOptions } from '../../../dev/n8n-core/runner';

let server: FixtureServer;
beforeEach(async () => {
	server = await startFixtureServer();
});
afterEach(async () => {
	await server.close();
});

const NOT_FOUND = 'The resource you are requesting could not be found';
const UNAUTHORIZED = 'Authorization failed - please check your credentials';

const tokenCredentials: INodeCredentials = { fixtureTokenApi: { id: 'tok1', name: 'Token' } };
const keyCredentials: INodeCredentials = { fixtureKeyApi: { id: 'key1', name: 'Key' } };

function store(sessionToken?: string): CredentialStore {
	return new CredentialStore({
		tok1: {
			type: 'fixtureTokenApi',
			data: {
				baseUrl: server.baseUrl,
				clientId: 'client',
				clientSecret: 'secret',
				...(sessionToken === undefined ? {} : { sessionToken }),
			},
		},
		key1: { type: 'fixtureKeyApi', data: { baseUrl: server.baseUrl, apiKey: 'k-123' } },
		sig1: { type: 'fixtureSignedApi', data: { baseUrl: server.baseUrl, signingKey: 'abc' } },
	});
}

/** A token-authenticated fixture node that GETs /items/<id> per item. */
function itemsNode(extra: Partial<RunNode> = {}): RunNode {
	return {
		name: 'HTTP',
		type: 'fixtureHttp',
		parameters: { path: '={{ "/items/" + $json.id }}' },
		credentials: tokenCredentials,
		...extra,
	};
}

/** A key-authenticated fixture node that GETs `$json.path` per item. */
function pathNode(extra: Partial<RunNode> = {}, parameters = {}): RunNode {
	return {
		name: 'HTTP',
		type: 'fixtureHttp',
		parameters: { authentication: 'key', path: '={{ $json.path }}', ...parameters },
		credentials: keyCredentials,
		...extra,
	};
}

const run = (options: RunOptions) =>
	runWorkflow({ nodeTypes: fixtureNodeTypes, credentialTypes: fixtureCredentialTypes, ...options });

const bearerOf = (prefix: string) => server.seen(prefix).map((r) => r.headers.authorization);
const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);

const mixedInput = [{ path: '/keyed/a' }, { path: '/fail/404' }, { path: '/keyed/c' }];

describe('preAuthentication with a hidden expirable token', () => {
	test('fetches the token once for all items and persists it in the store', async () => {
		const credentials = store();
		const result = await run({
			input: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
			nodes: [itemsNode()],
			credentials,
		});

		expect(result.status).toBe('success');
		expect(ids(result.output('HTTP'))).toEqual(['a', 'b', 'c']);
		expect(server.seen('/oauth/token')).toHaveLength(1);
		expect(bearerOf('/items')).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
		expect(credentials.updates).toBe(1);
		expect(credentials.get('tok1')).toEqual({
			baseUrl: server.baseUrl,
			clientId: 'client',
			clientSecret: 'secret',
			sessionToken: 'tok-1',
		});
	});

	test('a second run reuses the persisted token', async () => {
		const credentials = store();
		await run({ input: [{ id: 'a' }], nodes: [itemsNode()], credentials });
		const second = await run({
			input: [{ id: 'b' }, { id: 'c' }],
			nodes: [itemsNode()],
			credentials,
		});

		expect(second.status).toBe('success');
		expect(server.seen('/oauth/token')).toHaveLength(1);
		expect(bearerOf('/items')).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
		expect(credentials.updates).toBe(1);
	});

	test('is not called while the field holds a token, and a 401 re-fetches it and retries once', async () => {
		const credentials = store('stale');
		const result = await run({
			input: [{ id: 'a' }, { id: 'b' }],
			nodes: [itemsNode()],
			credentials,
		});

		expect(result.status).toBe('success');
		expect(ids(result.output('HTTP'))).toEqual(['a', 'b']);
		expect(server.seen('/items').map((r) => `${r.path} ${r.headers.authorization}`)).toEqual([
			'/items/a Bearer stale',
			'/items/a Bearer tok-1',
			'/items/b Bearer tok-1',
		]);
		expect(server.seen('/oauth/token')).toHaveLength(1);
		expect(credentials.get('tok1').sessionToken).toBe('tok-1');
		expect(credentials.updates).toBe(1);
	});

	test('a token that expired between runs is replaced and the new one persisted', async () => {
		const credentials = store();
		await run({ input: [{ id: 'a' }], nodes: [itemsNode()], credentials });
		server.expireTokens();
		const second = await run({ input: [{ id: 'b' }], nodes: [itemsNode()], credentials });

		expect(second.status).toBe('success');
		expect(bearerOf('/items/b')).toEqual(['Bearer tok-1', 'Bearer tok-2']);
		expect(credentials.get('tok1').sessionToken).toBe('tok-2');
		expect(credentials.updates).toBe(2);
	});

	test('a request still rejected after the refresh is not retried again', async () => {
		server.rejectAllTokens = true;
		const credentials = store();
		const result = await run({ input: [{ id: 'a' }], nodes: [itemsNode()], credentials });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(UNAUTHORIZED);
		expect(bearerOf('/items')).toEqual(['Bearer tok-1', 'Bearer tok-2']);
		expect(server.seen('/oauth/token')).toHaveLength(2);
	});
});

describe('authenticate', () => {
	test('generic auth resolves $credentials expressions into headers and query, with defaults applied', async () => {
		const result = await run({
			input: [{ path: '/keyed/x' }],
			nodes: [pathNode()],
			credentials: store(),
		});

		const [request] = server.seen('/keyed');
		expect(request.headers['x-api-key']).toBe('k-123');
		// `tenant` is not stored: getDecrypted filled in the property's default.
		expect(result.output('HTTP')[0].json.query).toEqual({ tenant: 'default-tenant' });
	});

	test('a function-style authenticate shapes the request', async () => {
		await run({
			input: [{ path: '/keyed/x' }],
			nodes: [
				pathNode(
					{ credentials: { fixtureSignedApi: { id: 'sig1', name: 'Signed' } } },
					{ authentication: 'signed' },
				),
			],
			credentials: store(),
		});

		expect(server.seen('/keyed')[0].headers['x-signature']).toBe('signed:cba');
	});

	test('a credential id missing from the store fails the node', async () => {
		const result = await run({
			nodes: [pathNode({ credentials: { fixtureKeyApi: { id: 'nope', name: 'Gone' } } })],
			input: [{ path: '/keyed/x' }],
			credentials: store(),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Credential with ID "nope" does not exist/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('items, expressions and pairedItem', () => {
	test('parameter expressions evaluate per item', async () => {
		await run({
			input: [{ id: 'a' }, { id: 'b' }],
			nodes: [pathNode({}, { path: '={{ "/keyed/" + $json.id + "-" + $itemIndex }}' })],
			credentials: store(),
		});

		expect(server.seen('/keyed').map((r) => r.path)).toEqual(['/keyed/a-0', '/keyed/b-1']);
	});

	test('the start node emits the input with pairedItem, and outputs pair to it', async () => {
		const result = await run({
			input: [{ path: '/keyed/a' }, { path: '/keyed/b' }],
			nodes: [pathNode()],
			credentials: store(),
		});

		expect(result.output(START_NODE_NAME)).toEqual([
			{ json: { path: '/keyed/a' }, pairedItem: { item: 0 } },
			{ json: { path: '/keyed/b' }, pairedItem: { item: 1 } },
		]);
		expect(result.output('HTTP').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
		expect(result.executionOrder).toEqual([START_NODE_NAME, 'HTTP']);
	});
});

describe('node settings: continue on fail and error output', () => {
	test('continueOnFail keeps a failed item in place as { error } with its pairedItem', async () => {
		const result = await run({
			input: mixedInput,
			nodes: [pathNode({ continueOnFail: true })],
			credentials: store(),
		});

		expect(result.status).toBe('success');
		expect(result.output('HTTP')).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ id: 'a' }),
				pairedItem: { item: 0 },
			}),
			{ json: { error: NOT_FOUND }, pairedItem: { item: 1 } },
			expect.objectContaining({
				json: expect.objectContaining({ id: 'c' }),
				pairedItem: { item: 2 },
			}),
		]);
	});

	test("onError 'continueRegularOutput' behaves like continueOnFail", async () => {
		const result = await run({
			input: mixedInput,
			nodes: [pathNode({ onError: 'continueRegularOutput' })],
			credentials: store(),
		});

		expect(result.status).toBe('success');
		expect(result.output('HTTP')[1]).toEqual({
			json: { error: NOT_FOUND },
			pairedItem: { item: 1 },
		});
	});

	test("onError 'continueErrorOutput' sends failed items, merged with their input, down output 1", async () => {
		const result = await run({
			input: mixedInput,
			nodes: [
				pathNode({ onError: 'continueErrorOutput' }),
				{ name: 'OK', type: 'fixturePassThrough', parameters: {} },
				{ name: 'Failed', type: 'fixturePassThrough', parameters: {} },
			],
			connections: {
				HTTP: {
					main: [
						[{ node: 'OK', type: 'main', index: 0 }],
						[{ node: 'Failed', type: 'main', index: 0 }],
					],
				},
			},
			credentials: store(),
		});

		expect(result.status).toBe('success');
		expect(ids(result.output('HTTP', 0))).toEqual(['a', 'c']);
		expect(result.output('HTTP', 1)).toEqual([
			{ json: { path: '/fail/404', error: NOT_FOUND }, pairedItem: { item: 1 } },
		]);
		expect(ids(result.output('OK'))).toEqual(['a', 'c']);
		expect(result.output('Failed').map((item) => item.json)).toEqual([
			{ path: '/fail/404', error: NOT_FOUND },
		]);
	});

	test('an item carrying `error` goes to the error output too', async () => {
		const result = await run({
			input: mixedInput,
			nodes: [pathNode({ onError: 'continueErrorOutput' }, { errorShape: 'itemError' })],
			credentials: store(),
		});

		expect(ids(result.output('HTTP', 0))).toEqual(['a', 'c']);
		const [failed] = result.output('HTTP', 1);
		expect(result.output('HTTP', 1)).toHaveLength(1);
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.error?.message).toBe(NOT_FOUND);
		// n8n's normalizeNodeErrors runs after the split and replaces json with { error }.
		expect(failed.json).toEqual({ error: NOT_FOUND });
	});

	test('a failed item with keys besides error/message/details stays on the success output', async () => {
		const result = await run({
			input: mixedInput,
			nodes: [pathNode({ onError: 'continueErrorOutput' }, { errorShape: 'jsonErrorWithExtra' })],
			credentials: store(),
		});

		expect(result.output('HTTP', 0)[1].json).toEqual({ error: NOT_FOUND, failed: true });
		expect(result.output('HTTP', 0)).toHaveLength(3);
		expect(result.output('HTTP', 1)).toEqual([]);
	});

	test.each([
		['default', undefined],
		['stopWorkflow', 'stopWorkflow' as const],
	])('onError %s stops the workflow at the failing node', async (_label, onError) => {
		const result = await run({
			input: mixedInput,
			nodes: [pathNode({ onError }), { name: 'After', type: 'fixturePassThrough', parameters: {} }],
			credentials: store(),
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(NOT_FOUND);
		expect(result.runData.HTTP[0].error?.message).toBe(NOT_FOUND);
		expect(server.seen('/keyed/c')).toHaveLength(0);
		expect(result.ran('After')).toBe(false);
		expect(() => result.output('After')).toThrow(/did not run/);
	});
});

describe('node settings: always output data and retry on fail', () => {
	const nothingNode = (alwaysOutputData: boolean): RunNode =>
		pathNode({ alwaysOutputData }, { operation: 'nothing' });

	test('alwaysOutputData turns "no items" into one empty item paired with every input', async () => {
		const result = await run({ input: [{}, {}], nodes: [nothingNode(true)], credentials: store() });

		expect(result.output('HTTP')).toEqual([
			{
				json: {},
				pairedItem: [
					{ item: 0, input: 0 },
					{ item: 1, input: 0 },
				],
			},
		]);
	});

	test('without alwaysOutputData the node emits nothing and the next node does not run', async () => {
		const result = await run({
			input: [{}],
			nodes: [nothingNode(false), { name: 'After', type: 'fixturePassThrough', parameters: {} }],
			credentials: store(),
		});

		expect(result.output('HTTP')).toEqual([]);
		expect(result.ran('After')).toBe(false);
	});

	// n8n reads waitBetweenTries 0 as 1000 ms (`waitBetweenTries || 1000`), so 1 keeps the test fast.
	test('retryOnFail runs the node again after it threw', async () => {
		const result = await run({
			input: [{ path: '/flaky/r' }],
			nodes: [pathNode({ retryOnFail: true, maxTries: 2, waitBetweenTries: 1 })],
			credentials: store(),
		});

		expect(result.status).toBe('success');
		expect(result.output('HTTP')[0].json).toEqual({ id: 'r', calls: 2 });
		expect(server.seen('/flaky')).toHaveLength(2);
	});

	test('without retryOnFail the first failure is final', async () => {
		const result = await run({
			input: [{ path: '/flaky/r' }],
			nodes: [pathNode()],
			credentials: store(),
		});

		expect(result.status).toBe('error');
		expect(server.seen('/flaky')).toHaveLength(1);
	});
});

describe('hygiene', () => {
	/** Every way text reaches the terminal from inside a jest test, winston's `console._stderr` included. */
	function spyOnOutput(): jest.SpyInstance[] {
		const testConsole = console as unknown as {
			_stdout?: NodeJS.WritableStream;
			_stderr?: NodeJS.WritableStream;
		};
		const streams = new Set([
			process.stdout,
			process.stderr,
			testConsole._stdout,
			testConsole._stderr,
		]);
		return [
			...[...streams]
				.filter((stream) => stream !== undefined)
				.map((stream) => jest.spyOn(stream!, 'write')),
			...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
				jest.spyOn(console, method),
			),
		];
	}

	/** Lets output that loggers queue for a later tick (winston does) reach the streams. */
	const settle = async () => {
		for (let tick = 0; tick < 2; tick++) await new Promise((resolve) => setImmediate(resolve));
	};

	/** Ids of timers created by `fn` (in its async context) that have neither fired nor been cleared. */
	async function pendingTimersAfter(fn: () => Promise<void>): Promise<number[]> {
		const scope = new AsyncLocalStorage<true>();
		const pending = new Set<number>();
		const hook = createHook({
			init: (id, type) => void (type === 'Timeout' && scope.getStore() && pending.add(id)),
			destroy: (id) => void pending.delete(id),
		}).enable();
		try {
			await scope.run(true, fn);
			await settle();
		} finally {
			hook.disable();
		}
		return [...pending];
	}

	/** A runner over fresh n8n-core modules, so its process-wide services start inside this test. */
	function freshRunner(): typeof runWorkflow {
		let fresh: typeof runWorkflow | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			fresh = (require('../../../dev/n8n-core/runner') as { runWorkflow: typeof runWorkflow })
				.runWorkflow;
		});
		return fresh!;
	}

	test('a failing run with retries prints nothing and leaves no timer pending', async () => {
		server.rejectAllTokens = true;
		const runFresh = freshRunner();
		const output = spyOnOutput();
		let logs: LogEntry[] = [];
		let pending: number[];
		let printed: unknown[][];
		try {
			pending = await pendingTimersAfter(async () => {
				const result = await runFresh({
					input: [{ id: 'a' }],
					nodes: [itemsNode({ retryOnFail: true, maxTries: 2, waitBetweenTries: 1 })],
					credentials: store(),
					nodeTypes: fixtureNodeTypes,
					credentialTypes: fixtureCredentialTypes,
				});
				logs = result.logs;
			});
			printed = output.flatMap((spy) => spy.mock.calls);
		} finally {
			output.forEach((spy) => spy.mockRestore()); // also clears the recorded calls
		}

		expect(printed).toEqual([]);
		expect(pending).toEqual([]);
		// What n8n would have printed (its ErrorReporter logs each node error) is kept instead.
		expect(logs.map((entry) => entry.level)).toContain('error');
		expect(server.seen('/items')).toHaveLength(4);
	});
});

describe('type registration', () => {
	test('loadOptional instantiates an existing export and skips a missing module', () => {
		const loaded = loadOptional<{ description: { name: string } }>(
			'dev/n8n-core/fixtures/FixturePassThrough.node',
			'FixturePassThrough',
		);
		expect(loaded?.description.name).toBe('fixturePassThrough');
		expect(loadOptional('dev/n8n-core/fixtures/NoSuch.node', 'NoSuch')).toBeUndefined();
	});

	test("the package's cdek node and cdekApi credential are registered by default", () => {
		const cdek = nodeTypeTable().find('cdek');
		expect(cdek?.description.name).toBe('cdek');
		expect(nodeTypeTable().find('n8n-nodes-cdek.cdek')).toBeDefined();
		expect(credentialTypeTable().find('cdekApi')?.name).toBe('cdekApi');
	});
});
