import type { IDataObject, IHookFunctions } from 'n8n-workflow';

/** Key under which a bare-array answer body is handed to the transport. */
export const ARRAY_BODY_KEY = 'items';

/**
 * Stopgap until the transport accepts array bodies: `CdekClient.request()` rejects any body that is not
 * an object, but `GET /webhooks` answers a bare array (cdek-api.md §8). This context forwards every
 * request unchanged to n8n's `httpRequestWithAuthentication`, so the request still goes through the
 * transport (token, renewal, error mapping); it only wraps an array answer as `{ items: [...] }`.
 * Delete this file once `CdekClient.request()` returns array bodies itself.
 */
export function arrayAnswerContext(context: IHookFunctions): IHookFunctions {
	const send = context.helpers.httpRequestWithAuthentication;
	const helpers = {
		...context.helpers,
		async httpRequestWithAuthentication(...args: Parameters<typeof send>) {
			const answer = (await send.apply(context, args)) as { body?: unknown } | undefined;
			if (answer && Array.isArray(answer.body)) return { ...answer, body: { [ARRAY_BODY_KEY]: answer.body } as IDataObject };
			return answer;
		},
	};
	return {
		getCredentials: context.getCredentials.bind(context),
		getNode: context.getNode.bind(context),
		helpers,
	} as unknown as IHookFunctions;
}
