import { newestStatus, parseCdekDateTime } from '../../../nodes/Cdek/helpers/date-time';
import { OrderView } from '../../../nodes/Cdek/helpers/order-state';

const instant = Date.UTC(2026, 10, 22, 7, 44, 45);

describe('parseCdekDateTime', () => {
	it.each([
		['2026-11-22T07:44:45+0000', instant],
		['2026-11-22T10:44:45+0300', instant],
		['2026-11-22T10:44:45+03:00', instant],
		['2026-11-22T07:44:45+00:00', instant],
		['2026-11-22T14:44:45+0700', instant],
		['2026-11-22T02:14:45-0530', instant],
		['2026-11-22T07:44:45Z', instant],
		['2026-11-22T07:44:45.123Z', instant + 123],
		['2026-11-22T07:44:45.123456+00:00', instant + 123],
		['2026-11-22T07:44:45', instant],
		['2026-11-22T10:44:45+03', instant],
	])('reads %s, every offset style of docs/reference/cdek-api.md §9', (text, expected) => {
		expect(parseCdekDateTime(text)).toBe(expected);
	});

	it.each([
		'',
		'yesterday',
		'2026-13-01T00:00:00Z',
		'2026-04-31T00:00:00Z',
		'2026-11-22T24:00:00Z',
		'2026-11-22T07:44:45+2500',
		'2026-11-22',
	])('refuses %p', (text) => {
		expect(parseCdekDateTime(text)).toBeUndefined();
	});

	it('refuses what is not text', () => {
		for (const value of [null, undefined, 1732261485000, {}, []])
			expect(parseCdekDateTime(value)).toBeUndefined();
	});
});

describe('the current status is the newest by date_time, not the first listed', () => {
	// Offsets chosen so that comparing the texts would pick the wrong one: DELIVERED is the newest instant.
	const history = [
		{ code: 'CREATED', date_time: '2026-11-20T23:00:00+0000' },
		{ code: 'DELIVERED', date_time: '2026-11-21T09:00:00+07:00' }, // 02:00 UTC on the 21st
		{ code: 'ACCEPTED_AT_PICK_UP_POINT', date_time: '2026-11-21T03:30:00+0300' }, // 00:30 UTC
		{ code: 'ACCEPTED', date_time: '2026-11-20T22:59:59.500Z' },
	];

	it.each([
		['as listed above', history],
		['sorted by name', [...history].sort((a, b) => a.code.localeCompare(b.code))],
		['reversed', [...history].reverse()],
	])('%s', (_, statuses) => {
		expect(newestStatus(statuses)?.code).toBe('DELIVERED');
		const order = new OrderView({
			entity: {
				statuses: statuses.map((s) => ({
					...s,
					reason_code: s.code === 'DELIVERED' ? '20' : undefined,
				})),
			},
		});
		expect(order.status).toBe('DELIVERED');
		expect(order.statusReason).toBe('20');
	});

	it("keeps CDEK's order for equal or unreadable times", () => {
		expect(
			newestStatus([
				{ code: 'A', date_time: '2026-11-21T00:00:00Z' },
				{ code: 'B', date_time: '2026-11-21T03:00:00+0300' },
			])?.code,
		).toBe('A');
		expect(newestStatus([{ code: 'A' }, { code: 'B', date_time: 'soon' }])?.code).toBe('A');
		expect(
			newestStatus([
				{ code: 'A', date_time: 'soon' },
				{ code: 'B', date_time: '2020-01-01T00:00:00Z' },
			])?.code,
		).toBe('B');
	});

	it('has no current status without statuses', () => {
		expect(newestStatus(undefined)).toBeUndefined();
		expect(newestStatus([null, 'x'])).toBeUndefined();
		expect(new OrderView({ entity: {} }).status).toBeUndefined();
	});
});
