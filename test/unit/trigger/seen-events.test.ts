import type { IDataObject } from 'n8n-workflow';
import { ObservableObject } from 'n8n-workflow';

import type { CdekEvent } from '../../../nodes/Cdek/trigger/payload';
import {
	MAX_SEEN_EVENTS,
	SEEN_EVENTS_KEPT_MS,
	SeenEvents,
	eventKey,
	statusKey,
} from '../../../nodes/Cdek/trigger/seen-events';

const UUID = '72753031-1820-4f99-9240-aab139f05ca5';
const status = (code: string | undefined, time: string, extra: IDataObject = {}): CdekEvent => ({
	type: 'ORDER_STATUS',
	date_time: time,
	uuid: UUID,
	attributes: { code, status_date_time: time, related_entities: [], ...extra },
});

/**
 * The workflow's database row as n8n 2.41.1 handles it for webhook calls: each call gets its own copy, loaded when
 * it starts, made observable as n8n's Workflow does (ObservableObject); after the call n8n writes the copy back
 * when the node changed it (`__dataChanged`), in the order the calls end.
 */
class StaticDataRow {
	row: IDataObject = {};

	load(): { root: IDataObject; node: IDataObject } {
		const root = ObservableObject.create(JSON.parse(JSON.stringify(this.row)) as IDataObject);
		if (root['node:CDEK Trigger'] === undefined)
			root['node:CDEK Trigger'] = ObservableObject.create({}, root as never);
		root.__dataChanged = false;
		return { root, node: root['node:CDEK Trigger'] as IDataObject };
	}

	saveIfChanged(copy: { root: IDataObject }): void {
		if (copy.root.__dataChanged === true)
			this.row = JSON.parse(JSON.stringify(copy.root)) as IDataObject;
	}

	keys(): string[] {
		const node = (this.row['node:CDEK Trigger'] ?? {}) as IDataObject;
		return ((node.seenEvents as string[] | undefined) ?? []).map((entry) => entry.split(' ')[0]);
	}
}

let scopes = 0;
const newScope = () => `wf${++scopes}|node`;

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

	it('is the same however CDEK spelled the status: a trailing space, lower case, the number only', () => {
		const key = eventKey(status('DELIVERED', '2026-11-22T07:44:45+0000'));
		expect(eventKey(status('DELIVERED ', '2026-11-22T07:44:45+0000'))).toBe(key);
		expect(eventKey(status('delivered', '2026-11-22T07:44:45+0000'))).toBe(key);
		expect(eventKey(status(undefined, '2026-11-22T07:44:45+0000', { status_code: 4 }))).toBe(key);
		expect(eventKey(status(undefined, '2026-11-22T07:44:45+0000', { status_code: '4' }))).toBe(key);
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

	it("matches a status of CDEK's record with the event that reported it at that time", () => {
		expect(statusKey(UUID, 'DELIVERED', '2026-11-22T14:44:45+0700')).toBe(
			eventKey(status('DELIVERED', '2026-11-22T07:44:45Z')),
		);
	});
});

