import type { IDataObject } from 'n8n-workflow';

/** Where a parcel starts or ends: a courier at an address, a CDEK office, or a parcel locker. */
export type End = 'door' | 'office' | 'locker';

/** delivery_mode → [start, end] (docs/reference/cdek-api.md §13; there is no mode 5). */
const MODE_ENDS: Record<string, [End, End]> = {
	1: ['door', 'door'],
	2: ['door', 'office'],
	3: ['office', 'door'],
	4: ['office', 'office'],
	6: ['door', 'locker'],
	7: ['office', 'locker'],
	8: ['locker', 'door'],
	9: ['locker', 'office'],
	10: ['locker', 'locker'],
};

const END_WORDS: Record<End, string> = { door: 'door', office: 'office', locker: 'parcel locker' };

export const END_OPTIONS = [
	{ name: 'Door (Courier)', value: 'door' },
	{ name: 'Office', value: 'office' },
	{ name: 'Parcel Locker', value: 'locker' },
];

export const modeEnds = (mode: unknown): [End, End] | undefined => MODE_ENDS[String(mode)];

/** "office → door" for delivery mode 3. */
export function describeMode(mode: unknown): string | undefined {
	const ends = modeEnds(mode);
	return ends ? `${END_WORDS[ends[0]]} → ${END_WORDS[ends[1]]}` : undefined;
}

/** Tariffs whose delivery mode starts in `sendFrom` and ends in `deliverTo` (empty = any). */
export function keepModes(rows: IDataObject[], sendFrom: End[], deliverTo: End[]): IDataObject[] {
	if (sendFrom.length === 0 && deliverTo.length === 0) return rows;
	return rows.filter((row) => {
		const ends = modeEnds(row.delivery_mode);
		if (!ends) return false;
		return (
			(sendFrom.length === 0 || sendFrom.includes(ends[0])) &&
			(deliverTo.length === 0 || deliverTo.includes(ends[1]))
		);
	});
}

export type TariffSort = 'none' | 'price' | 'period';

const number = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : Infinity;

/** Cheapest first, or fastest first (then cheapest); CDEK's order otherwise. */
export function sortTariffs(rows: IDataObject[], by: TariffSort): IDataObject[] {
	if (by === 'none') return rows;
	const price = (row: IDataObject) => number(row.delivery_sum);
	const keys: Array<(row: IDataObject) => number> =
		by === 'price'
			? [price, (row) => number(row.period_min)]
			: [(row) => number(row.period_min), (row) => number(row.period_max), price];
	return [...rows].sort((a, b) => {
		for (const key of keys) {
			const difference = key(a) - key(b);
			if (difference !== 0 && !Number.isNaN(difference)) return difference;
		}
		return 0;
	});
}
