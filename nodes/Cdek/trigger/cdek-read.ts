import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CdekClient } from '../transport/client';
import type { CdekRequest } from '../transport/client';

/**
 * CDEK waits 15 s for the answer to a delivery, then delivers again (docs/reference/cdek-api.md §8). Every read
 * that confirms an event fits in this budget, token, retries and Retry-After included, so that the answer always
 * leaves in time: a 429 asking for 60 s fails the read at once instead of holding the answer.
 */
export const CONFIRM_BUDGET_MS = 10_000;
const CONFIRM_TIMEOUT_MS = 5000;
const CONFIRM_RETRIES = 1;
const NOT_FOUND_CODES = [
	'v2_entity_not_found',
	'v2_order_not_found',
	'v2_entity_forbidden',
	'v2_order_forbidden',
	'v2_invalid_format',
	'v2_intake_not_found',
];

export type CdekRead =
	| { found: true; body: IDataObject }
	| { found: false; unavailable: false; reason: string }
	| { found: false; unavailable: true; reason: string };

/**
 * One GET with the trigger's credential within the confirmation budget: CDEK's record, or that CDEK has none
 * for this account (a 4xx or one of its not-found codes), or that CDEK could not be asked (network, 5xx, 429,
 * a redirect, a body that is not CDEK's, the budget spent).
 */
export async function readFromCdek(
	context: IWebhookFunctions,
	request: CdekRequest,
	missing: string,
): Promise<CdekRead> {
	try {
		const client = await CdekClient.create(context);
		const response = await client.request(0, request, {
			timeout: CONFIRM_TIMEOUT_MS,
			retries: CONFIRM_RETRIES,
			budgetMs: CONFIRM_BUDGET_MS,
			expectedErrors: NOT_FOUND_CODES,
		});
		if (response.statusCode >= 400) return { found: false, unavailable: false, reason: missing };
		return { found: true, body: response.body };
	} catch (error) {
		return {
			found: false,
			unavailable: true,
			reason: `CDEK could not be asked (${(error as Error).message})`,
		};
	}
}
