import { NodeOperationError } from 'n8n-workflow';

import {
	addDays,
	calendarDate,
	pickupSchedule,
	timeOfDay,
	todayIn,
} from '../../../nodes/Cdek/helpers/pickup-time';
import { failure, node } from '../support';

const today = '2026-05-13';
const schedule = (change: { date?: unknown; timeFrom?: unknown; timeTo?: unknown }) =>
	pickupSchedule({
		node,
		itemIndex: 2,
		date: '2026-05-14',
		timeFrom: '10:00',
		timeTo: '18:00',
		today,
		timeZone: 'Europe/Moscow',
		...change,
	});

describe('pickupSchedule', () => {
	it('accepts a window inside 09:00–22:00 from today to 31 days ahead, padding single-digit hours', () => {
		expect(schedule({ timeFrom: '9:00', timeTo: '22:00' })).toEqual({
			date: '2026-05-14',
			timeFrom: '09:00',
			timeTo: '22:00',
		});
		expect(schedule({ date: today }).date).toBe(today);
		expect(schedule({ date: '2026-06-13' }).date).toBe('2026-06-13');
	});

	it('takes the date part of an ISO date-time (a date picker or $now.plus(…))', () => {
		expect(schedule({ date: '2026-05-14T00:00:00.000+03:00' }).date).toBe('2026-05-14');
		expect(schedule({ date: '2026-05-14T09:30:00' }).date).toBe('2026-05-14');
	});

	it.each([
		[
			'a date that does not exist',
			{ date: '2026-02-30' },
			/^Pickup Date must be a date that exists, written YYYY-MM-DD/,
		],
		['a date in another format', { date: '14.05.2026' }, /^Pickup Date must be a date that exists/],
		['no date', { date: '' }, /^Pickup Date must be a date that exists.*got an empty value/],
		[
			'a past date',
			{ date: '2026-05-12' },
			/^Pickup Date must be a date from today \(2026-05-13 in Europe\/Moscow\) to 31 days ahead \(2026-06-13\)/,
		],
		[
			'more than 31 days ahead',
			{ date: '2026-06-14' },
			/to 31 days ahead \(2026-06-13\).*got "2026-06-14"/,
		],
		[
			'a start before 09:00',
			{ timeFrom: '08:59' },
			/^Time From must be a time HH:mm from 09:00 to 22:00/,
		],
		[
			'an end after 22:00',
			{ timeTo: '22:30' },
			/^Time To must be a time HH:mm from 09:00 to 22:00/,
		],
		['a time that does not exist', { timeTo: '24:00' }, /^Time To must be a time HH:mm/],
		[
			'an end before the start',
			{ timeFrom: '15:00', timeTo: '12:00' },
			/^Time To must be later than Time From \(15:00\), got "12:00"/,
		],
		[
			'an empty window',
			{ timeFrom: '12:00', timeTo: '12:00' },
			/^Time To must be later than Time From/,
		],
	])('refuses %s, naming the field and the item', (_label, change, message) => {
		const error = failure(() => schedule(change));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/\[item 3\]$/);
	});

	it('adds a hint, not an error, for a window under 3 hours', () => {
		expect(schedule({ timeFrom: '10:00', timeTo: '12:30' }).hint).toBe(
			'The pickup window 10:00–12:30 is 2 h 30 min; CDEK advises at least 3 hours, so that a courier can fit it in.',
		);
		expect(schedule({ timeFrom: '10:00', timeTo: '13:00' }).hint).toBeUndefined();
	});
});

describe('dates', () => {
	it('computes today in a time zone and adds days across months', () => {
		const instant = new Date('2026-05-13T22:30:00Z');
		expect(todayIn('Europe/Moscow', instant)).toBe('2026-05-14');
		expect(todayIn('America/New_York', instant)).toBe('2026-05-13');
		expect(addDays('2026-05-13', 31)).toBe('2026-06-13');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
	});

	it('reads only real dates and times of day', () => {
		expect(calendarDate('2028-02-29')).toBe('2028-02-29');
		expect(calendarDate('2026-02-29')).toBeUndefined();
		expect(calendarDate(20260514)).toBeUndefined();
		expect(timeOfDay(' 7:05 ')).toBe('07:05');
		expect(timeOfDay('7.05')).toBeUndefined();
		expect(timeOfDay('10:60')).toBeUndefined();
	});
});
