/**
 * CDEK date-time format "yyyy-MM-dd'T'HH:mm:ssZ", e.g. "2026-08-04T12:42:08+0000" (docs/reference/cdek-api.md §9: clients must
 * accept several offset styles; the sandbox emits the ±hhmm style measured in 2026).
 */
export function cdekDateTime(date: Date = new Date()): string {
	return `${date.toISOString().slice(0, 19)}+0000`;
}

export function isoDate(date: Date = new Date()): string {
	return date.toISOString().slice(0, 10);
}
