import type { IDataObject } from 'n8n-workflow';

/**
 * CDEK's date-times, in every offset style seen (docs/reference/cdek-api.md §9): `+0700`, `+03:00`, `+00:00`,
 * `+0000`, `Z`, with or without fractional seconds. A value without an offset is read as UTC.
 */
const CDEK_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Milliseconds since the epoch, or undefined when the value is not a CDEK date-time. */
export function parseCdekDateTime(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = CDEK_DATE_TIME.exec(value.trim());
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '0', fraction = '', offset = 'Z'] = match;
	const numbers = [year, month, day, hour, minute, second].map(Number);
	const [y, mo, d, h, mi, s] = numbers;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
	const utc = Date.UTC(y, mo - 1, d, h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
	if (new Date(utc).getUTCDate() !== d) return undefined; // e.g. 31 April
	if (offset.toUpperCase() === 'Z') return utc;
	const digits = offset.replace(':', '');
	const sign = digits.startsWith('-') ? -1 : 1;
	const offsetHours = Number(digits.slice(1, 3));
	const offsetMinutes = Number(digits.slice(3, 5) || '0');
	if (offsetHours > 14 || offsetMinutes > 59) return undefined;
	return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/**
 * The entry of a list with the latest `key` time (unreadable times lose to readable ones). Between equal times the
 * list order decides: `onTie` names the entry CDEK's order makes the newer one.
 */
export function newestBy(
	list: unknown,
	key: string,
	onTie: 'first' | 'last' = 'first',
): IDataObject | undefined {
	if (!Array.isArray(list)) return undefined;
	let newest: IDataObject | undefined;
	let newestTime = -Infinity;
	for (const entry of list) {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
		const time = parseCdekDateTime((entry as IDataObject)[key]) ?? -Infinity;
		if (newest === undefined || time > newestTime || (time === newestTime && onTie === 'last')) {
			newest = entry as IDataObject;
			newestTime = time;
		}
	}
	return newest;
}

/**
 * The newest of CDEK's `statuses[]` by `date_time`: CDEK lists an order's statuses newest first and a print
 * form's oldest first (docs/reference/cdek-api.md §5, §11), so the position says nothing. Statuses with the
 * same time, or without a readable one, keep CDEK's order: for an order the first listed wins, for a print form
 * (`onTie: 'last'`) the last, since its three statuses often share one second.
 */
export function newestStatus(
	statuses: unknown,
	onTie: 'first' | 'last' = 'first',
): IDataObject | undefined {
	return newestBy(statuses, 'date_time', onTie);
}
