/**
 * The sandbox's state and services, shared by the HTTP server, the control API and the programmatic Sandbox object.
 */
import { TEST_KEYS, TokenAuthority } from './auth/auth';
import { CounterSet } from './common/counters';
import { FaultInjector } from './common/faults';
import { Holds } from './common/holds';
import { IntakeService } from './intakes/intakes';
import { generateOrder } from './orders/order-factory';
import { currentStatus, renderOrder } from './orders/order-record';
import { OrderStore } from './orders/order-store';
import { OrderService } from './orders/orders';
import { DEFAULT_OPTIONS, mergeOptions } from './options';
import { PaymentPlatform } from './payment/payment';
import { PrintFormService } from './print-forms/print-forms';
import { RequestLog } from './common/request-log';
import { Scheduler } from './common/scheduler';
import { loadSeeds } from './orders/seeds';
import type {
	AddOrdersOptions,
	CreateOrderOptions,
	Order,
	OrderResponse,
	ResolvedOptions,
	SandboxOptions,
	SeedOrder,
	SeedOrders,
} from './common/types';
import { WebhookService } from './webhooks/webhooks';

export class SandboxCore {
	readonly initialOptions: ResolvedOptions;
	options: ResolvedOptions;
	readonly scheduler = new Scheduler();
	readonly store = new OrderStore();
	readonly counters = new CounterSet();
	readonly log = new RequestLog();
	readonly faults = new FaultInjector();
	readonly holds = new Holds();
	readonly auth: TokenAuthority;
	readonly webhooks: WebhookService;
	readonly service: OrderService;
	readonly payment: PaymentPlatform;
	readonly printForms: PrintFormService;
	readonly intakes: IntakeService;
	seeds: SeedOrders;

	constructor(options: SandboxOptions = {}) {
		this.initialOptions = mergeOptions(DEFAULT_OPTIONS, options);
		this.options = this.initialOptions;
		this.auth = new TokenAuthority({
			clients: () => [TEST_KEYS, ...this.options.clients],
			tokenTtlSeconds: () => this.options.tokenTtlSeconds,
			authErrorStatus: () => this.options.authErrorStatus,
			tokenErrorStatus: () => this.options.tokenErrorStatus,
			onTokenIssued: () => this.counters.bump('tokensIssued'),
		});
		this.webhooks = new WebhookService({
			store: this.store,
			scheduler: this.scheduler,
			counters: this.counters,
			retry: () => this.options.webhookRetry,
			notFoundStatus: () => this.options.notFoundStatus,
		});
		this.service = new OrderService({
			store: this.store,
			counters: this.counters,
			scheduler: this.scheduler,
			settleDelayMs: () => this.options.settleDelayMs,
			returnNumberDelayMs: () => this.options.returnNumberDelayMs,
			onStatus: (record, status) => this.webhooks.orderStatusChanged(record, status),
		});
		this.printForms = new PrintFormService({
			store: this.store,
			scheduler: this.scheduler,
			readyDelayMs: () => this.options.printReadyDelayMs,
			linkTtlMs: () => this.options.printLinkTtlMs,
			urlBase: () => this.options.printUrlBase,
			onReady: (form) => this.webhooks.printFormReady(form),
		});
		this.intakes = new IntakeService({
			orders: this.store,
			counters: this.counters,
			scheduler: this.scheduler,
			settleDelayMs: () => this.options.settleDelayMs,
			existsCheck: () => this.options.intakeExistsCheck,
		});
		this.payment = new PaymentPlatform({
			store: this.store,
			counters: this.counters,
			token: () => this.options.paymentToken,
		});
		this.seeds = this.loadState();
	}

	private loadState(): SeedOrders {
		this.store.clear();
		this.intakes.reset();
		this.payment.reset();
		return loadSeeds(this.store);
	}

	/**
	 * Restores the seeds; clears pending requests, pickups, log, counters, faults, webhooks and refunds, and
	 * closes held requests unapplied. Tokens stay valid.
	 */
	reset(opts: { config?: boolean } = {}): void {
		this.holds.drop();
		this.service.dropPending();
		this.printForms.reset();
		this.webhooks.reset();
		this.faults.clear();
		this.counters.reset();
		this.log.clear();
		if (opts.config) this.options = this.initialOptions;
		this.seeds = this.loadState();
	}

	/** Settles every pending order request, return-order numbering, print form and courier pickup request now. */
	settlePending(): number {
		return (
			this.service.settlePending() + this.printForms.settlePending() + this.intakes.settlePending()
		);
	}

	configure(partial: Partial<SandboxOptions>): void {
		this.options = mergeOptions(this.options, partial);
	}

	/** The seeded orders with the status each has now (a refusal, a status set over the control API, …). */
	currentSeeds(): SeedOrders {
		const now = (seed: SeedOrder): SeedOrder => {
			const record = this.store.get(seed.uuid);
			const code = record ? currentStatus(record)?.code : undefined;
			if (!code || code === seed.status) return seed;
			// The seeded reason belonged to the seeded status.
			const { reason_code: _seededReason, ...rest } = seed;
			return { ...rest, status: code };
		};
		return Object.fromEntries(
			Object.entries(this.seeds).map(([name, seed]) => [name, now(seed)]),
		) as SeedOrders;
	}

	order(uuid: string): OrderResponse | undefined {
		const record = this.store.get(uuid);
		return record ? renderOrder(record) : undefined;
	}

	setStatus(uuid: string, code: string, reasonCode?: string): OrderResponse {
		const record = this.store.get(uuid);
		if (!record) throw new NotFoundError(`Unknown order uuid: ${uuid}`);
		this.service.setStatus(record, code, reasonCode);
		return renderOrder(record);
	}

	addOrder(opts: CreateOrderOptions = {}): Order {
		return renderOrder(generateOrder(this.store, opts)).entity;
	}

	/** Bulk orders for benchmarks; returns the stored records' uuids/numbers without rendering. */
	addOrdersFast(count: number, status: string, opts: AddOrdersOptions = {}) {
		if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
			throw new Error('count must be an integer 1..1000000');
		const out: Array<{ uuid: string; cdek_number?: string; number: string }> = [];
		for (let i = 0; i < count; i++) {
			const record = generateOrder(this.store, {
				...opts,
				status,
				numberPrefix: opts.numberPrefix ?? 'BULK-',
			});
			out.push({
				uuid: record.uuid,
				cdek_number: record.data.cdek_number,
				number: record.data.number ?? record.uuid,
			});
		}
		return out;
	}

	addOrders(count: number, status: string, opts: AddOrdersOptions = {}): Order[] {
		return this.addOrdersFast(count, status, opts).map(
			(o) => renderOrder(this.store.get(o.uuid)!).entity,
		);
	}

	stop(): void {
		this.scheduler.stop();
		this.holds.stop();
		this.webhooks.stop();
		this.service.dropPending();
		this.printForms.reset();
	}
}

export class NotFoundError extends Error {}
