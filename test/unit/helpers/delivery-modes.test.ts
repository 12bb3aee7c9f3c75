import type { IDataObject } from 'n8n-workflow';

import { describeMode, keepModes, sortTariffs } from '../../../nodes/Cdek/helpers/delivery-modes';

const row = (code: number, mode: number, sum: number, min: number, max = min + 1): IDataObject => ({
	tariff_code: code,
	delivery_mode: mode,
	delivery_sum: sum,
	period_min: min,
	period_max: max,
});
const rows = [
	row(139, 1, 861, 5),
	row(136, 4, 621, 5),
	row(234, 4, 449, 8, 10),
	row(483, 4, 932, 3),
	row(368, 7, 601, 5),
];
const codes = (list: IDataObject[]) => list.map((entry) => entry.tariff_code);

describe('delivery modes', () => {
	it("describes CDEK's modes in words and knows there is no mode 5", () => {
		expect(describeMode(3)).toBe('office → door');
		expect(describeMode('10')).toBe('parcel locker → parcel locker');
		expect(describeMode(5)).toBeUndefined();
	});

	it('keeps tariffs by where they start and end; empty means any', () => {
		expect(codes(keepModes(rows, ['office'], []))).toEqual([136, 234, 483, 368]);
		expect(codes(keepModes(rows, ['office'], ['door', 'office']))).toEqual([136, 234, 483]);
		expect(codes(keepModes(rows, [], ['locker']))).toEqual([368]);
		expect(keepModes(rows, [], [])).toBe(rows);
		expect(keepModes([{ tariff_code: 1, delivery_mode: 5 }], ['door'], [])).toEqual([]);
	});

	it('sorts cheapest first or fastest first, stable for ties, without changing the input', () => {
		expect(codes(sortTariffs(rows, 'price'))).toEqual([234, 368, 136, 139, 483]);
		expect(codes(sortTariffs(rows, 'period'))).toEqual([483, 368, 136, 139, 234]);
		expect(codes(sortTariffs(rows, 'none'))).toEqual([139, 136, 234, 483, 368]);
		expect(codes(rows)).toEqual([139, 136, 234, 483, 368]);
	});
});
