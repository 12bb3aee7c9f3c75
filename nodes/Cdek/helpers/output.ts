import type { IDataObject, INode } from 'n8n-workflow';

import { cdekErrors } from '../transport/cdek-errors';
import type { CdekRequest, CdekResponse } from '../transport/client';
import { answerError } from '../transport/failures';

/** What an item outputs: CDEK's body as returned, or the whole answer when asked for. */
export function output(response: CdekResponse, fullResponse: boolean): IDataObject {
	if (!fullResponse) return response.body;
	return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}

/**
 * Some CDEK answers report failure inside a 200 (errors[] of the calculator and of available days,
 * docs/reference/cdek-api.md §12, §13): such an answer is the item's error, with CDEK's codes.
 */
export function failOnReportedErrors(
	node: INode,
	root: string,
	itemIndex: number,
	request: CdekRequest,
	response: CdekResponse,
): void {
	if (cdekErrors(response.body).length === 0) return;
	throw answerError(
		node,
		{ method: request.method, url: `${root}${request.path}`, itemIndex },
		response,
	);
}
