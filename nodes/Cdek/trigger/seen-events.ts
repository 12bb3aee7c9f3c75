import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { parseCdekDateTime } from '../helpers/date-time';
import { statusCodeOf } from '../helpers/status-code';
import type { CdekEvent } from './payload';

/**
 * CDEK re-delivers an event it got no answer to within 15 s, up to 12 times in 75 minutes
 * (docs/reference/cdek-api.md §8). A day of events covers that with room; the count bound keeps the
 * workflow's static data small (about 30 bytes an event) whatever arrives.
 */
export const SEEN_EVENTS_KEPT_MS = 24 * 60 * 60 * 1000;
export const MAX_SEEN_EVENTS = 2000;

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/** A time as epoch milliseconds when readable, so one instant written in two offset styles is one key. */
const instant = (value: unknown) => String(parseCdekDateTime(value) ?? value);

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value as IDataObject).sort(([a], [b]) => (a < b ? -1 : 1));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * What makes one event one event, whatever delivery carries it: for ORDER_STATUS the order, the status (however
 * CDEK spelled it) and when the order reached it; for other types the object, the event time and its attributes.
 */
export function eventKey(event: CdekEvent): string {
	const uuid = event.uuid.toLowerCase();
	if (event.type === 'ORDER_STATUS') {
		const code = statusCodeOf(event.attributes) ?? '';
		const time = event.attributes.status_date_time ?? event.date_time;
		return statusKey(uuid, code, time);
	}
	return digest(`${event.type}|${uuid}|${instant(event.date_time)}|${canonical(event.attributes)}`);
}

/** The key of an order's status as CDEK's own record has it: its code and the moment the order reached it. */
export function statusKey(orderUuid: string, code: string, time: unknown): string {
	return digest(`ORDER_STATUS|${orderUuid.toLowerCase()}|${code}|${instant(time)}`);
}

/**
 * What this n8n process knows of one trigger node's events. n8n gives every webhook call its own copy of the
 * workflow's static data, read from the database when the call starts, and writes that copy back after the call
 * when the node changed it: two calls at once would each write their own copy, and the later write would drop
 * the other's events. So the process keeps every key it has seen or loaded, and only the call that leaves when
 * no other call of the node is in flight writes them, all of them, into its copy: the last write of a burst holds
 * every event of the burst (and of the database rows the calls loaded).
 */
interface NodeMemory {
	seen: Map<string, number>;
	/** Keys being handled now: a delivery arriving meanwhile starts nothing. */
	handling: Set<string>;
	callsInFlight: number;
	/** Keys this process holds that no call has written into static data yet. */
	unsaved: boolean;
}

const memories = new Map<string, NodeMemory>();

function memoryOf(scope: string): NodeMemory {
	let memory = memories.get(scope);
	if (!memory) {
		memory = { seen: new Map(), handling: new Set(), callsInFlight: 0, unsaved: false };
		memories.set(scope, memory);
	}
	return memory;
}

function stored(data: IDataObject): Array<[key: string, time: number]> {
	const entries = Array.isArray(data.seenEvents) ? (data.seenEvents as unknown[]) : [];
	return entries
		.map((entry) => String(entry).split(' '))
		.map(([key, time]): [string, number] => [key, Number(time)])
		.filter(([key, time]) => key && Number.isFinite(time));
}

/**
 * The events a trigger node already started the workflow for, for one webhook call: `enter` when the call
 * starts, `leave` (always, in a finally) when it ends. Static data is replaced, never changed in place: n8n
 * notices only assignments to the node's static data object.
 */
export class SeenEvents {
	private readonly claimed = new Set<string>();
	private left = false;

	private constructor(
		private readonly data: IDataObject,
		private readonly memory: NodeMemory,
	) {}

	/** `scope` names the trigger node: the workflow's id and the node's id. */
	static enter(data: IDataObject, scope: string): SeenEvents {
		const memory = memoryOf(scope);
		memory.callsInFlight++;
		const now = Date.now();
		for (const [key, time] of stored(data)) {
			if (now - time >= SEEN_EVENTS_KEPT_MS) continue;
			const known = memory.seen.get(key);
			if (known === undefined || known < time) memory.seen.set(key, time);
		}
		return new SeenEvents(data, memory);
	}

	has(key: string): boolean {
		const time = this.memory.seen.get(key);
		return time !== undefined && Date.now() - time < SEEN_EVENTS_KEPT_MS;
	}

	/** Marks a key as being handled by this call until it leaves; false when another call handles it. */
	claim(key: string): boolean {
		if (this.claimed.has(key)) return true;
		if (this.memory.handling.has(key)) return false;
		this.memory.handling.add(key);
		this.claimed.add(key);
		return true;
	}

	/** One key per event: the run it started is remembered under it. */
	remember(key: string): void {
		this.memory.seen.delete(key);
		this.memory.seen.set(key, Date.now());
		this.memory.unsaved = true;
		this.prune();
	}

	/** Ends the call: the last call in flight writes every key the process holds into its copy of static data. */
	leave(): void {
		if (this.left) return;
		this.left = true;
		for (const key of this.claimed) this.memory.handling.delete(key);
		this.memory.callsInFlight--;
		if (this.memory.callsInFlight > 0 || !this.memory.unsaved) return;
		this.memory.unsaved = false;
		this.data.seenEvents = [...this.memory.seen]
			.sort(([, a], [, b]) => a - b)
			.slice(-MAX_SEEN_EVENTS)
			.map(([key, time]) => `${key} ${Math.round(time)}`);
	}

	private prune(): void {
		const now = Date.now();
		for (const [key, time] of this.memory.seen) {
			if (this.memory.seen.size <= MAX_SEEN_EVENTS && now - time < SEEN_EVENTS_KEPT_MS) break;
			this.memory.seen.delete(key);
		}
	}
}
