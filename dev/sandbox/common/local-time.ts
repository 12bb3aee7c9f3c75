/** Dates and times as a sender sees them: CDEK checks courier pickups in the sender's local time (docs/reference/cdek-api.md §12). */

export interface LocalNow {
	/** YYYY-MM-DD */
	date: string;
	/** Minutes since local midnight. */
	minutes: number;
}

export function localNow(timeZone: string, now = new Date()): LocalNow {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		})
			.formatToParts(now)
			.map((part) => [part.type, part.value]),
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		minutes: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: unknown): text is string {
	if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
	const next = new Date(`${date}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + days);
	return next.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** "HH:mm" → minutes since midnight, undefined when not a time of day. */
export function minutesOf(text: unknown): number | undefined {
	if (typeof text !== 'string') return undefined;
	const match = /^(\d{2}):(\d{2})$/.exec(text);
	if (!match) return undefined;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}
