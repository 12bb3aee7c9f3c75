/** Counters that tests and benchmarks assert on (how many times something was registered/applied). */
import type { Counters, OperationCount } from './types';

export type OperationKind =
	| 'refusals'
	| 'clientReturns'
	| 'creates'
	| 'deletes'
	| 'intakes'
	| 'intakeDeletes';

export function emptyCounters(): Counters {
	return {
		tokenRequests: 0,
		tokensIssued: 0,
		requestsByRoute: {},
		refusals: {},
		clientReturns: {},
		creates: {},
		deletes: {},
		intakes: {},
		intakeDeletes: {},
		chargeableRefusals: 0,
		similarRequestRejections: 0,
		webhookDeliveries: { attempts: 0, delivered: 0, failed: 0 },
		paymentRefunds: {},
		faultsInjected: 0,
		requestsInFlight: 0,
		peakRequestsInFlight: 0,
	};
}

export class CounterSet {
	private data: Counters = emptyCounters();

	route(key: string): void {
		this.data.requestsByRoute[key] = (this.data.requestsByRoute[key] ?? 0) + 1;
	}

	operation(kind: OperationKind, key: string, field: keyof OperationCount): void {
		const entry = (this.data[kind][key] ??= { registered: 0, applied: 0, rejected: 0 });
		entry[field]++;
	}

	paymentRefund(orderId: string, field: 'requested' | 'created'): void {
		const entry = (this.data.paymentRefunds[orderId] ??= { requested: 0, created: 0 });
		entry[field]++;
	}

	bump(
		field:
			| 'tokenRequests'
			| 'tokensIssued'
			| 'chargeableRefusals'
			| 'similarRequestRejections'
			| 'faultsInjected',
	): void {
		this.data[field]++;
	}

	/** A request arrived: counted in flight until `depart()`. */
	arrive(): void {
		this.data.requestsInFlight++;
		this.data.peakRequestsInFlight = Math.max(
			this.data.peakRequestsInFlight,
			this.data.requestsInFlight,
		);
	}

	/** Its answer was written (or its connection closed): no longer in flight. */
	depart(): void {
		this.data.requestsInFlight--;
	}

	webhook(field: keyof Counters['webhookDeliveries']): void {
		this.data.webhookDeliveries[field]++;
	}

	snapshot(): Counters {
		return JSON.parse(JSON.stringify(this.data)) as Counters;
	}

	/** Requests still in flight stay counted (and are the new peak): they end after the reset. */
	reset(): void {
		const inFlight = this.data.requestsInFlight;
		this.data = { ...emptyCounters(), requestsInFlight: inFlight, peakRequestsInFlight: inFlight };
	}
}
