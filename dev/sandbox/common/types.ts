/**
 * Public types of the CDEK sandbox. Shapes of API objects follow docs/reference/cdek-api.md §5, §7 and §8
 * (measured where the reference says MEASURED).
 */

export interface ClientKeys {
	clientId: string;
	clientSecret: string;
}

export interface WebhookRetryOptions {
	/** Delivery attempts per event, the first one included. CDEK: 12 attempts in 75 min (docs/reference/cdek-api.md §8). */
	attempts: number;
	intervalMs: number;
	/** Per-attempt timeout (CDEK: 15 s connect timeout). Sandbox default 2000 ms. */
	timeoutMs?: number;
	/**
	 * CDEK retries only on timeouts/connection failures; a non-2xx answer is not retried (docs/reference/cdek-api.md §8).
	 * Set true to retry on non-2xx answers too.
	 */
	retryOnHttpError?: boolean;
}

export interface SandboxOptions {
	/** 0 (default) = random free port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** Delay before an ACCEPTED request settles to SUCCESSFUL/INVALID (default 300). Negative = only on settlePending(). */
	settleDelayMs?: number;
	/** Default 3599 (real CDEK value, docs/reference/cdek-api.md §2). */
	tokenTtlSeconds?: number;
	/** Extra latency added to every /v2 response (benchmarks), default 0. */
	latencyMs?: number;
	/** Accepted in addition to CDEK's published test keys. */
	clients?: ClientKeys[];
	/** Status for bad keys on /oauth/token, default 401 (docs/reference/cdek-api.md §2, UNVERIFIED). */
	authErrorStatus?: 400 | 401;
	/** Status for expired/invalid token on API endpoints, default 401. */
	tokenErrorStatus?: number;
	/** Status for an unknown order uuid, default 404 (docs/reference/cdek-api.md §7: uncertain). */
	notFoundStatus?: 400 | 404;
	/** CDEK: 12 attempts in 75 min; default scaled to 12 x 250 ms. */
	webhookRetry?: WebhookRetryOptions;
	/**
	 * When a second courier pickup for an order is refused with v2_intake_exists_by_order: 'request' (default, 400
	 * at once) or 'settle' (202, then INVALID). Where CDEK reports it is UNVERIFIED (docs/reference/cdek-api.md §12).
	 */
	intakeExistsCheck?: 'request' | 'settle';
	/** Bearer token the payment module accepts (default 'sandbox-payment-token'). */
	paymentToken?: string;
	/**
	 * When a return order (refusal, client return) gets its CDEK number: 0 (default) at once; more = it stays ACCEPTED
	 * without a number that long (a print form for it answers `v2_entity_not_ready`); -1 = only on settlePending().
	 */
	returnNumberDelayMs?: number;
	/** When a print form becomes READY (or INVALID); default 1000 (edu: within a second). -1 = only on settlePending(). */
	printReadyDelayMs?: number;
	/** How long a READY print form's link lives before the form is REMOVED; default 3 600 000 (CDEK: 1 hour). */
	printLinkTtlMs?: number;
	/** The API root print forms' `url` names (e.g. `http://api.cdek.ru/v2`); default: the root the request came to. */
	printUrlBase?: string;
	/** Optional access log sink (never receives secrets). */
	log?: (line: string) => void;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'log' | 'webhookRetry'>> & {
	webhookRetry: Required<WebhookRetryOptions>;
	log?: (line: string) => void;
};

export type RequestType =
	| 'CREATE'
	| 'UPDATE'
	| 'DELETE'
	| 'AUTH'
	| 'GET'
	| 'CREATE_CLIENT_RETURN'
	| 'CREATE_REFUSAL';

export type RequestState = 'ACCEPTED' | 'WAITING' | 'SUCCESSFUL' | 'INVALID';

export interface ApiError {
	code: string;
	message: string;
	additional_code?: string;
}

export interface ApiWarning {
	code: string;
	message: string;
}

/** One entry of `requests[]` (RequestDto, docs/reference/cdek-api.md §7). */
export interface OrderRequest {
	request_uuid: string;
	type: RequestType;
	date_time: string;
	state: RequestState;
	errors?: ApiError[];
	warnings?: ApiWarning[];
}

export interface RelatedEntity {
	type: string;
	uuid: string;
	cdek_number?: string;
	/** Print forms (`barcode`, `waybill`) only, while their link lives (docs/reference/cdek-api.md §5, §11). */
	url?: string;
	create_time?: string;
}

export interface OrderStatus {
	code: string;
	name: string;
	date_time: string;
	city: string;
	reason_code?: string;
	deleted: boolean;
}

export interface Location {
	code?: number;
	city_uuid?: string;
	city?: string;
	fias_guid?: string;
	kladr_code?: string;
	country_code?: string;
	country?: string;
	region?: string;
	region_code?: number;
	sub_region?: string;
	longitude?: number;
	latitude?: number;
	address?: string;
	postal_code?: string;
	[key: string]: unknown;
}

export interface Party {
	company?: string;
	name?: string;
	contragent_type?: string;
	phones?: Array<{ number: string; additional?: string }>;
	email?: string;
	passport_requirements_satisfied?: boolean;
	[key: string]: unknown;
}

export interface Money {
	value: number;
	vat_sum?: number;
	vat_rate?: number | null;
}

export interface PackageItem {
	name: string;
	ware_key: string;
	payment: Money;
	cost: number;
	weight: number;
	weight_gross?: number;
	amount: number;
	delivery_amount?: number;
	url?: string;
	return_item_detail?: Record<string, unknown>;
	excise?: boolean;
	[key: string]: unknown;
}

export interface Package {
	number: string;
	barcode?: string;
	weight: number;
	length?: number;
	width?: number;
	height?: number;
	weight_volume?: number;
	weight_calc?: number;
	comment?: string;
	items?: PackageItem[];
	package_id?: string;
	[key: string]: unknown;
}

/** The `entity` of GET /v2/orders/{uuid} (OrderResponseDto, docs/reference/cdek-api.md §5). */
export interface Order {
	uuid: string;
	type: number;
	is_return: boolean;
	is_reverse: boolean;
	/** A JSON string (measured, docs/reference/cdek-api.md §5); absent until the CREATE request settled. */
	cdek_number?: string;
	number?: string;
	tariff_code: number;
	comment?: string;
	sender: Party;
	seller?: { name: string };
	recipient: Party;
	from_location: Location;
	to_location: Location;
	shipment_point?: string;
	delivery_point?: string;
	services?: Array<Record<string, unknown>>;
	packages: Package[];
	/** Newest first (measured, docs/reference/cdek-api.md §5). */
	statuses: OrderStatus[];
	is_client_return: boolean;
	delivery_mode?: string;
	delivery_detail?: Record<string, unknown>;
	[key: string]: unknown;
}

/** GET /v2/orders/{uuid} body: `{entity, requests, related_entities}`. */
export interface OrderResponse {
	entity: Order;
	requests: OrderRequest[];
	related_entities: RelatedEntity[];
}

export interface SeedOrder {
	name: string;
	uuid: string;
	cdek_number?: string;
	number: string;
	type: number;
	/** Newest status code at start. */
	status: string;
	reason_code?: string;
	is_return: boolean;
	is_client_return: boolean;
}

export type SeedName =
	| 'created'
	| 'accepted'
	| 'inTransit'
	| 'inTransit2'
	| 'inTransit3'
	| 'inTransit4'
	| 'readyForPickup'
	| 'delivered'
	| 'delivered2'
	| 'deliveredDeliveryType'
	| 'partiallyDelivered'
	| 'notDelivered'
	| 'notDeliveredReturn'
	| 'removed'
	| 'alreadyRefused'
	| 'alreadyRefusedReturn'
	| 'alreadyClientReturned'
	| 'alreadyClientReturnedReturn'
	| 'invalid';

export type SeedOrders = Record<SeedName, SeedOrder>;

export interface OperationCount {
	/** Accepted with 202 (a request appended to the order). */
	registered: number;
	/** Settled SUCCESSFUL. */
	applied: number;
	/** Settled INVALID. */
	rejected: number;
}

export interface Counters {
	tokenRequests: number;
	tokensIssued: number;
	/** Keyed by route template, e.g. "POST /v2/orders/{uuid}/refusal". */
	requestsByRoute: Record<string, number>;
	/** Keyed by order uuid. */
	refusals: Record<string, OperationCount>;
	clientReturns: Record<string, OperationCount>;
	/** Keyed by shop number (`number`; the new order uuid when no number was sent). */
	creates: Record<string, OperationCount>;
	deletes: Record<string, OperationCount>;
	/** Courier pickups keyed by order uuid (a standalone pickup: by its own uuid). */
	intakes: Record<string, OperationCount>;
	/** Courier pickup deletions keyed by pickup uuid. */
	intakeDeletes: Record<string, OperationCount>;
	/** Refusals applied to CREATED/ACCEPTED orders (billed by CDEK, docs/reference/cdek-api.md §3). */
	chargeableRefusals: number;
	/** Synchronous `v2_similar_request_still_processed` answers. */
	similarRequestRejections: number;
	webhookDeliveries: { attempts: number; delivered: number; failed: number };
	/** Payment refunds keyed by payment order id. */
	paymentRefunds: Record<string, { requested: number; created: number }>;
	faultsInjected: number;
	/** /v2 and /payment requests the sandbox is serving now: arrived (body read), answer not yet written. */
	requestsInFlight: number;
	/** The most requests in flight at once since the start or the last reset: a measure of concurrency that does not depend on timestamps. */
	peakRequestsInFlight: number;
}

export interface LoggedRequest {
	seq: number;
	time: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	body: unknown;
	/** null when the socket was reset without an answer. */
	status: number | null;
	durationMs: number;
	route?: string;
	fault?: string;
}

export type FaultKind =
	| 'status'
	| 'delay'
	| 'hold'
	| 'reset-before'
	| 'reset-after'
	| 'malformed-json'
	| 'expire-token';

export interface FaultSpec {
	kind: FaultKind;
	/** How many matching requests it hits (default 1; -1 = until cleared). */
	count?: number;
	/** Substring of path+query, or a "/regex/flags" string, or a RegExp. */
	path?: string | RegExp;
	method?: string;
	/** For kind 'status' (default 500). */
	status?: number;
	/** For kind 'status': JSON body (v2_internal_error) or an nginx-like HTML page. Default 'json'. */
	body?: 'json' | 'html';
	retryAfterSeconds?: number;
	/** For kind 'delay' (default 3000). */
	delayMs?: number;
}

/**
 * A request a `hold` fault keeps waiting, unanswered and not yet applied, until `releaseHeld()` (then it is
 * processed and answered like any other) or a reset or stop (then its connection is closed, nothing applied).
 */
export interface HeldRequest {
	method: string;
	path: string;
	/** The client closed the connection while it waited (it gave up: its Timeout, or Stop). */
	clientGone: boolean;
}

export interface RandomFaultSpec {
	seed: number;
	/** Probability 0..1 that a matching request gets a fault. */
	rate: number;
	kinds: Array<FaultKind | Omit<FaultSpec, 'count'>>;
	path?: string | RegExp;
	method?: string;
}

export interface AddOrdersOptions {
	type?: 1 | 2;
	/** Shop number prefix; numbers are `${prefix}${n}` (default 'BULK-'). */
	numberPrefix?: string;
	reasonCode?: string;
}

export interface CreateOrderOptions {
	status?: string;
	type?: 1 | 2;
	number?: string;
	reasonCode?: string;
	tariffCode?: number;
}

export interface PaymentRefund {
	refund_request_id: string;
	order_id: string;
	description?: string;
	email: string;
	status: 'new' | 'processing' | 'completed' | 'rejected';
	created_at: string;
}

export interface WebhookDelivery {
	id: number;
	subscription_uuid: string;
	url: string;
	type: string;
	/** The order the event is about; for PRINT_FORM, the first order of the form. */
	order_uuid: string;
	/** PRINT_FORM only. */
	print_form_uuid?: string;
	payload: unknown;
	state: 'pending' | 'delivered' | 'failed';
	attempts: Array<{ attempt: number; time: string; status?: number; error?: string }>;
}

export interface Sandbox {
	url: string;
	rootUrl: string;
	controlUrl: string;
	paymentUrl: string;
	/** The seeded orders as they were at start. */
	seeds: SeedOrders;
	/** The seeded orders with the status each has now. */
	currentSeeds(): SeedOrders;
	testKeys: ClientKeys;
	counters(): Counters;
	requestLog(): LoggedRequest[];
	clearLog(): void;
	/** Restores seeds and clears requests, log, counters, faults, webhooks and refunds. Issued tokens stay valid. */
	reset(opts?: { config?: boolean }): void;
	injectFault(f: FaultSpec): void;
	injectRandomFaults(spec: RandomFaultSpec): void;
	clearFaults(): void;
	/** Requests a `hold` fault keeps waiting now, in arrival order. */
	heldRequests(): HeldRequest[];
	/** Lets every held request go on (processed and answered); returns how many. */
	releaseHeld(): number;
	expireTokens(): void;
	setStatus(uuid: string, code: string, reasonCode?: string): void;
	addOrders(count: number, status: string, opts?: AddOrdersOptions): Order[];
	addOrder(opts?: CreateOrderOptions): Order;
	getOrder(uuid: string): OrderResponse | undefined;
	/** A courier pickup as GET /v2/intakes/{uuid} returns it. */
	getIntake(
		uuid: string,
	): { entity: Record<string, unknown>; requests: OrderRequest[] } | undefined;
	/** Settles every ACCEPTED request, pending return-order number and print form now; returns how many settled. */
	settlePending(): number;
	/** A print form's GET body without HTTP. */
	printForm(uuid: string): { entity: Record<string, unknown>; requests: unknown[] } | undefined;
	paymentRefunds(): PaymentRefund[];
	webhookDeliveries(): WebhookDelivery[];
	/** Sends a delivery's payload again as one more attempt, as CDEK does after a timeout (§8). */
	redeliverWebhook(id: number): void;
	configure(partial: Partial<SandboxOptions>): void;
	options(): ResolvedOptions;
	stop(): Promise<void>;
}
