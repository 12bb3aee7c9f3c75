import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

/**
 * Answers the delivery itself, 200 with a short JSON body (any 200 keeps CDEK's subscription alive,
 * docs/reference/cdek-api.md §8), and tells n8n it did (noWebhookResponse).
 *
 * Why not let n8n answer: n8n 2.41.1 saves the static data a webhook call changed when it sends the answer.
 * For a call that starts a run it answers after starting it, and starting it builds another Workflow over the
 * same static data object, which clears its change flag (workflow-runner.js, establishContextForPersistence):
 * the events this call remembered would never be saved. Answered here, n8n saves them before the run starts.
 */
export function answer(
	context: IWebhookFunctions,
	body: IDataObject,
	workflowData?: INodeExecutionData[][],
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
	return workflowData ? { noWebhookResponse: true, workflowData } : { noWebhookResponse: true };
}

/** What CDEK gets back for an event that starts nothing. */
export function ignoredAnswer(reason: string): IDataObject {
	return { received: true, started: false, reason };
}

export const STARTED_ANSWER: IDataObject = { received: true, started: true };