describe('SeenEvents: every event once, in the static data n8n saves', () => {
	afterEach(() => jest.restoreAllMocks());

	it('300 calls at once, each with its own copy, leave every key in the row n8n saved last', () => {
		const db = new StaticDataRow();
		const scope = newScope();
		const calls = Array.from({ length: 300 }, (_, n) => {
			const copy = db.load();
			return { copy, seen: SeenEvents.enter(copy.node, scope), key: `key${n}` };
		});
		for (const call of calls) call.seen.remember(call.key);
		// They end in any order; n8n saves each copy that changed right after its call.
		const order = [...calls.keys()].sort((a, b) => ((a * 7919) % 300) - ((b * 7919) % 300));
		for (const index of order) {
			calls[index].seen.leave();
			db.saveIfChanged(calls[index].copy);
		}
		expect(new Set(db.keys())).toEqual(new Set(calls.map((call) => call.key)));
		expect(db.keys()).toHaveLength(300); // each event stored once
	});

	it('overlapping bursts keep every key, and a restarted process knows them from the row', () => {
		const db = new StaticDataRow();
		const scope = newScope();
		const first = db.load();
		const a = SeenEvents.enter(first.node, scope);
		a.remember('a');
		const second = db.load();
		const b = SeenEvents.enter(second.node, scope);
		b.remember('b');
		a.leave();
		db.saveIfChanged(first); // not the last call: writes nothing
		const third = db.load();
		const c = SeenEvents.enter(third.node, scope);
		b.leave();
		db.saveIfChanged(second); // the last call of the burst: a and b
		c.remember('c');
		c.leave();
		db.saveIfChanged(third);
		expect(db.keys().sort()).toEqual(['a', 'b', 'c']);
		const restarted = SeenEvents.enter(db.load().node, newScope());
		expect(['a', 'b', 'c', 'd'].map((key) => restarted.has(key))).toEqual([
			true,
			true,
			true,
			false,
		]);
		restarted.leave();
	});

	it('a call that changed nothing writes nothing, unless it ends a burst that did', () => {
		const db = new StaticDataRow();
		const scope = newScope();
		const quiet = db.load();
		SeenEvents.enter(quiet.node, scope).leave();
		expect(quiet.root.__dataChanged).toBe(false);
		const busy = db.load();
		const last = db.load();
		const remembering = SeenEvents.enter(busy.node, scope);
		const reading = SeenEvents.enter(last.node, scope);
		remembering.remember('k');
		remembering.leave();
		expect(busy.root.__dataChanged).toBe(false);
		reading.leave();
		expect(last.root.__dataChanged).toBe(true);
	});

	it(`keeps at most ${MAX_SEEN_EVENTS} events, dropping the oldest`, () => {
		const data: IDataObject = {};
		const seen = SeenEvents.enter(data, newScope());
		let now = Date.UTC(2026, 10, 22);
		jest.spyOn(Date, 'now').mockImplementation(() => now);
		for (let n = 0; n < MAX_SEEN_EVENTS + 10; n++) {
			now += 1;
			seen.remember(`key${n}`);
		}
		seen.leave();
		const stored = (data.seenEvents as string[]).map((entry) => entry.split(' ')[0]);
		expect(stored).toHaveLength(MAX_SEEN_EVENTS);
		expect(stored[0]).toBe('key10');
		expect(stored.at(-1)).toBe(`key${MAX_SEEN_EVENTS + 9}`);
		expect(JSON.stringify(data).length).toBeLessThan(64 * 1024);
		const restarted = SeenEvents.enter(data, newScope());
		expect(restarted.has('key10')).toBe(true);
		expect(restarted.has('key9')).toBe(false);
		restarted.leave();
	});

	it('forgets events older than a day', () => {
		const data: IDataObject = {};
		const scope = newScope();
		const start = Date.UTC(2026, 10, 22);
		jest.spyOn(Date, 'now').mockReturnValue(start);
		const seen = SeenEvents.enter(data, scope);
		seen.remember('old');
		jest.spyOn(Date, 'now').mockReturnValue(start + SEEN_EVENTS_KEPT_MS - 1);
		expect(seen.has('old')).toBe(true);
		seen.remember('new');
		jest.spyOn(Date, 'now').mockReturnValue(start + SEEN_EVENTS_KEPT_MS);
		expect(seen.has('old')).toBe(false);
		seen.remember('newer');
		seen.leave();
		expect((data.seenEvents as string[]).map((entry) => entry.split(' ')[0])).toEqual([
			'new',
			'newer',
		]);
	});

	it('lets one call handle an event at a time in this process, per trigger node', () => {
		const scope = newScope();
		const one = SeenEvents.enter({}, scope);
		const two = SeenEvents.enter({}, scope);
		const other = SeenEvents.enter({}, newScope());
		expect(one.claim('k')).toBe(true);
		expect(two.claim('k')).toBe(false);
		expect(other.claim('k')).toBe(true);
		one.leave();
		expect(two.claim('k')).toBe(true);
		two.leave();
		other.leave();
	});
});
