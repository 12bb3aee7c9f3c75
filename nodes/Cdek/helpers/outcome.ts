import type { IDataObject } from 'n8n-workflow';

import type { RegistrationType } from './order-state';
import { ORDER_OPERATIONS, PICKUP_OPERATIONS, quoted } from '../transport/operation-names';

/** What was asked of CDEK, in the words of the Operation list. */
export type OutcomeSubject =
	| 'refusal'
	| 'client return'
	| 'cancellation'
	| 'new order'
	| 'courier pickup'
	| 'deletion of the courier pickup';

export const ORDER_SUBJECTS: Record<RegistrationType, OutcomeSubject> = {
	CREATE_REFUSAL: 'refusal',
	CREATE_CLIENT_RETURN: 'client return',
	DELETE: 'cancellation',
	CREATE: 'new order',
};

/** The item with `summary` and `nextStep` first, in version 2; version 1's output stays as it was. */
export function withOutcome(
	explained: boolean,
	json: IDataObject,
	...about: Parameters<typeof outcome>
): IDataObject {
	if (!explained) return json;
	return { ...outcome(...about), ...json };
}

const capitalised = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;

/** Where the verdict can be read later, for a request that is still queued. */
const LATER: Record<'order' | 'pickup', string> = {
	order: `look the order up later (${ORDER_OPERATIONS.get}: lastRequestState) or start a workflow from the CDEK Trigger (Order Status Changed)`,
	pickup: `look the pickup up later (${quoted(PICKUP_OPERATIONS.get)})`,
};

/**
 * A plain-language `summary` and `nextStep` for a request that changes something at CDEK (version 2). CDEK answers
 * at once with "ACCEPTED", which only means queued: it decides later (docs/reference/cdek-api.md §7), and an
 * operator must not read ACCEPTED as done.
 */
export function outcome(
	subject: OutcomeSubject,
	body: IDataObject,
	verdict: IDataObject | undefined,
	on: 'order' | 'pickup',
): { summary: string; nextStep?: string } {
	const answered = ((body.requests as IDataObject[] | undefined) ?? [])[0] ?? {};
	const state = String(verdict?.state ?? answered.state ?? 'ACCEPTED');
	const what = capitalised(subject);
	const already = body.alreadyRegistered === true;
	if (state === 'SUCCESSFUL') {
		return {
			summary: already
				? `${what} was already registered and CDEK carried it out (SUCCESSFUL); nothing was sent again.`
				: `${what} done: CDEK carried it out (SUCCESSFUL).`,
		};
	}
	if (verdict?.stillProcessing === true) {
		return {
			summary: `${what} queued at CDEK (${state}): CDEK has not decided within the time limit.`,
			nextStep: `Do not send it again. To learn the verdict, ${LATER[on]}.`,
		};
	}
	return {
		summary: already
			? `${what} was already queued at CDEK (${state}); nothing was sent again. CDEK has not decided yet.`
			: `${what} queued at CDEK (${state}): CDEK has not decided yet.`,
		nextStep: `To learn whether CDEK carried it out, turn on "Wait for CDEK's Verdict", or ${LATER[on]}.`,
	};
}
