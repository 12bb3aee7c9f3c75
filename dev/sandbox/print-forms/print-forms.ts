/**
 * Print forms (docs/reference/cdek-api.md §11): barcode labels (POST /v2/print/barcodes) and waybills (POST
 * /v2/print/orders), asynchronous like CDEK's: ACCEPTED → PROCESSING → READY (the `url` appears) or INVALID, and
 * REMOVED when the link expires. The PDF (`GET …/{uuid}.pdf`, Bearer token required) has one page per order and copy.
 */
import { apiError, entityError, messages, simplifiedError } from '../common/envelopes';
import { header, isPlainObject, json, parseJson } from '../common/http';
import type { HandlerResult, RequestContext } from '../common/http';
import { UUID_PATTERN, randomUuid } from '../common/ids';
import { currentStatus, type OrderRecord } from '../orders/order-record';
import type { OrderStore } from '../orders/order-store';
import { buildPdf, PAGE_SIZES, type PdfPage } from './pdf';
import type { Scheduler } from '../common/scheduler';
import { cdekDateTime } from '../common/time';
import type { ApiError, ApiWarning, OrderRequest, RelatedEntity } from '../common/types';

export type PrintKind = 'barcode' | 'waybill';

/** The path segment of each kind: barcodes, and "orders" for waybills (docs/reference/cdek-api.md §11). */
export const PRINT_PATHS: Record<PrintKind, string> = { barcode: 'barcodes', waybill: 'orders' };

/** At most 100 orders per print request (docs/reference/cdek-api.md §9, §11). */
export const MAX_PRINT_ORDERS = 100;
/** CDEK documents the limit but no code for it (sandbox choice). */
export const PRINT_LIMIT_CODE = 'v2_print_orders_limit';
/** What `.pdf` answers while the form has no file (before READY, INVALID, REMOVED); UNVERIFIED at CDEK (sandbox choice). */
export const FILE_NOT_AVAILABLE_CODE = 'v2_print_form_file_not_available';

const STATUS_NAMES: Record<string, string> = {
	ACCEPTED: 'Принят',
	PROCESSING: 'Формируется',
	READY: 'Сформирован',
	INVALID: 'Некорректный запрос',
	REMOVED: 'Удален',
};
const WAYBILL_TYPES = [
	'tpl_china',
	'tpl_armenia',
	'tpl_russia',
	'tpl_english',
	'tpl_italian',
	'tpl_korean',
	'tpl_latvian',
	'tpl_lithuanian',
	'tpl_german',
	'tpl_turkish',
	'tpl_czech',
	'tpl_thailand',
	'tpl_invoice',
];

export interface PrintOrderRef {
	order_uuid?: string;
	cdek_number?: string;
}

export interface PrintFormStatus {
	code: string;
	name: string;
	date_time: string;
}

export interface PrintForm {
	uuid: string;
	kind: PrintKind;
	/** The orders as the request named them. */
	orders: PrintOrderRef[];
	/** The named orders that can be printed. */
	printable: OrderRecord[];
	copyCount: number;
	format?: string;
	lang?: string;
	type?: string;
	/** Oldest first, as measured (docs/reference/cdek-api.md §11). */
	statuses: PrintFormStatus[];
	request: OrderRequest;
	warnings: ApiWarning[];
	/** `{root}/print/{barcodes|orders}/{uuid}.pdf`, shown only while READY. */
	fileUrl: string;
	timers: Array<NodeJS.Timeout | undefined>;
	/** Links added to the printed orders' related_entities once READY. */
	links: RelatedEntity[];
}

export interface PrintFormDeps {
	store: OrderStore;
	scheduler: Scheduler;
	/** When a form becomes READY or INVALID; negative = only on settlePending(). */
	readyDelayMs: () => number;
	/** How long the READY link lives before the form is REMOVED (CDEK: 1 hour). */
	linkTtlMs: () => number;
	/** The API root the form's `url` names; empty = the root the creating request came to. */
	urlBase: () => string;
	onReady: (form: PrintForm) => void;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; result: HandlerResult };

