/**
 * The order state machine: requests are ACCEPTED synchronously (202) and settle to SUCCESSFUL/INVALID after
 * settleDelayMs, with the rules of docs/reference/cdek-api.md §5 (status table) and §10.
 */
import type { CounterSet, OperationKind } from '../common/counters';
import { randomUuid } from '../common/ids';
import {
	currentStatus,
	deriveReturnRecord,
	makeStatus,
	markDelivered,
	type OrderRecord,
	type ReturnKind,
	type StatusRecord,
} from './order-record';
import type { OrderStore } from './order-store';
import { PendingRequests, decide } from '../common/pending';
import type { Scheduler } from '../common/scheduler';
import {
	DELETABLE_STATUSES,
	FINAL_STATUSES,
	REASON_PARTIAL_DELIVERY,
	REASON_REFUSED_NO_EXPLANATION,
	isKnownStatus,
} from './statuses';
import type { ApiError, ApiWarning, OrderRequest, RequestType } from '../common/types';
import { messages } from '../common/envelopes';

type Outcome = { ok: true; warnings?: ApiWarning[] } | { ok: false; errors: ApiError[] };

export interface OrderServiceDeps {
	store: OrderStore;
	counters: CounterSet;
	scheduler: Scheduler;
	settleDelayMs: () => number;
	/** See SandboxOptions.returnNumberDelayMs. */
	returnNumberDelayMs: () => number;
	onStatus: (record: OrderRecord, status: StatusRecord) => void;
}

/** Codes CDEK does not document for these rejections are sandbox choices (docs/reference/cdek-api.md §3, §4, §7 "gap"). */
export const SANDBOX_CODES = {
	/** Warning on a refusal in CREATED/ACCEPTED: allowed but billed (docs/reference/cdek-api.md §3). */
	refusalChargeable: 'v2_refusal_chargeable',
	clientReturnStatus: 'v2_client_return_forbidden_status',
	clientReturnOrderType: 'v2_client_return_forbidden_order_type',
	clientReturnExists: 'v2_client_return_already_exists',
};

const REQUEST_KIND: Record<string, OperationKind> = {
	CREATE_REFUSAL: 'refusals',
	CREATE_CLIENT_RETURN: 'clientReturns',
	CREATE: 'creates',
	DELETE: 'deletes',
};

export class OrderService {
	private readonly pending: PendingRequests;
	/** Return orders still waiting for their CDEK number, with the timer that gives it. */
	private readonly unnumbered = new Map<OrderRecord, NodeJS.Timeout | undefined>();
	/** Status events of the settle in progress: sent once the settle is complete, so links are in place. */
	private batch: Array<[OrderRecord, StatusRecord]> | undefined;

	constructor(private readonly deps: OrderServiceDeps) {
		this.pending = new PendingRequests(deps.scheduler, deps.settleDelayMs);
	}

	/** A same-type request still ACCEPTED on this order → `v2_similar_request_still_processed` (docs/reference/cdek-api.md §3, §9). */
	similarInFlight(record: OrderRecord, type: RequestType): OrderRequest | undefined {
		return record.requests.find((r) => r.type === type && r.state === 'ACCEPTED');
	}

	refuse(record: OrderRecord): OrderRequest {
		return this.register(record, 'CREATE_REFUSAL', record.uuid, () => this.settleRefusal(record));
	}

	clientReturn(record: OrderRecord, tariffCode: number): OrderRequest {
		return this.register(record, 'CREATE_CLIENT_RETURN', record.uuid, () =>
			this.settleClientReturn(record, tariffCode),
		);
	}

	delete(record: OrderRecord): OrderRequest {
		return this.register(record, 'DELETE', record.uuid, () => this.settleDelete(record));
	}

	/** `record` was built from the POST body and holds only the ACCEPTED status; async checks run at settle time. */
	create(record: OrderRecord, asyncErrors: ApiError[]): OrderRequest {
		this.deps.store.add(record);
		record.statuses.unshift(makeStatus(record, 'ACCEPTED', new Date()));
		const key = record.data.number ?? record.uuid;
		return this.register(record, 'CREATE', key, () => this.settleCreate(record, asyncErrors));
	}

	/** Settles every ACCEPTED request now, oldest first, and numbers the return orders that were waiting for a number. */
	settlePending(): number {
		// Return orders that these settles create keep waiting for the next call.
		const returns = [...this.unnumbered.keys()];
		const settled = this.pending.settleAll();
		for (const record of returns) this.numberReturn(record);
		return settled + returns.length;
	}

