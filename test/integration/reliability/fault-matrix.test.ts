/**
 * Fault matrix: every operation × every fault the sandbox can inject, once (CDEK recovers) and for good
 * (CDEK stays broken). Each case ends with the item succeeded or reported with its cause, and the sandbox
 * counters show no operation applied twice. Each case has its own sandbox, so cases run side by side.
 *
 * RELIABILITY_REPORT=1 prints the outcome table that docs/RELIABILITY.md quotes.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FaultSpec, Sandbox } from '../../../dev/sandbox';
import { accountCredential, cdekNode } from '../../../dev/n8n-core/cdek-fixture';
import { runWorkflow } from '../../../dev/n8n-core/runner';
import {
	OPERATIONS,
	drainFaults,
	limiter,
	operationCase,
	singleOutcome,
	withSandbox,
} from '../../../dev/reliability/support';
import type { ItemOutcome, OperationName } from '../../../dev/reliability/support';

/**
 * The Timeout of the 'delay past the timeout' cases, whose request is held (unanswered) until the run has
 * ended: no answer can beat it. It bounds the other requests of those cases too, so it is generous: 24 cases
 * run at once on a busy 2-core machine.
 */
const TIMEOUT_MS = 5000;
const RETRIES = 1;

interface Fault {
	spec: FaultSpec;
	/** The message of an item that gave up, when CDEK never recovers. */
	gaveUp: RegExp;
	/** For a request that changes something: the description says the request may be registered. */
	mayBeRegistered?: boolean;
}

const FAULTS: Record<string, Fault> = {
	'500 JSON': {
		spec: { kind: 'status', status: 500, body: 'json' },
		gaveUp: /^CDEK: v2_internal_error: .+ \(HTTP 500\) \[item 1\]$/,
	},
	'502 HTML': {
		spec: { kind: 'status', status: 502, body: 'html' },
		gaveUp:
			/^CDEK answered HTTP 502 with an HTML page \("502 Bad Gateway"\) instead of JSON \[item 1\]$/,
	},
	'503': {
		spec: { kind: 'status', status: 503 },
		gaveUp: /^CDEK: v2_internal_error: .+ \(HTTP 503\) \[item 1\]$/,
	},
	'429 + Retry-After': {
		spec: { kind: 'status', status: 429, retryAfterSeconds: 1 },
		gaveUp: /^CDEK: v2_too_many_requests: Too many requests \(HTTP 429\) \[item 1\]$/,
	},
	'delay past the timeout': {
		// Held, then released once the run has ended: CDEK applies it after the node gave up on it.
		spec: { kind: 'hold' },
		gaveUp: new RegExp(`^CDEK did not answer within ${TIMEOUT_MS} ms \\[item 1\\]$`),
		mayBeRegistered: true,
	},
	'reset before the answer': {
		spec: { kind: 'reset-before' },
		gaveUp: /^CDEK closed the connection before answering \[item 1\]$/,
		mayBeRegistered: true,
	},
	'reset after CDEK applied it': {
		spec: { kind: 'reset-after' },
		gaveUp: /^CDEK closed the connection before answering \[item 1\]$/,
		mayBeRegistered: true,
	},
	'malformed JSON': {
		spec: { kind: 'malformed-json' },
		gaveUp: /^CDEK answered HTTP 200 with a body that is not JSON instead of JSON \[item 1\]$/,
	},
	'token expiry': {
		spec: { kind: 'expire-token' },
		gaveUp: /^CDEK: v2_token_expired: Access token is expired: [\w-]+ \(HTTP 401\) \[item 1\]$/,
	},
};

/**
 * When CDEK applied a request but the answer was lost (reset after applying, a 202 with broken JSON),
 * the node finds the request on the order and reports it instead of failing or sending it again.
 */
const foundOnTheOrder = (operation: OperationName, fault: string) =>
	operation !== 'get' && (fault === 'reset after CDEK applied it' || fault === 'malformed JSON');

const EXPECTED_TYPE: Record<Exclude<OperationName, 'get'>, string> = {
	createRefusal: 'CREATE_REFUSAL',
	createClientReturn: 'CREATE_CLIENT_RETURN',
	create: 'CREATE',
	delete: 'DELETE',
};

interface CaseReport {
	operation: OperationName;
	fault: string;
	persistent: boolean;
	outcome: string;
	requests: number;
	registered?: number;
	applied?: number;
}
const report: CaseReport[] = [];

async function runCase(
	sandbox: Sandbox,
	operation: OperationName,
	fault: Fault,
	persistent: boolean,
) {
	const options: INodeParameters = {
		retries: RETRIES,
		...(fault.spec.kind === 'hold' ? { timeout: TIMEOUT_MS } : {}),
	};
	const { parameters, target, counter } = operationCase(sandbox, operation, options);
	sandbox.injectFault({ ...fault.spec, ...target, count: persistent ? -1 : 1 });
	const result = await runWorkflow({
		nodes: [cdekNode(parameters, { onError: 'continueRegularOutput' })],
		credentials: accountCredential(sandbox),
	});
	sandbox.releaseHeld();
	await drainFaults(sandbox);
	sandbox.clearFaults();
	sandbox.settlePending();
	const counts = counter
		? (sandbox.counters()[counter.kind][counter.key] ?? { registered: 0, applied: 0, rejected: 0 })
		: undefined;
	const requests = sandbox
		.requestLog()
		.filter(
			(entry) => entry.method === target.method && entry.path.includes(String(target.path)),
		).length;
	return {
		outcome: singleOutcome(result),
		counts,
		requests,
		tokenRequests: sandbox.counters().tokenRequests,
	};
}

