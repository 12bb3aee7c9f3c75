/**
 * Builds orders that already exist in a given status, with a plausible history: used by the seeds and by the
 * control API (single orders and bulk orders for benchmarks).
 */
import type { CityKey } from '../common/fixtures';
import { randomUuid, stableUuid } from '../common/ids';
import {
	buildRecord,
	makeStatus,
	markDelivered,
	type OrderRecord,
	type OrderSpec,
} from './order-record';
import type { OrderStore } from './order-store';
import { REASON_PARTIAL_DELIVERY, historyFor, isKnownStatus } from './statuses';
import { cdekDateTime } from '../common/time';
import type { CreateOrderOptions, OrderRequest, RequestType } from '../common/types';

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** ACCEPTED → CREATED takes seconds (measured 4 s, docs/reference/cdek-api.md §5); later steps take hours. */
export function historyTimes(count: number, startMs: number): number[] {
	const times: number[] = [];
	let t = startMs;
	for (let i = 0; i < count; i++) {
		times.push(t);
		t += i === 0 ? 4 * SECOND : 5 * HOUR + (i % 4) * 23 * 60 * SECOND;
	}
	return times;
}

/** Fills statuses (newest first) from codes given oldest first; the reason code goes on the newest status. */
export function applyHistory(
	record: OrderRecord,
	codes: string[],
	times: number[],
	reasonCode?: string,
): void {
	record.statuses = codes
		.map((code, i) =>
			makeStatus(record, code, new Date(times[i]), i === codes.length - 1 ? reasonCode : undefined),
		)
		.reverse();
	if (codes[codes.length - 1] === 'DELIVERED') {
		const items = record.data.packages.flatMap((p) => p.items ?? []);
		const partial = reasonCode === REASON_PARTIAL_DELIVERY;
		markDelivered(
			record,
			partial ? items.map((item, i) => (i === items.length - 1 ? 0 : item.amount)) : undefined,
		);
	}
}

export function settledRequest(
	type: RequestType,
	timeMs: number,
	requestUuid: string,
	errors?: OrderRequest['errors'],
): OrderRequest {
	return {
		request_uuid: requestUuid,
		type,
		date_time: cdekDateTime(new Date(timeMs)),
		state: errors ? 'INVALID' : 'SUCCESSFUL',
		...(errors ? { errors } : {}),
	};
}

const ROUTES: Array<{ from: CityKey; to: CityKey; tariffCode: number }> = [
	{ from: 'moscow', to: 'novosibirsk', tariffCode: 136 },
	{ from: 'moscow', to: 'spb', tariffCode: 137 },
	{ from: 'moscow', to: 'kazan', tariffCode: 136 },
	{ from: 'spb', to: 'ekaterinburg', tariffCode: 139 },
	{ from: 'moscow', to: 'krasnodar', tariffCode: 136 },
];

/** An order created "now" in the given status (control API / bulk). Its history ends at the current time. */
export function generateOrder(
	store: OrderStore,
	opts: CreateOrderOptions & { numberPrefix?: string },
): OrderRecord {
	const status = opts.status ?? 'CREATED';
	if (!isKnownStatus(status)) throw new Error(`Unknown CDEK status code: ${status}`);
	const seq = store.nextSeq();
	const route = ROUTES[seq % ROUTES.length];
	const partial = status === 'DELIVERED' && opts.reasonCode === REASON_PARTIAL_DELIVERY;
	const spec: OrderSpec = {
		uuid: randomUuid(),
		number: opts.number ?? `${opts.numberPrefix ?? 'SBX-'}${seq}`,
		cdekNumber: status === 'INVALID' ? undefined : store.allocateCdekNumber(),
		type: opts.type ?? 1,
		tariffCode: opts.tariffCode ?? route.tariffCode,
		from: route.from,
		to: route.to,
		recipientIndex: seq,
		items: partial
			? [
					{ goods: seq, amount: 1 },
					{ goods: seq + 1, amount: 1 },
				]
			: [{ goods: seq, amount: 1 + (seq % 2) }],
		prepaid: seq % 3 !== 0,
	};
	const record = buildRecord(spec, seq);
	const lastMile = record.data.delivery_point ? 'ACCEPTED_AT_PICK_UP_POINT' : 'TAKEN_BY_COURIER';
	const codes = historyFor(status, lastMile);
	const now = Date.now();
	const times = historyTimes(codes.length, 0).map((t, _i, all) => now - (all[all.length - 1] - t));
	applyHistory(record, codes, times, opts.reasonCode);
	const errors =
		status === 'INVALID'
			? [
					{
						code: 'error_validate_receiver_delivery_point_is_empty',
						message: 'Не задан офис получателя',
					},
				]
			: undefined;
	record.requests = [
		settledRequest(
			'CREATE',
			times[0] + SECOND,
			stableUuid(`request:${record.uuid}:CREATE`),
			errors,
		),
	];
	store.add(record);
	return record;
}