	/** Forgets pending requests (reset): their timers are cleared by the scheduler. */
	dropPending(): void {
		this.pending.drop();
		for (const timer of this.unnumbered.values()) this.deps.scheduler.cancel(timer);
		this.unnumbered.clear();
	}

	/** Sets a new status (control API, seeds advance): fires webhooks like a real status change. */
	setStatus(record: OrderRecord, code: string, reasonCode?: string): StatusRecord {
		if (!isKnownStatus(code)) throw new Error(`Unknown CDEK status code: ${code}`);
		if (code === 'DELIVERED') {
			const items = record.data.packages.flatMap((p) => p.items ?? []);
			markDelivered(
				record,
				reasonCode === REASON_PARTIAL_DELIVERY
					? items.map((i, n) => (n === items.length - 1 ? 0 : i.amount))
					: undefined,
			);
		}
		return this.pushStatus(record, code, reasonCode);
	}

	private register(
		record: OrderRecord,
		type: RequestType,
		counterKey: string,
		settle: () => Outcome,
	): OrderRequest {
		const kind = REQUEST_KIND[type];
		const request = this.pending.add(type, (accepted) =>
			this.settle(accepted, kind, counterKey, settle),
		);
		record.requests.unshift(request);
		this.deps.counters.operation(kind, counterKey, 'registered');
		return request;
	}

	private settle(
		request: OrderRequest,
		kind: OperationKind,
		counterKey: string,
		settle: () => Outcome,
	): void {
		this.batch = [];
		let outcome: Outcome;
		try {
			outcome = settle();
		} finally {
			const events = this.batch;
			this.batch = undefined;
			for (const [record, status] of events) this.deps.onStatus(record, status);
		}
		if (outcome.ok) decide(request, [], outcome.warnings);
		else decide(request, outcome.errors);
		this.deps.counters.operation(kind, counterKey, outcome.ok ? 'applied' : 'rejected');
	}

	private pushStatus(record: OrderRecord, code: string, reasonCode?: string): StatusRecord {
		const status = makeStatus(record, code, new Date(), reasonCode);
		record.statuses.unshift(status);
		if (this.batch) this.batch.push([record, status]);
		else this.deps.onStatus(record, status);
		return status;
	}

	/** Common guards: an INVALID order was never created; a final status forbids the operation. */
	private finalOrInvalid(record: OrderRecord): Outcome | undefined {
		const code = currentStatus(record)?.code ?? 'ACCEPTED';
		if (code === 'INVALID') return fail('v2_entity_invalid', messages.entityInvalid(record.uuid));
		if (FINAL_STATUSES.has(code))
			return fail('v2_entity_has_final_status', messages.entityHasFinalStatus(code));
		return undefined;
	}

	/**
	 * Refusal: allowed until DELIVERED/NOT_DELIVERED (REMOVED too); in CREATED/ACCEPTED it succeeds but is billed
	 * (docs/reference/cdek-api.md §3). Result: NOT_DELIVERED + reason 11 and a linked return order (§3).
	 */
	private settleRefusal(record: OrderRecord): Outcome {
		const blocked = this.finalOrInvalid(record);
		if (blocked) return blocked;
		const code = currentStatus(record)?.code ?? 'ACCEPTED';
		const warnings: ApiWarning[] = [];
		if (DELETABLE_STATUSES.has(code)) {
			this.deps.counters.bump('chargeableRefusals');
			warnings.push({
				code: SANDBOX_CODES.refusalChargeable,
				message: `Refusal in status ${code}: operations will be charged and the order will appear in the service act; use DELETE /v2/orders/{uuid} for orders without cargo movement`,
			});
		}
		this.pushStatus(record, 'NOT_DELIVERED', REASON_REFUSED_NO_EXPLANATION);
		this.spawnReturn(record, 'return');
		return { ok: true, warnings };
	}

	/** Client return: only DELIVERED direct online-store (type 1) orders (docs/reference/cdek-api.md §4, §5 table). */
	private settleClientReturn(record: OrderRecord, tariffCode: number): Outcome {
		const code = currentStatus(record)?.code ?? 'ACCEPTED';
		if (code !== 'DELIVERED') {
			return (
				this.finalOrInvalid(record) ??
				fail(
					SANDBOX_CODES.clientReturnStatus,
					`Client return is possible only for orders in status DELIVERED, current status ${code}`,
				)
			);
		}
		if (record.data.type !== 1 || record.data.is_return || record.data.is_client_return) {
			return fail(
				SANDBOX_CODES.clientReturnOrderType,
				'Client return is possible only for direct online-store orders (type 1)',
			);
		}
		const existing = record.related.find((r) => r.type === 'client_return_order');
		if (existing) {
			return fail(
				SANDBOX_CODES.clientReturnExists,
				`Client return already exists for the order: ${existing.uuid}`,
			);
		}
		this.spawnReturn(record, 'client_return', tariffCode);
		return { ok: true };
	}

