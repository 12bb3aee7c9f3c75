import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { STARTED_ANSWER, answer, ignoredAnswer } from './answer';
import { CONFIRMABLE_EVENTS, confirmEvent } from './confirmation';
import { readConfirmEvents, readFilters } from './description';
import { eventVerdict } from './filter';
import { bodySize, payloadProblem } from './payload';
import type { CdekEvent } from './payload';
import { withPrintFormOrders } from './print-form-orders';
import { SeenEvents, eventKey, statusKey } from './seen-events';
import { statusCodeOf } from '../helpers/status-code';

/**
 * Versions 1 and 2: one output, the CDEK payload as sent. The workflow starts once per event, only for a body of
 * CDEK's shape that passes the filters and, when confirmation is on, that CDEK confirms; everything else is
 * answered 200 and starts nothing (version 3 sends what CDEK cannot confirm to an output of its own).
 */
export async function receiveV1(
	this: IWebhookFunctions,
	version: number,
): Promise<IWebhookResponseData> {
	const body = this.getBodyData();
	// At info, n8n's default level: a delivery answered 200 that started nothing always says why in the log.
	const ignore = (reason: string) => {
		this.logger.info(`CDEK Trigger "${this.getNode().name}": no workflow run because ${reason}`);
		return answer(this, ignoredAnswer(reason));
	};
	const problem = payloadProblem(body, bodySize(this.getRequestObject(), body));
	if (problem) return ignore(problem);
	const event = body as CdekEvent;
	const verdict = eventVerdict(event, readFilters.call(this));
	if (!verdict.start) return ignore(verdict.reason);

	const seen = SeenEvents.enter(
		this.getWorkflowStaticData('node'),
		`${String(this.getWorkflow().id ?? '')}|${this.getNode().id}`,
	);
	try {
		let key = eventKey(event);
		if (seen.has(key)) return ignore('CDEK delivered this event before');
		if (!seen.claim(key)) return ignore('this event is being handled already');
		const confirming = readConfirmEvents.call(this, version);
		if (confirming && CONFIRMABLE_EVENTS.includes(event.type)) {
			const confirmation = await confirmEvent.call(this, event);
			if (!confirmation.confirmed) {
				const message = `CDEK Trigger: ${event.type} for ${event.uuid} not confirmed, no workflow run: ${confirmation.reason}`;
				// A genuine event CDEK could not confirm is lost: worth a warning; a forged one is not.
				if (confirmation.cdekUnavailable) this.logger.warn(message);
				else this.logger.info(message);
				return answer(this, ignoredAnswer('CDEK did not confirm this event'));
			}
			if (confirmation.status) {
				// One key per event: the status as CDEK's record has it.
				const confirmed = statusKey(
					event.uuid,
					statusCodeOf(confirmation.status) ?? '',
					confirmation.status.date_time,
				);
				if (confirmed !== key) {
					if (seen.has(confirmed)) return ignore('CDEK delivered this event before');
					if (!seen.claim(confirmed)) return ignore('this event is being handled already');
					key = confirmed;
				}
			}
		}
		let { payload } = verdict;
		if (event.type === 'PRINT_FORM') {
			// PRINT_FORM names the print form only: read it for its orders (an unknown form starts nothing;
			// with confirmation on, neither does a form CDEK could not be asked about).
			const printForm = await withPrintFormOrders(this, payload, confirming);
			if (!printForm.start) {
				if (printForm.cdekUnavailable) this.logger.warn(`CDEK Trigger: ${printForm.reason}`);
				return ignore(printForm.reason);
			}
			payload = printForm.payload;
		}
		seen.remember(key);
		return answer(this, STARTED_ANSWER, [this.helpers.returnJsonArray(payload)]);
	} finally {
		seen.leave();
	}
}
