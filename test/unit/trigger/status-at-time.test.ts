import { statusAtEventTime } from '../../../nodes/Cdek/trigger/status-at-time';

/** An order's history as CDEK lists it: newest first (docs/reference/cdek-api.md §5). */
const history = [
	{ code: 'DELIVERED', date_time: '2026-11-20T12:00:00+0000' },
	{ code: 'ACCEPTED_AT_PICK_UP_POINT', date_time: '2026-11-19T09:00:00+0700' },
	{ code: 'RECEIVED_AT_SHIPMENT_WAREHOUSE ', date_time: '2026-11-10T08:00:00+0000' },
	{ code: 'CREATED', date_time: '2026-11-09T08:00:00+0000' },
];
const at = (time: string) => Date.parse(time);

describe('statusAtEventTime: the status the order was in at the event’s time', () => {
	it('confirms the status current at that instant, in any offset style and spelling', () => {
		expect(
			statusAtEventTime(history, 'RECEIVED_AT_SHIPMENT_WAREHOUSE', at('2026-11-10T08:00:00Z')),
		).toBe(history[2]);
		expect(
			statusAtEventTime(history, 'ACCEPTED_AT_PICK_UP_POINT', at('2026-11-19T02:00:00Z')),
		).toBe(history[1]);
		// Later, while the order still was there.
		expect(statusAtEventTime(history, 'DELIVERED', at('2026-12-01T00:00:00Z'))).toBe(history[0]);
	});

	it('refuses a status the order had at another time: a replay with an invented time', () => {
		expect(
			statusAtEventTime(history, 'RECEIVED_AT_SHIPMENT_WAREHOUSE', at('2026-12-01T00:00:00Z')),
		).toBeUndefined();
		expect(statusAtEventTime(history, 'DELIVERED', at('2026-11-15T00:00:00Z'))).toBeUndefined();
		expect(statusAtEventTime(history, 'CREATED', at('2026-11-01T00:00:00Z'))).toBeUndefined();
	});

	it("accepts CDEK's other name for the same status", () => {
		const office = [{ code: 'MET_AT_RECIPIENT_OFFICE', date_time: '2026-11-19T09:00:00+0000' }];
		expect(
			statusAtEventTime(office, 'ACCEPTED_IN_RECIPIENT_CITY', at('2026-11-19T09:00:00Z')),
		).toBe(office[0]);
	});

	it('where no time can be matched, only the newest status confirms', () => {
		expect(statusAtEventTime(history, 'DELIVERED', undefined)).toBe(history[0]);
		expect(statusAtEventTime(history, 'CREATED', undefined)).toBeUndefined();
		const untimed = [{ code: 'DELIVERED' }, { code: 'CREATED' }];
		expect(statusAtEventTime(untimed, 'DELIVERED', at('2026-11-19T09:00:00Z'))).toBe(untimed[0]);
	});

	it('among duplicates of one instant, finds the event’s status', () => {
		const twins = [
			{ code: 'NOT_DELIVERED', date_time: '2026-11-19T09:00:00+0000' },
			{ code: 'ACCEPTED_AT_PICK_UP_POINT', date_time: '2026-11-19T09:00:00+0000' },
		];
		expect(statusAtEventTime(twins, 'NOT_DELIVERED', at('2026-11-19T09:00:00Z'))).toBe(twins[0]);
	});
});
