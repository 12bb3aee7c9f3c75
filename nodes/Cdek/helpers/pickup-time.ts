import type { INode } from 'n8n-workflow';

import { invalidParameter, parameterOf } from './validation';

/** CDEK's courier pickup rules (docs/reference/cdek-api.md §12): 09:00–22:00, at most 31 days ahead, a 3-hour window advised. */
export const EARLIEST_PICKUP = '09:00';
export const LATEST_PICKUP = '22:00';
export const MAX_DAYS_AHEAD = 31;
const ADVISED_WINDOW_MINUTES = 180;

export interface PickupSchedule {
	/** YYYY-MM-DD */
	date: string;
	/** HH:mm */
	timeFrom: string;
	timeTo: string;
	/** Advice that does not stop the pickup (a window under 3 hours). */
	hint?: string;
}

interface ScheduleInput {
	node: INode;
	itemIndex: number;
	date: unknown;
	timeFrom: unknown;
	timeTo: unknown;
	/** Today as YYYY-MM-DD in the workflow's time zone, and that zone's name for messages. */
	today: string;
	timeZone: string;
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(now);
}

export function addDays(date: string, days: number): string {
	const next = new Date(`${date}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + days);
	return next.toISOString().slice(0, 10);
}

/** A real calendar date; an ISO date-time (a date picker, `$now.plus(1, 'day')`) gives its date part. */
export function calendarDate(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
	if (!match) return undefined;
	const date = new Date(`${match[1]}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === match[1]
		? match[1]
		: undefined;
}

/** "9:00" or "09:00" → "09:00"; undefined when not a time of day. */
export function timeOfDay(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(value);
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return undefined;
	return `${match[1].padStart(2, '0')}:${match[2]}`;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/**
 * The pickup day and window, checked against CDEK's rules before anything is sent. "Today" is the
 * workflow's time zone; CDEK checks the sender's, so near midnight CDEK may still refuse (its error says so).
 */
export function pickupSchedule(input: ScheduleInput): PickupSchedule {
	const { node, itemIndex } = input;
	const parameter = parameterOf(node, itemIndex);
	const date = calendarDate(input.date);
	if (!date)
		throw invalidParameter(
			parameter('Pickup Date', input.date),
			'a date that exists, written YYYY-MM-DD (e.g. 2026-05-14)',
		);
	const last = addDays(input.today, MAX_DAYS_AHEAD);
	if (date < input.today || date > last)
		throw invalidParameter(
			parameter('Pickup Date', input.date),
			`a date from today (${input.today} in ${input.timeZone}) to ${MAX_DAYS_AHEAD} days ahead (${last}): CDEK takes no pickup in the past or later than that`,
		);
	const timeFrom = timeOfDay(input.timeFrom);
	const timeTo = timeOfDay(input.timeTo);
	const window = `a time HH:mm from ${EARLIEST_PICKUP} to ${LATEST_PICKUP}, when CDEK's couriers come`;
	if (!timeFrom || timeFrom < EARLIEST_PICKUP || timeFrom >= LATEST_PICKUP)
		throw invalidParameter(parameter('Time From', input.timeFrom), window);
	if (!timeTo || timeTo > LATEST_PICKUP || timeTo <= EARLIEST_PICKUP)
		throw invalidParameter(parameter('Time To', input.timeTo), window);
	if (minutes(timeTo) <= minutes(timeFrom))
		throw invalidParameter(
			parameter('Time To', input.timeTo),
			`later than Time From (${timeFrom})`,
		);
	const length = minutes(timeTo) - minutes(timeFrom);
	const hint =
		length < ADVISED_WINDOW_MINUTES
			? `The pickup window ${timeFrom}–${timeTo} is ${hours(length)}; CDEK advises at least 3 hours, so that a courier can fit it in.`
			: undefined;
	return { date, timeFrom, timeTo, ...(hint ? { hint } : {}) };
}

function hours(length: number): string {
	const whole = Math.floor(length / 60);
	const rest = length % 60;
	if (whole === 0) return `${rest} min`;
	return rest ? `${whole} h ${rest} min` : `${whole} h`;
}