const invalid = (code: string, message: string): Parsed<never> => ({
	ok: false,
	result: json(400, simplifiedError([{ code, message }])),
});

export class PrintFormService {
	private forms = new Map<string, PrintForm>();

	constructor(private readonly deps: PrintFormDeps) {}

	get(uuid: string): PrintForm | undefined {
		return this.forms.get(uuid);
	}

	list(): PrintForm[] {
		return [...this.forms.values()];
	}

	/** The GET body: `{entity, requests, related_entities}` (MEASURED shape, docs/reference/cdek-api.md §11). */
	render(form: PrintForm) {
		const ready = this.status(form) === 'READY';
		const entity: Record<string, unknown> = {
			uuid: form.uuid,
			orders: form.orders.map((order) => ({ ...order })),
			copy_count: form.copyCount,
		};
		if (form.kind === 'barcode') entity.format = form.format ?? 'A4';
		else entity.type = form.type ?? 'tpl_russia';
		if (ready) entity.url = form.fileUrl;
		if (form.kind === 'barcode') entity.lang = form.lang ?? 'RUS';
		entity.statuses = form.statuses.map((status) => ({ ...status }));
		return {
			entity,
			requests: [{ ...form.request }],
			related_entities: [],
		};
	}

	/** Settles every form still ACCEPTED or PROCESSING now; returns how many. */
	settlePending(): number {
		const pending = this.list().filter((form) =>
			['ACCEPTED', 'PROCESSING'].includes(this.status(form)),
		);
		for (const form of pending) this.finish(form);
		return pending.length;
	}

	reset(): void {
		for (const form of this.forms.values()) this.cancelTimers(form);
		this.forms.clear();
	}

	private status(form: PrintForm): string {
		return form.statuses[form.statuses.length - 1]?.code ?? 'ACCEPTED';
	}

	private push(form: PrintForm, code: string): void {
		form.statuses.push({ code, name: STATUS_NAMES[code], date_time: cdekDateTime() });
	}

	private cancelTimers(form: PrintForm): void {
		for (const timer of form.timers) this.deps.scheduler.cancel(timer);
		form.timers = [];
	}

	create(kind: PrintKind, ctx: RequestContext): HandlerResult {
		const parsed = this.parse(kind, ctx.rawBody);
		if (!parsed.ok) return parsed.result;
		const { orders, copyCount, format, lang, type } = parsed.value;
		const resolved = orders.map((ref) => this.findOrder(ref));
		// An order CDEK is still creating has no number yet: CDEK refuses the whole request (docs/reference/cdek-api.md §11).
		if (resolved.some((record) => record && isNotNumberedYet(record)))
			return json(
				400,
				simplifiedError([{ code: 'v2_entity_not_ready', message: 'v2_entity_not_ready' }]),
			);
		const uuid = randomUuid();
		const root = this.deps.urlBase() || `http://${header(ctx.headers, 'host') ?? 'localhost'}/v2`;
		const form: PrintForm = {
			uuid,
			kind,
			orders,
			printable: resolved.filter((record): record is OrderRecord =>
				Boolean(record && isPrintable(record)),
			),
			copyCount,
			format,
			lang,
			type,
			statuses: [],
			request: {
				request_uuid: randomUuid(),
				type: 'CREATE',
				date_time: cdekDateTime(),
				state: 'ACCEPTED',
			},
			warnings: orders
				.filter((_, index) => !resolved[index] || !isPrintable(resolved[index]))
				.map((ref) => ({
					code: 'v2_order_invalid',
					message: `Order is invalid ${ref.order_uuid ?? ref.cdek_number}`,
				})),
			fileUrl: `${root}/print/${PRINT_PATHS[kind]}/${uuid}.pdf`,
			timers: [],
			links: [],
		};
		this.push(form, 'ACCEPTED');
		this.forms.set(uuid, form);
		const delay = this.deps.readyDelayMs();
		if (delay >= 0) {
			form.timers.push(
				this.deps.scheduler.after(delay / 2, () => {
					if (this.status(form) === 'ACCEPTED') this.push(form, 'PROCESSING');
				}),
				this.deps.scheduler.after(delay, () => this.finish(form)),
			);
		}
		return json(202, {
			entity: { uuid },
			requests: [{ ...form.request }],
			related_entities: [],
		});
	}

