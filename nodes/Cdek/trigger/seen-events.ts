import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { parseCdekDateTime } from '../helpers/date-time';
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
 * What makes one event one event, whatever delivery carries it: for ORDER_STATUS the order, the status and
 * when the order reached it; for other types the object, the event time and its attributes.
 */
export function eventKey(event: CdekEvent): string {
	const uuid = event.uuid.toLowerCase();
	if (event.type === 'ORDER_STATUS') {
		const { code, status_date_time: statusTime } = event.attributes;
		return digest(`ORDER_STATUS|${uuid}|${String(code)}|${instant(statusTime ?? event.date_time)}`);
	}
	return digest(`${event.type}|${uuid}|${instant(event.date_time)}|${canonical(event.attributes)}`);
}

/** The same, for a status CDEK confirmed: its own code and time, whatever the payload claimed. */
export function confirmedStatusKey(orderUuid: string, status: IDataObject): string {
	return digest(
		`ORDER_STATUS|${orderUuid.toLowerCase()}|${String(status.code)}|${instant(status.date_time)}`,
	);
}

/** Events being handled right now in this n8n process: a delivery arriving meanwhile starts nothing. */
const inFlight = new Set<string>();

/**
 * Events this n8n process started a run for, by trigger node. n8n reads static data when a webhook call
 * starts and writes it when the call ends, so two deliveries close together can both miss the other's
 * entry there; this process-wide memory closes that gap, static data covers restarts.
 */
const startedHere = new Map<string, number>();
const MAX_STARTED_HERE = 10_000;

/**
 * The events a trigger node already started the workflow for, kept in the workflow's static data: n8n
 * loads it for every webhook call and saves it after the call when it changed, so it survives between
 * deliveries and restarts. The list is replaced, never changed in place: n8n notices only assignments to
 * the node's static data object.
 */
export class SeenEvents {
	private constructor(
		private readonly data: IDataObject,
		private readonly scope: string,
	) {}

	static of(data: IDataObject, scope: string): SeenEvents {
		return new SeenEvents(data, scope);
	}

	private entries(now: number): Array<[key: string, time: number]> {
		const stored = Array.isArray(this.data.seenEvents) ? (this.data.seenEvents as unknown[]) : [];
		return stored
			.map((entry) => String(entry).split(' '))
			.map(([key, time]): [string, number] => [key, Number(time)])
			.filter(([key, time]) => key && now - time < SEEN_EVENTS_KEPT_MS);
	}

	has(key: string): boolean {
		const now = Date.now();
		const here = startedHere.get(`${this.scope}|${key}`);
		if (here !== undefined && now - here < SEEN_EVENTS_KEPT_MS) return true;
		return this.entries(now).some(([seen]) => seen === key);
	}

	/** Marks keys as being handled in this process until `release`; false when one already is. */
	claim(keys: string[]): boolean {
		const scoped = keys.map((key) => `${this.scope}|${key}`);
		if (scoped.some((key) => inFlight.has(key))) return false;
		for (const key of scoped) inFlight.add(key);
		return true;
	}

	release(keys: string[]): void {
		for (const key of keys) inFlight.delete(`${this.scope}|${key}`);
	}

	remember(keys: string[]): void {
		const now = Date.now();
		for (const key of keys) {
			startedHere.delete(`${this.scope}|${key}`);
			startedHere.set(`${this.scope}|${key}`, now);
		}
		for (const oldest of startedHere.keys()) {
			if (startedHere.size <= MAX_STARTED_HERE) break;
			startedHere.delete(oldest);
		}
		const kept = this.entries(now).filter(([key]) => !keys.includes(key));
		const next = [...kept, ...keys.map((key): [string, number] => [key, now])];
		this.data.seenEvents = next
			.slice(-MAX_SEEN_EVENTS)
			.map(([key, time]) => `${key} ${Math.round(time)}`);
	}
}