	/** Delete: only CREATED/ACCEPTED (docs/reference/cdek-api.md §5 table, §10); result REMOVED. */
	private settleDelete(record: OrderRecord): Outcome {
		const code = currentStatus(record)?.code ?? 'ACCEPTED';
		if (!DELETABLE_STATUSES.has(code)) {
			return fail(
				'error_validate_order_delete_status',
				'Заказ может быть удален только в статусе Создан',
			);
		}
		this.pushStatus(record, 'REMOVED');
		return { ok: true };
	}

	/** Create: duplicate shop number → INVALID (docs/reference/cdek-api.md §6, §9); success assigns the CDEK number. */
	private settleCreate(record: OrderRecord, asyncErrors: ApiError[]): Outcome {
		if (currentStatus(record)?.code !== 'ACCEPTED') return { ok: true }; // deleted while pending
		const number = record.data.number;
		const duplicate =
			number !== undefined &&
			this.deps.store
				.allWithNumber(number)
				.some((other) => other.seq < record.seq && other.statuses[0]?.code !== 'INVALID');
		const errors = [...asyncErrors];
		if (duplicate) {
			errors.unshift({
				code: 'error_validate_im_dep_number_has_already_had_integration',
				message: 'Введенный номер отправления ИМ не уникальный',
			});
		}
		if (errors.length) {
			this.pushStatus(record, 'INVALID');
			return { ok: false, errors };
		}
		record.data.cdek_number = this.deps.store.allocateCdekNumber();
		this.deps.store.indexCdekNumber(record);
		this.pushStatus(record, 'CREATED');
		return { ok: true };
	}

	/**
	 * The return order CDEK creates for a refusal or client return. CDEK creates it like any order, so it may be
	 * ACCEPTED without a number for a while (returnNumberDelayMs; by default it is CREATED with its number at once).
	 */
	private spawnReturn(direct: OrderRecord, kind: ReturnKind, tariffCode?: number): OrderRecord {
		const { store } = this.deps;
		const delay = this.deps.returnNumberDelayMs();
		const ret = deriveReturnRecord(direct, kind, {
			uuid: randomUuid(),
			cdekNumber: delay === 0 ? store.allocateCdekNumber() : undefined,
			seq: store.nextSeq(),
			tariffCode,
		});
		if (kind === 'return') {
			direct.related.push({
				type: 'return_order',
				uuid: ret.uuid,
				...(ret.data.cdek_number ? { cdek_number: ret.data.cdek_number } : {}),
			});
			ret.related.push({
				type: 'direct_order',
				uuid: direct.uuid,
				cdek_number: direct.data.cdek_number,
			});
		} else {
			direct.related.push({ type: 'client_return_order', uuid: ret.uuid });
			ret.related.push({ type: 'client_direct_order', uuid: direct.uuid });
		}
		store.add(ret);
		if (delay === 0) {
			this.pushStatus(ret, 'CREATED');
			return ret;
		}
		this.pushStatus(ret, 'ACCEPTED');
		this.unnumbered.set(
			ret,
			delay > 0 ? this.deps.scheduler.after(delay, () => this.numberReturn(ret)) : undefined,
		);
		return ret;
	}

	/** The return order gets its CDEK number, on itself and in the direct order's link, and becomes CREATED. */
	private numberReturn(ret: OrderRecord): void {
		if (!this.unnumbered.has(ret)) return;
		this.deps.scheduler.cancel(this.unnumbered.get(ret));
		this.unnumbered.delete(ret);
		ret.data.cdek_number = this.deps.store.allocateCdekNumber();
		this.deps.store.indexCdekNumber(ret);
		const directUuid = ret.related.find((link) => link.type === 'direct_order')?.uuid;
		const directLink = directUuid
			? this.deps.store.get(directUuid)?.related.find((link) => link.uuid === ret.uuid)
			: undefined;
		if (directLink) directLink.cdek_number = ret.data.cdek_number;
		this.pushStatus(ret, 'CREATED');
	}
}

function fail(code: string, message: string): Outcome {
	return { ok: false, errors: [{ code, message }] };
}
