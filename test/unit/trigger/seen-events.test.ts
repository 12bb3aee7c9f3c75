import type { IDataObject } from 'n8n-workflow';

import type { CdekEvent } from '../../../nodes/Cdek/trigger/payload';
import {
	MAX_SEEN_EVENTS,
	SEEN_EVENTS_KEPT_MS,
	SeenEvents,
	confirmedStatusKey,
	eventKey,
} from '../../../nodes/Cdek/trigger/seen-events';

const UUID = '72753031-1820-4f99-9240-aab139f05ca5';
const status = (code: string, time: string): CdekEvent => ({
	type: 'ORDER_STATUS',
	date_time: time,
	uuid: UUID,
	attributes: { code, status_date_time: time, related_entities: [] },
});

describe('eventKey: what makes one CDEK event one event', () => {
	it('is the same for one status change delivered again, in any offset style or upper-case uuid', () => {
		const key = eventKey(status('DELIVERED', '2026-11-22T07:44:45+0000'));
		expect(eventKey(status('DELIVERED', '2026-11-22T10:44:45+03:00'))).toBe(key);
		expect(
			eventKey({ ...status('DELIVERED', '2026-11-22T07:44:45Z'), uuid: UUID.toUpperCase() }),
		).toBe(key);
		const relinked = status('DELIVERED', '2026-11-22T07:44:45+0000');
		relinked.attributes.related_entities = [{ type: 'client_return_order', uuid: UUID }];
		expect(eventKey(relinked)).toBe(key);
	});

	it('differs for another status, time or order', () => {
		const key = eventKey(status('DELIVERED', '2026-11-22T07:44:45+0000'));
		expect(eventKey(status('NOT_DELIVERED', '2026-11-22T07:44:45+0000'))).not.toBe(key);
		expect(eventKey(status('DELIVERED', '2026-11-22T07:44:46+0000'))).not.toBe(key);
		expect(
			eventKey({
				...status('DELIVERED', '2026-11-22T07:44:45+0000'),
				uuid: UUID.replace('7', '8'),
			}),
		).not.toBe(key);
	});

	it('for other types, is the object, the time and the attributes in any key order', () => {
		const form = (attributes: IDataObject): CdekEvent => ({
			type: 'PRINT_FORM',
			date_time: '2026-11-22T07:44:45+0000',
			uuid: UUID,
			attributes,
		});
		expect(eventKey(form({ type: 'WAYBILL', url: 'u' }))).toBe(
			eventKey(form({ url: 'u', type: 'WAYBILL' })),
		);
		expect(eventKey(form({ type: 'WAYBILL', url: 'u' }))).not.toBe(
			eventKey(form({ type: 'BARCODE', url: 'u' })),
		);
	});

	it('matches a confirmed status with the event that reported it at that time', () => {
		expect(
			confirmedStatusKey(UUID, { code: 'DELIVERED', date_time: '2026-11-22T14:44:45+0700' }),
		).toBe(eventKey(status('DELIVERED', '2026-11-22T07:44:45Z')));
	});
});

describe('SeenEvents: bounded, in the static data n8n saves', () => {
	afterEach(() => jest.restoreAllMocks());

	it(`keeps at most ${MAX_SEEN_EVENTS} events, dropping the oldest`, () => {
		const data: IDataObject = {};
		const seen = SeenEvents.of(data, 'wf|bounded');
		for (let n = 0; n < MAX_SEEN_EVENTS + 10; n++) seen.remember([`key${n}`]);
		const stored = (data.seenEvents as string[]).map((entry) => entry.split(' ')[0]);
		expect(stored).toHaveLength(MAX_SEEN_EVENTS);
		expect(stored[0]).toBe('key10');
		expect(stored.at(-1)).toBe(`key${MAX_SEEN_EVENTS + 9}`);
		expect(JSON.stringify(data).length).toBeLessThan(64 * 1024);
		// Another process (or n8n after a restart) knows only what static data kept.
		expect(SeenEvents.of(data, 'wf|restarted').has('key10')).toBe(true);
		expect(SeenEvents.of(data, 'wf|restarted').has('key9')).toBe(false);
	});

	it('forgets events older than a day', () => {
		const data: IDataObject = {};
		const seen = SeenEvents.of(data, 'wf|aging');
		const start = Date.UTC(2026, 10, 22);
		jest.spyOn(Date, 'now').mockReturnValue(start);
		seen.remember(['old']);
		jest.spyOn(Date, 'now').mockReturnValue(start + SEEN_EVENTS_KEPT_MS - 1);
		expect(seen.has('old')).toBe(true);
		seen.remember(['new']);
		jest.spyOn(Date, 'now').mockReturnValue(start + SEEN_EVENTS_KEPT_MS);
		expect(seen.has('old')).toBe(false);
		seen.remember(['newer']);
		expect((data.seenEvents as string[]).map((entry) => entry.split(' ')[0])).toEqual([
			'new',
			'newer',
		]);
	});

	it('lets one delivery of an event be handled at a time in this process, per trigger node', () => {
		const one = SeenEvents.of({}, 'wf|node1');
		const other = SeenEvents.of({}, 'wf|node2');
		expect(one.claim(['k'])).toBe(true);
		expect(one.claim(['k'])).toBe(false);
		expect(other.claim(['k'])).toBe(true);
		one.release(['k']);
		other.release(['k']);
		expect(one.claim(['k'])).toBe(true);
		one.release(['k']);
	});

	it('remembers in this process what static data has not saved yet', () => {
		const saved: IDataObject = {};
		SeenEvents.of({}, 'wf|racing').remember(['k']);
		expect(SeenEvents.of(saved, 'wf|racing').has('k')).toBe(true);
		expect(SeenEvents.of(saved, 'wf|other').has('k')).toBe(false);
	});

	it('replaces the list instead of changing it, so n8n notices the change', () => {
		const data: IDataObject = {};
		const seen = SeenEvents.of(data, 'wf|node');
		seen.remember(['a']);
		const first = data.seenEvents;
		seen.remember(['b']);
		expect(data.seenEvents).not.toBe(first);
		expect(first).toHaveLength(1);
	});
});
