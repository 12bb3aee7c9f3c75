/**
 * Requests CDEK accepts at once (202, state ACCEPTED) and decides later (docs/reference/cdek-api.md §7): each
 * settles after settleDelayMs, or all at once on settleAll() (oldest first). Orders and courier pickups each keep
 * one such queue.
 */
import { randomUuid } from './ids';
import type { Scheduler } from './scheduler';
import { cdekDateTime } from './time';
import type { ApiError, ApiWarning, OrderRequest, RequestType } from './types';

interface Entry {
	settle: () => void;
	timer?: NodeJS.Timeout;
}

export class PendingRequests {
	private readonly entries = new Map<string, Entry>();

	constructor(
		private readonly scheduler: Scheduler,
		private readonly delayMs: () => number,
	) {}

	/** A new ACCEPTED request; `settle` runs once, when it is due (and records the outcome with `decide`). */
	add(type: RequestType, settle: (request: OrderRequest) => void): OrderRequest {
		const request: OrderRequest = {
			request_uuid: randomUuid(),
			type,
			date_time: cdekDateTime(),
			state: 'ACCEPTED',
		};
		const entry: Entry = { settle: () => settle(request) };
		this.entries.set(request.request_uuid, entry);
		const delay = this.delayMs();
		if (delay >= 0)
			entry.timer = this.scheduler.after(delay, () => this.settle(request.request_uuid));
		return request;
	}

	/** Settles every request pending now, oldest first; returns how many. */
	settleAll(): number {
		const ids = [...this.entries.keys()];
		for (const id of ids) this.settle(id);
		return ids.length;
	}

	/** Forgets every pending request (reset, stop). */
	drop(): void {
		for (const entry of this.entries.values()) this.scheduler.cancel(entry.timer);
		this.entries.clear();
	}

	private settle(id: string): void {
		const entry = this.entries.get(id);
		if (!entry) return;
		this.entries.delete(id);
		this.scheduler.cancel(entry.timer);
		entry.settle();
	}
}

/** Records CDEK's decision on a request: SUCCESSFUL (with warnings) or INVALID with its errors. */
export function decide(
	request: OrderRequest,
	errors: ApiError[],
	warnings: ApiWarning[] = [],
): void {
	request.date_time = cdekDateTime();
	request.state = errors.length ? 'INVALID' : 'SUCCESSFUL';
	if (errors.length) request.errors = errors;
	else if (warnings.length) request.warnings = warnings;
}
