/**
 * The editor's REST calls that publish (activate) and unpublish (deactivate) a workflow in n8n 2.41.1, and
 * the publication status it polls afterwards (see cdek-trigger.test.ts for the observed API).
 */
import type { N8nServer, RestResponse } from './index';
import { until } from '../util/until';

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
): Promise<any> {
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

/** "Publish" in the editor: activates the current version, then waits until the publication settles. */
export async function publish(
	server: N8nServer,
	workflowId: string,
	timeoutMs: number,
): Promise<any> {
	const { versionId } = restData(
		await server.rest('GET', `/rest/workflows/${workflowId}`),
		'get workflow',
	);
	restData(
		await server.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId }),
		'activate',
	);
	return await settledPublication(server, workflowId, timeoutMs);
}

export async function unpublish(
	server: N8nServer,
	workflowId: string,
	timeoutMs: number,
): Promise<any> {
	restData(await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`, {}), 'deactivate');
	return await settledPublication(server, workflowId, timeoutMs);
}