	/** READY when at least one order can be printed, INVALID otherwise (measured error, docs/reference/cdek-api.md §11). */
	private finish(form: PrintForm): void {
		if (!['ACCEPTED', 'PROCESSING'].includes(this.status(form))) return;
		this.cancelTimers(form);
		if (this.status(form) === 'ACCEPTED') this.push(form, 'PROCESSING');
		form.request.date_time = cdekDateTime();
		if (form.warnings.length) form.request.warnings = form.warnings;
		if (form.printable.length === 0) {
			this.push(form, 'INVALID');
			form.request.state = 'INVALID';
			form.request.errors = [invalidOrdersError()];
			return;
		}
		this.push(form, 'READY');
		form.request.state = 'SUCCESSFUL';
		for (const record of form.printable) {
			const link: RelatedEntity = {
				type: form.kind,
				uuid: form.uuid,
				url: form.fileUrl,
				create_time: cdekDateTime(),
			};
			record.related.push(link);
			form.links.push(link);
		}
		form.timers.push(this.deps.scheduler.after(this.deps.linkTtlMs(), () => this.expire(form)));
		this.deps.onReady(form);
	}

	/** The link lives an hour; then the form is REMOVED and must be requested again (docs/reference/cdek-api.md §11). */
	private expire(form: PrintForm): void {
		if (this.status(form) !== 'READY') return;
		this.push(form, 'REMOVED');
		for (const link of form.links) delete link.url;
	}

	read(kind: PrintKind, raw: string): HandlerResult {
		const found = this.find(kind, raw);
		return 'status' in found ? found : json(200, this.render(found));
	}

	download(kind: PrintKind, raw: string): HandlerResult {
		const found = this.find(kind, raw);
		if ('status' in found) return found;
		const status = this.status(found);
		if (status !== 'READY') {
			return json(
				404,
				simplifiedError([
					{
						code: FILE_NOT_AVAILABLE_CODE,
						message: `The print form file is not available in status ${status}`,
					},
				]),
			);
		}
		return { status: 200, raw: this.pdf(found), contentType: 'application/pdf' };
	}

	private find(kind: PrintKind, raw: string): PrintForm | HandlerResult {
		if (!UUID_PATTERN.test(raw))
			return json(
				400,
				entityError('GET', [apiError('v2_invalid_format', messages.invalidFormat(raw, 'uuid'))]),
			);
		const form = this.forms.get(raw.toLowerCase());
		if (!form || form.kind !== kind)
			return json(
				404,
				entityError('GET', [apiError('v2_entity_not_found', messages.entityNotFound(raw))]),
			);
		return form;
	}

	/** One page per printable order and copy, with the CDEK and shop numbers. */
	private pdf(form: PrintForm): Buffer {
		const title = form.kind === 'barcode' ? 'CDEK package label' : 'CDEK waybill';
		const pages: PdfPage[] = [];
		for (const record of form.printable) {
			for (let copy = 1; copy <= form.copyCount; copy++) {
				pages.push({
					lines: [
						title,
						`CDEK number: ${record.data.cdek_number ?? ''}`,
						`Shop order number: ${record.data.number ?? ''}`,
						`Order UUID: ${record.uuid}`,
						`From: ${record.route.sender.city}`,
						`To: ${record.route.recipient.city}`,
						`Copy ${copy} of ${form.copyCount}`,
						`Print form ${form.uuid}`,
						'CDEK sandbox',
					],
					bars: record.data.cdek_number,
				});
			}
		}
		return buildPdf(pages, form.format ?? 'A4');
	}

	private findOrder(ref: PrintOrderRef): OrderRecord | undefined {
		return ref.order_uuid
			? this.deps.store.get(ref.order_uuid)
			: this.deps.store.findByCdekNumber(ref.cdek_number ?? '');
	}

