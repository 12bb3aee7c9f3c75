/**
 * A 202 whose request is already INVALID: CDEK's answer says it will not do it. That is the item's error
 * with CDEK's codes whatever the options, never a success (a relay in front of the sandbox writes the
 * answer, since the sandbox itself answers INVALID only later).
 */
import { randomUUID } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../dev/sandbox';
import { accountCredential, runCdek, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { startForwardProxy } from '../../../dev/proxies/forward-proxy';
import type { ForwardProxy } from '../../../dev/proxies/forward-proxy';
import { operationCase } from '../../../dev/reliability/support';

const REJECTION = {
	code: 'v2_entity_has_final_status',
	message: 'Operation is forbidden. Entity has final status DELIVERED',
};

const REQUEST_TYPES: Record<string, string> = {
	'/refusal': 'CREATE_REFUSAL',
	'/clientReturn': 'CREATE_CLIENT_RETURN',
	'/v2/orders': 'CREATE',
};

/** Answers the operation's own request with a 202 whose request is INVALID; CDEK never sees it. */
async function rejectingGateway(
	sandbox: Sandbox,
	method: string,
	path: string,
): Promise<ForwardProxy> {
	return await startForwardProxy({
		target: sandbox.url,
		answerInstead: (seen) => {
			const { pathname } = new URL(seen.url);
			if (seen.method !== method || !pathname.includes(path)) return undefined;
			const orderUuid = /\/orders\/([0-9a-f-]{36})/.exec(pathname)?.[1] ?? randomUUID();
			const type = method === 'DELETE' ? 'DELETE' : (REQUEST_TYPES[path] ?? 'CREATE');
			const body = {
				entity: { uuid: orderUuid },
				requests: [
					{
						request_uuid: randomUUID(),
						type,
						date_time: '2026-11-22T03:04:05+0000',
						state: 'INVALID',
						errors: [REJECTION],
					},
				],
				related_entities: [],
			};
			return { status: 202, contentType: 'application/json', body: JSON.stringify(body) };
		},
	});
}

const OPTION_SETS: Array<[string, INodeParameters]> = [
	['default options', {}],
	['Wait for Verdict on', { waitForVerdict: true, pollInterval: 0.1, waitTimeout: 5 }],
	['no Prevent Duplicates, no Safety Check', { preventDuplicates: false, safetyCheck: false }],
];

describe('a 202 that already says INVALID is the item error (n8n-core, relay in front of the sandbox)', () => {
	const sandbox = useSandbox({ settleDelayMs: -1 });

	describe.each(['createRefusal', 'createClientReturn', 'delete', 'create'] as const)(
		'%s',
		(operation) => {
			it.each(OPTION_SETS)('%s', async (_, options) => {
				const { parameters, target } = operationCase(sandbox(), operation, options, 'RET-INV-1');
				const gateway = await rejectingGateway(
					sandbox(),
					String(target.method),
					String(target.path),
				);
				try {
					const credentials = accountCredential(sandbox(), { baseUrl: `${gateway.url}/v2` });
					const stopped = await runCdek(parameters, { credentials });
					expect(stopped.status).toBe('error');
					expect(stopped.error?.message).toMatch(
						/^CDEK rejected the (refusal|client return|deletion|order): v2_entity_has_final_status: Operation is forbidden\. Entity has final status DELIVERED \[item 1\]$/,
					);

					expect(
						gateway.requests.filter((seen) => seen.method === target.method && seen.status === 202),
					).toHaveLength(1);
					const continued = await runCdek(parameters, {
						credentials,
						node: { onError: 'continueRegularOutput' },
					});
					const [item] = continued.output('CDEK');
					expect(item.json.error).toEqual(stopped.error?.message);
					expect(item.json.details).toEqual(expect.objectContaining({ cdekErrors: [REJECTION] }));
				} finally {
					await gateway.close();
				}
			});
		},
	);
});