function expectSucceeded(operation: OperationName, outcome: ItemOutcome, sandbox: Sandbox) {
	if (!outcome.ok) throw new Error(`expected success, got: ${outcome.error}`);
	if (operation === 'get') {
		expect((outcome.json.entity as IDataObject).uuid).toBe(sandbox.seeds.delivered.uuid);
		return;
	}
	expect(outcome.json.requests).toEqual([
		expect.objectContaining({ type: EXPECTED_TYPE[operation] }),
	]);
}

const describeOutcome = (outcome: ItemOutcome) =>
	outcome.ok
		? outcome.json.alreadyRegistered
			? 'succeeded (found on the order)'
			: 'succeeded'
		: `error: ${outcome.error}`;

type CaseResult = Awaited<ReturnType<typeof runCase>> & { sandbox: Sandbox };

/** Every case starts at once (at most CASES_AT_ONCE running); each test awaits and checks its own. */
const CASES_AT_ONCE = 24;
/** A test waits for its case, which may queue behind others. */
const CASE_TIMEOUT_MS = 60000;
const started = new Map<string, Promise<CaseResult>>();
function caseResult(
	operation: OperationName,
	name: string,
	persistent: boolean,
): Promise<CaseResult> {
	return started.get(`${operation} ${name} ${persistent}`) as Promise<CaseResult>;
}

beforeAll(() => {
	const limit = limiter(CASES_AT_ONCE);
	for (const operation of OPERATIONS) {
		for (const [name, fault] of Object.entries(FAULTS)) {
			for (const persistent of [false, true]) {
				const run = limit(
					async () =>
						// The sandbox is stopped before the test reads the result; only its seeds are used after.
						await withSandbox({ settleDelayMs: -1 }, async (sandbox) => ({
							...(await runCase(sandbox, operation, fault, persistent)),
							sandbox,
						})),
				);
				run.catch(() => undefined);
				started.set(`${operation} ${name} ${persistent}`, run);
			}
		}
	}
});

describe.each(OPERATIONS)('%s under CDEK faults (n8n-core, sandbox)', (operation) => {
	const faults = Object.entries(FAULTS);

	it.each(faults)(
		'%s once: retried, succeeds, applied once',
		async (name) => {
			const { outcome, counts, requests, tokenRequests, sandbox } = await caseResult(
				operation,
				name,
				false,
			);
			report.push({
				operation,
				fault: name,
				persistent: false,
				outcome: describeOutcome(outcome),
				requests,
				...counts,
			});
			expectSucceeded(operation, outcome, sandbox);
			// One token for the run, and one renewal when CDEK refused it.
			expect(tokenRequests).toBe(name === 'token expiry' ? 2 : 1);
			if (foundOnTheOrder(operation, name))
				expect(outcome.ok && outcome.json.alreadyRegistered).toBe(true);
			if (counts) {
				expect(counts.applied).toBe(1);
				// A delayed request reaches CDEK after the node re-sent it: CDEK itself refuses the copy
				// (similar request; for Create a second order with the same number ends INVALID).
				expect(counts.registered).toBe(
					name === 'delay past the timeout' && operation === 'create' ? 2 : 1,
				);
			}
		},
		CASE_TIMEOUT_MS,
	);

	it.each(faults)(
		'%s for good: reported with its cause, never applied twice',
		async (name, fault) => {
			const { outcome, counts, requests, sandbox } = await caseResult(operation, name, true);
			report.push({
				operation,
				fault: name,
				persistent: true,
				outcome: describeOutcome(outcome),
				requests,
				...counts,
			});
			if (foundOnTheOrder(operation, name)) {
				expectSucceeded(operation, outcome, sandbox);
				expect(outcome.ok && outcome.json.alreadyRegistered).toBe(true);
				expect(requests).toBe(1);
			} else {
				if (outcome.ok)
					throw new Error(
						`expected an error, got success: ${JSON.stringify(outcome.json).slice(0, 300)}`,
					);
				expect(outcome.error).toMatch(fault.gaveUp);
				if (fault.mayBeRegistered && operation !== 'get') {
					expect(outcome.description).toContain(
						'CDEK may have registered the request anyway: look the order up before sending it again.',
					);
				}
				// The first try and Retries more, never more; a refused token is renewed and resent once per try.
				expect(requests).toBe(fault.spec.kind === 'expire-token' ? 2 * (RETRIES + 1) : RETRIES + 1);
			}
			if (counts) {
				expect(counts.applied).toBeLessThanOrEqual(1);
				expect(counts.registered).toBeLessThanOrEqual(
					name === 'delay past the timeout' && operation === 'create' ? RETRIES + 1 : 1,
				);
			}
		},
		CASE_TIMEOUT_MS,
	);
});

afterAll(() => {
	if (process.env.RELIABILITY_REPORT !== '1') return;
	const rows = report
		.sort(
			(a, b) =>
				OPERATIONS.indexOf(a.operation) - OPERATIONS.indexOf(b.operation) ||
				a.fault.localeCompare(b.fault) ||
				Number(a.persistent) - Number(b.persistent),
		)
		.map(
			(row) =>
				`| ${row.operation} | ${row.fault} | ${row.persistent ? 'for good' : 'once'} | ${row.outcome} | ${row.requests} | ${row.registered ?? '–'} | ${row.applied ?? '–'} |`,
		);
	console.log(
		[
			'| operation | fault | | outcome | requests hit | registered | applied |',
			'|---|---|---|---|---|---|---|',
			...rows,
		].join('\n'),
	);
});