	/** The request body: `orders` as an array or a single object (docs/reference/cdek-api.md §11), each by uuid or number. */
	private parse(
		kind: PrintKind,
		raw: string,
	): Parsed<{
		orders: PrintOrderRef[];
		copyCount: number;
		format?: string;
		lang?: string;
		type?: string;
	}> {
		const parsed = parseJson(raw);
		if (!parsed.ok || !isPlainObject(parsed.value))
			return invalid('v2_bad_request', messages.badRequest);
		const body = parsed.value;
		const list = Array.isArray(body.orders)
			? body.orders
			: isPlainObject(body.orders)
				? [body.orders]
				: [];
		if (list.length === 0) return invalid('v2_field_is_empty', messages.fieldIsEmpty('orders'));
		if (list.length > MAX_PRINT_ORDERS)
			return invalid(
				PRINT_LIMIT_CODE,
				`At most ${MAX_PRINT_ORDERS} orders per print request, got ${list.length}`,
			);
		const orders: PrintOrderRef[] = [];
		for (const entry of list) {
			const ref = orderRef(entry);
			if ('error' in ref) return invalid(ref.error.code, ref.error.message);
			orders.push(ref);
		}
		const copies = body.copy_count ?? (kind === 'waybill' ? 2 : 1);
		if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < 1)
			return invalid('v2_invalid_value_type', messages.invalidValueType('copy_count'));
		const value = { orders, copyCount: copies } as {
			orders: PrintOrderRef[];
			copyCount: number;
			format?: string;
			lang?: string;
			type?: string;
		};
		if (kind === 'barcode') {
			if (body.format !== undefined && !(String(body.format) in PAGE_SIZES))
				return invalid('v2_invalid_format', messages.invalidFormat(String(body.format), 'format'));
			if (body.lang !== undefined && !['RUS', 'ENG'].includes(String(body.lang)))
				return invalid('v2_invalid_format', messages.invalidFormat(String(body.lang), 'lang'));
			value.format = body.format === undefined ? undefined : String(body.format);
			value.lang = body.lang === undefined ? undefined : String(body.lang);
		} else if (body.type !== undefined) {
			if (!WAYBILL_TYPES.includes(String(body.type)))
				return invalid('v2_invalid_format', messages.invalidFormat(String(body.type), 'type'));
			value.type = String(body.type);
		}
		return { ok: true, value };
	}
}

function orderRef(entry: unknown): PrintOrderRef | { error: ApiError } {
	if (!isPlainObject(entry))
		return { error: { code: 'v2_order_number_empty', message: messages.orderNumberEmpty } };
	const uuid = entry.order_uuid;
	const number = entry.cdek_number;
	if (uuid !== undefined && uuid !== null && uuid !== '') {
		if (typeof uuid !== 'string' || !UUID_PATTERN.test(uuid))
			return {
				error: {
					code: 'v2_invalid_format',
					message: messages.invalidFormat(String(uuid), 'order_uuid'),
				},
			};
		return { order_uuid: uuid.toLowerCase() };
	}
	if (number !== undefined && number !== null && number !== '') {
		if (!/^\d{1,19}$/.test(String(number)))
			return {
				error: {
					code: 'v2_invalid_format',
					message: messages.invalidFormat(String(number), 'cdek_number'),
				},
			};
		return { cdek_number: String(number) };
	}
	return { error: { code: 'v2_order_number_empty', message: messages.orderNumberEmpty } };
}

/** An order CDEK is still creating: accepted, no number yet. */
function isNotNumberedYet(record: OrderRecord): boolean {
	return !record.data.cdek_number && currentStatus(record)?.code === 'ACCEPTED';
}

/** Orders with a number that were not rejected or deleted can be printed (sandbox choice for REMOVED). */
function isPrintable(record: OrderRecord): boolean {
	const code = currentStatus(record)?.code;
	return Boolean(record.data.cdek_number) && code !== 'INVALID' && code !== 'REMOVED';
}

/** MEASURED as `v2_orders_number_is_empty` on edu, documented without the prefix (docs/reference/cdek-api.md §11). */
function invalidOrdersError(): ApiError {
	return {
		code: 'v2_orders_number_is_empty',
		additional_code: '0x1E0EBE20',
		message: 'Entity is empty. All orders are incorrect',
	};
}
