/**
 * The editor's REST calls that publish (activate) and unpublish (deactivate) a workflow, with one answer shape for
 * both n8n lines:
 * - n8n 2.41.1: POST /rest/workflows/:id/activate {versionId} answers at once; the publication outbox registers the
 *   triggers afterwards, and the editor polls GET /rest/workflows/:id/publication-status for the outcome
 *   (see cdek-trigger.test.ts for the observed API);
 * - n8n 1.123.81: the same activate/deactivate endpoints register the triggers before answering; a trigger that
 *   fails to activate makes activate answer 400 with the trigger's error as `message`.
 */
import type { N8nServer, RestResponse } from './index';
import { isN8n1 } from './runtime';
import { until } from '../util/until';

/** As n8n 2.x reports it: `published`, `failed`, `not_published`…, and each trigger's error. */
export interface Publication {
	status: string;
	triggers?: Array<{ status: string; errorMessage?: string }>;
}

/** The `data` of an n8n REST answer; anything but 200 fails with the answer's body. */
export function restData(response: RestResponse, what: string): any {
	if (response.status !== 200)
		throw new Error(
			`${what}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 800)}`,
		);
	return response.body?.data;
}

export async function settledPublication(
	server: N8nServer,
	workflowId: string,
	timeoutMs: number,
): Promise<Publication> {
	return await until(
		`the publication of ${workflowId} to settle`,
		async () => {
			const status = restData(
				await server.rest('GET', `/rest/workflows/${workflowId}/publication-status`),
				'publication status',
			);
			return status.status === 'in_progress' ? undefined : status;
		},
		timeoutMs,
	);
}

/** "Publish" (2.x) or the "Active" toggle (1.x) in the editor, then the outcome once it settled. */
export async function publish(
	server: N8nServer,
	workflowId: string,
	timeoutMs: number,
): Promise<Publication> {
	const { versionId } = restData(
		await server.rest('GET', `/rest/workflows/${workflowId}`),
		'get workflow',
	);
	const activated = await server.rest('POST', `/rest/workflows/${workflowId}/activate`, {
		versionId,
	});
	if (isN8n1(server.version)) {
		if (activated.status === 200) return { status: 'published' };
		if (activated.status !== 400) restData(activated, 'activate');
		const errorMessage = String(activated.body?.message ?? '');
		return { status: 'failed', triggers: [{ status: 'failed', errorMessage }] };
	}
	restData(activated, 'activate');
	return await settledPublication(server, workflowId, timeoutMs);
}

export async function unpublish(
	server: N8nServer,
	workflowId: string,
	timeoutMs: number,
): Promise<Publication> {
	restData(await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {}), 'deactivate');
	if (isN8n1(server.version)) return { status: 'not_published' };
	return await settledPublication(server, workflowId, timeoutMs);
}
