import type { IDataObject } from 'n8n-workflow';

import type { CdekResponse } from '../transport/client';

/** What an item outputs: CDEK's body as returned, or the whole answer when asked for. */
export function output(response: CdekResponse, fullResponse: boolean): IDataObject {
	if (!fullResponse) return response.body;
	return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}
