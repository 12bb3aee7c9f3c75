import { createHash } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { statusCodeOf } from '../helpers/status-code';
import { answer, ignoredAnswer } from './answer';
import { readFilters } from './description';
import { EVENT_TYPES, statusAliases } from './events';
import { orderKindReason } from './filter';
import { MAX_PAYLOAD_BYTES, bodySize, payloadProblem } from './payload';
import type { CdekEvent } from './payload';
import { SeenEvents, eventKey } from './seen-events';
import { verifyEvent } from './verification';
import type { UnconfirmedCause } from './verification';
import { isObject } from '../helpers/is-object';

export const CONFIRMED_ANSWER: IDataObject = { received: true, started: true, output: 'Confirmed' };
export const UNCONFIRMED_ANSWER: IDataObject = {
	received: true,
	started: true,
	output: 'Unconfirmed',
};

/** The Unconfirmed output's item: why, and the body as it came, for a person to look at. */
function unconfirmedItem(body: IDataObject, cause: UnconfirmedCause, reason: string): IDataObject {
	return {
		cause,
		reason,
		event: typeof body.type === 'string' ? body.type.slice(0, 40) : null,
		uuid: typeof body.uuid === 'string' ? body.uuid.slice(0, 40) : null,
		receivedAt: new Date().toISOString(),
		body,
	};
}

const bodyKey = (body: IDataObject) =>
	createHash('sha256')
		.update(`BODY|${JSON.stringify(body)}`)
		.digest('base64url')
		.slice(0, 16);

/**
 * Version 3: every delivery is answered 200 within CDEK's 15 s and, unless it is a re-delivery, another event
 * type or filtered out, starts exactly one run: on the main output (Confirmed) with what CDEK's record says, or on
 * the Unconfirmed output with the reason and the raw body when CDEK could not confirm it (unreachable, the event
 * not matching CDEK's record, a type CDEK offers no read for, a shape the trigger does not know).
 */
export async function receiveV3(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const body = this.getBodyData();
	const node = this.getNode();
	const ignore = (reason: string) => {
		this.logger.info(`CDEK Trigger "${node.name}": no workflow run because ${reason}`);
		return answer(this, ignoredAnswer(reason));
	};
	const size = bodySize(this.getRequestObject(), body);
	if (!isObject(body) || size > MAX_PAYLOAD_BYTES)
		return ignore(payloadProblem(body, size) ?? 'the body is not a JSON object');
	const filters = readFilters.call(this);
	if (
		typeof body.type === 'string' &&
		body.type !== filters.event &&
		EVENT_TYPES.includes(body.type)
	)
		return ignore(`the event type is ${body.type}, this trigger listens to ${filters.event}`);

	const seen = SeenEvents.enter(
		this.getWorkflowStaticData('node'),
		`${String(this.getWorkflow().id ?? '')}|${node.id}`,
	);
	try {
		const unconfirmed = (key: string, cause: UnconfirmedCause, reason: string) => {
			seen.remember(key);
			this.logger.warn(
				`CDEK Trigger "${node.name}": event sent to the Unconfirmed output (${cause}): ${reason}`,
			);
			return answer(this, UNCONFIRMED_ANSWER, [
				[],
				[{ json: unconfirmedItem(body, cause, reason) }],
			]);
		};
		const problem = payloadProblem(body, size);
		if (problem) {
			const key = bodyKey(body);
			if (seen.has(key)) return ignore('this body was delivered before');
			if (!seen.claim(key)) return ignore('this body is being handled already');
			return unconfirmed(key, 'UNKNOWN_SHAPE', problem);
		}
		const event = body as CdekEvent;
		if (event.type === 'ORDER_STATUS' && filters.statusCodes.length > 0) {
			const code = statusCodeOf(event.attributes) ?? '';
			if (!statusAliases(code).some((name) => filters.statusCodes.includes(name)))
				return ignore(`status ${code.slice(0, 60)} is not one of the selected statuses`);
		}
		const key = eventKey(event);
		if (seen.has(key)) return ignore('CDEK delivered this event before');
		if (!seen.claim(key)) return ignore('this event is being handled already');

		const verified = await verifyEvent(this, event);
		if (!verified.confirmed) return unconfirmed(key, verified.cause, verified.reason);
		if (verified.key !== key) {
			if (seen.has(verified.key)) return ignore('CDEK delivered this event before');
			if (!seen.claim(verified.key)) return ignore('this event is being handled already');
		}
		if (event.type === 'ORDER_STATUS' && verified.order) {
			const kindReason = orderKindReason(verified.order, filters.orderKind);
			if (kindReason) return ignore(kindReason);
		}
		seen.remember(verified.key);
		return answer(this, CONFIRMED_ANSWER, [[{ json: verified.item }], []]);
	} finally {
		seen.leave();
	}
}
