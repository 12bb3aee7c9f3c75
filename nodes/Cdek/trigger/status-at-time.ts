import type { IDataObject } from 'n8n-workflow';

import { newestStatus, parseCdekDateTime } from '../helpers/date-time';
import { statusCodeOf } from '../helpers/status-code';
import { statusAliases } from './events';
import { isObject } from '../helpers/is-object';

/**
 * The entry of an order's status history that confirms an ORDER_STATUS event: the status the order was in at
 * the event's time (the newest entry not later than it), when that status is the event's code or CDEK's other
 * name for it. Where no time can be matched (the event's or the history's times unreadable), the order's newest
 * status must be it. A status the order had at another time does not confirm the event: an old status replayed
 * with an invented time is refused.
 */
export function statusAtEventTime(
	statuses: unknown,
	code: string,
	claimedTime: number | undefined,
): IDataObject | undefined {
	const names = statusAliases(code);
	const list = (Array.isArray(statuses) ? statuses : []).filter(isObject);
	const codeOf = (status: IDataObject) => statusCodeOf(status) ?? '';
	const timed = list
		.map((status) => ({ status, time: parseCdekDateTime(status.date_time) }))
		.filter((entry): entry is { status: IDataObject; time: number } => entry.time !== undefined);
	if (claimedTime === undefined || timed.length === 0) {
		const newest = newestStatus(list);
		return newest && names.includes(codeOf(newest)) ? newest : undefined;
	}
	const before = timed.filter((entry) => entry.time <= claimedTime);
	if (before.length === 0) return undefined;
	const latest = Math.max(...before.map((entry) => entry.time));
	// Entries of one instant (CDEK lists duplicates): the event's code among them is the status then.
	const inEffect = before.filter((entry) => entry.time === latest);
	return inEffect.find((entry) => names.includes(codeOf(entry.status)))?.status;
}
