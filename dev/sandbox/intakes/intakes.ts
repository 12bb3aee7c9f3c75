/**
 * Courier pickups (intakes, docs/reference/cdek-api.md §12): the stored requests and their life cycle. A create is
 * ACCEPTED at once (202) and settles after settleDelayMs: SUCCESSFUL with statuses ACCEPTED → CREATED →
 * READY_FOR_APPOINTMENT (listed newest first, as measured) and an intake number, or INVALID. A delete answers 200
 * and settles to REMOVED. A standalone pickup gets its own waybill order with tariff 158 when it settles.
 */
import type { CounterSet } from '../common/counters';
import { isPlainObject } from '../common/http';
import { randomUuid } from '../common/ids';
import { makeStatus, type OrderRecord } from '../orders/order-record';
import { recordFromBody } from '../orders/order-create';
import type { OrderStore } from '../orders/order-store';
import { OFFICES } from '../locations/offices';
import { placeByCode, placeByName, type Place } from '../locations/geography';
import { PendingRequests, decide } from '../common/pending';
import type { Scheduler } from '../common/scheduler';
import { startsAtDoor } from '../calculator/tariffs';
import { cdekDateTime } from '../common/time';
import type { ApiError, OrderRequest, RequestType } from '../common/types';

export const INTAKE_STATUS_NAMES: Record<string, string> = {
	ACCEPTED: 'Принят',
	CREATED: 'Создан',
	READY_FOR_APPOINTMENT: 'Готова к назначению',
	APPOINTED_COURIER: 'Назначен курьер',
	DONE: 'Выполнена',
	PROBLEM_DETECTED: 'Выявлена проблема',
	PROCESSING_REQUIRED: 'Требует обработки',
	INVALID: 'Некорректная заявка',
	REMOVED: 'Отменена',
};

/** REMOVED is final (§12); DONE and INVALID are treated as final too (sandbox choice, UNVERIFIED). */
export const FINAL_INTAKE_STATUSES = new Set(['REMOVED', 'DONE', 'INVALID']);

export interface IntakeStatus {
	code: string;
	name: string;
	date_time: string;
}

export interface IntakeRecord {
	seq: number;
	uuid: string;
	/** The intake entity's fields in the measured key order, statuses excluded. */
	fields: Record<string, unknown>;
	/** Newest first (measured, §12). */
	statuses: IntakeStatus[];
	/** Newest first. */
	requests: OrderRequest[];
	/** The order the pickup is for; a standalone pickup gets one when it settles. */
	orderUuid?: string;
	standalone: boolean;
	/** Where the courier comes, for `v2_intake_exists_by_date_address` and local time. */
	place?: Place;
}

export interface IntakeServiceDeps {
	orders: OrderStore;
	counters: CounterSet;
	scheduler: Scheduler;
	settleDelayMs: () => number;
	/** SandboxOptions.intakeExistsCheck. */
	existsCheck: () => 'request' | 'settle';
}

const FIRST_INTAKE_NUMBER = 13310001;

export const isLive = (record: IntakeRecord): boolean =>
	!['REMOVED', 'INVALID'].includes(record.statuses[0]?.code ?? '');

export class IntakeService {
	private readonly intakes = new Map<string, IntakeRecord>();
	private seq = 0;

	private readonly pending: PendingRequests;

	constructor(private readonly deps: IntakeServiceDeps) {
		this.pending = new PendingRequests(deps.scheduler, deps.settleDelayMs);
	}

	get(uuid: string): IntakeRecord | undefined {
		return this.intakes.get(uuid.toLowerCase());
	}

	/** Pickups of an order, oldest first. */
	ofOrder(orderUuid: string): IntakeRecord[] {
		return [...this.intakes.values()].filter((record) => record.orderUuid === orderUuid);
	}

	liveAt(place: Place | undefined, address: string, date: string): IntakeRecord | undefined {
		const key = address.trim().toLowerCase();
		return [...this.intakes.values()].find(
			(record) =>
				record.standalone &&
				isLive(record) &&
				record.fields.intake_date === date &&
				record.place?.code === place?.code &&
				String((record.fields.from_location as Record<string, unknown>)?.address ?? '')
					.trim()
					.toLowerCase() === key,
		);
	}

	/** A checked create body: for an order (its record) or standalone (the place of its address). */
	create(
		body: Record<string, unknown>,
		target: { order: OrderRecord } | { place?: Place },
	): IntakeRecord {
		const uuid = randomUuid();
		const record: IntakeRecord = {
			seq: ++this.seq,
			uuid,
			fields: { uuid, ...pickupFields(body, 'order' in target ? target.order : undefined) },
			statuses: [status('ACCEPTED')],
			requests: [],
			standalone: !('order' in target),
			...('order' in target
				? { orderUuid: target.order.uuid, place: placeOfOrder(target.order) }
				: { place: target.place }),
		};
		this.intakes.set(uuid, record);
		const key = record.orderUuid ?? uuid;
		this.deps.counters.operation('intakes', key, 'registered');
		this.register(
			record,
			'CREATE',
			() => this.settleCreate(record, body),
			() => this.deps.counters.operation('intakes', key, 'applied'),
		);
		return record;
	}

	delete(record: IntakeRecord): OrderRequest {
		this.deps.counters.operation('intakeDeletes', record.uuid, 'registered');
		return this.register(
			record,
			'DELETE',
			() => {
				if (FINAL_INTAKE_STATUSES.has(record.statuses[0].code))
					return [
						{
							code: 'v2_entity_has_final_status',
							message: `Operation is forbidden. Entity has final status ${record.statuses[0].code}`,
						},
					];
				record.statuses.unshift(status('REMOVED'));
				return [];
			},
			() => this.deps.counters.operation('intakeDeletes', record.uuid, 'applied'),
		);
	}

	similarInFlight(record: IntakeRecord, type: RequestType): OrderRequest | undefined {
		return record.requests.find((request) => request.type === type && request.state === 'ACCEPTED');
	}

	render(record: IntakeRecord): Record<string, unknown> {
		return { ...record.fields, statuses: record.statuses.map((s) => ({ ...s })) };
	}

	/** Settles every ACCEPTED pickup request now, oldest first. */
	settlePending(): number {
		return this.pending.settleAll();
	}

	/** Forgets every pickup and its pending requests. */
	reset(): void {
		this.pending.drop();
		this.intakes.clear();
		this.seq = 0;
	}

	private register(
		record: IntakeRecord,
		type: RequestType,
		settle: () => ApiError[],
		applied: () => void,
	): OrderRequest {
		const request = this.pending.add(type, (accepted) => {
			const errors = settle();
			if (errors.length === 0) applied();
			decide(accepted, errors);
		});
		record.requests.unshift(request);
		return request;
	}

	/**
	 * A pickup for an order needs a new order (ACCEPTED or CREATED) whose tariff starts at the door
	 * (`error_validate_build_ci_from_order`, §12); this is checked when the request settles (sandbox choice).
	 */
	private settleCreate(record: IntakeRecord, body: Record<string, unknown>): ApiError[] {
		if (record.statuses[0].code !== 'ACCEPTED') return []; // deleted while pending
		if (record.orderUuid) {
			const order = this.deps.orders.get(record.orderUuid) as OrderRecord;
			// Only an earlier pickup counts: the one CDEK accepted first keeps the order.
			const other = this.ofOrder(order.uuid).find(
				(pickup) => pickup.seq < record.seq && isLive(pickup),
			);
			if (this.deps.existsCheck() === 'settle' && other) {
				record.statuses.unshift(status('INVALID'));
				this.deps.counters.operation('intakes', order.uuid, 'rejected');
				return [
					{
						code: 'v2_intake_exists_by_order',
						message: `Intake exists by order ${order.data.cdek_number ?? order.uuid}`,
					},
				];
			}
			const fresh = ['ACCEPTED', 'CREATED'].includes(order.statuses[0]?.code ?? '');
			if (!fresh || !startsAtDoor(order.data.tariff_code)) {
				record.statuses.unshift(status('INVALID'));
				this.deps.counters.operation('intakes', order.uuid, 'rejected');
				return [
					{
						code: 'error_validate_build_ci_from_order',
						message:
							'Создание заявки из заказа возможно только по новым заказам при режиме «от двери»',
					},
				];
			}
			record.fields = orderDetails(order, record.fields);
		} else {
			const order = this.waybillOrder(record, body);
			record.orderUuid = order.uuid;
			const sent = record.fields.from_location as Record<string, unknown>;
			record.fields = {
				...record.fields,
				cdek_number: order.data.cdek_number,
				order_uuid: order.uuid,
				// CDEK fills in the city of the address (measured, §12).
				from_location: record.place ? { ...placeLocation(record.place), ...sent } : sent,
			};
		}
		const { weight, length, width, height } = record.fields;
		record.fields = reorder({
			...record.fields,
			intake_number: String(FIRST_INTAKE_NUMBER + record.seq - 1),
			to_location: officeLocation(record.place),
			packages: [{ package_id: randomUuid(), weight, length, width, height }],
			contragent_uuid: 'ed75ecf4-30ed-4153-afe9-eb80bb512f22',
		});
		record.statuses = [status('READY_FOR_APPOINTMENT'), status('CREATED'), ...record.statuses];
		return [];
	}

	/** Since 26 Aug 2025 every pickup needs a waybill; CDEK creates a tariff 158 order for a standalone one (§12). */
	private waybillOrder(record: IntakeRecord, body: Record<string, unknown>): OrderRecord {
		const { orders } = this.deps;
		const sender = (body.sender ?? {}) as Record<string, unknown>;
		const from = body.from_location as Record<string, unknown>;
		const office = OFFICES.find(
			(o) => o.location.city_code === (record.place?.code ?? 44) && o.type === 'PVZ',
		);
		const order = recordFromBody(
			{
				type: 2,
				tariff_code: 158,
				sender,
				recipient: { name: 'СДЭК', phones: [{ number: '+78002501405' }] },
				from_location: {
					...(record.place ? { code: record.place.code } : {}),
					address: from.address,
				},
				delivery_point: office?.code ?? 'MSK65',
				packages: [
					{
						number: '1',
						weight: record.fields.weight,
						length: record.fields.length,
						width: record.fields.width,
						height: record.fields.height,
					},
				],
			},
			randomUuid(),
			orders.nextSeq(),
		);
		const now = new Date();
		order.statuses = [makeStatus(order, 'CREATED', now), makeStatus(order, 'ACCEPTED', now)];
		order.requests = [
			{
				request_uuid: randomUuid(),
				type: 'CREATE',
				date_time: cdekDateTime(now),
				state: 'SUCCESSFUL',
			},
		];
		order.data.cdek_number = orders.allocateCdekNumber();
		orders.add(order);
		return order;
	}
}

function status(code: string): IntakeStatus {
	return { code, name: INTAKE_STATUS_NAMES[code], date_time: cdekDateTime() };
}

/** The create body's own fields, in the measured order; a pickup for an order takes the rest from the order. */
function pickupFields(body: Record<string, unknown>, order?: OrderRecord): Record<string, unknown> {
	const pick = (...names: string[]) =>
		Object.fromEntries(
			names.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]),
		);
	return {
		...(order?.data.cdek_number ? { cdek_number: order.data.cdek_number } : {}),
		...(order ? { order_uuid: order.uuid } : {}),
		...pick(
			'intake_date',
			'intake_time_from',
			'intake_time_to',
			'lunch_time_from',
			'lunch_time_to',
			'name',
		),
		...(order
			? {}
			: {
					weight: body.weight ?? 100,
					length: body.length ?? 1,
					width: body.width ?? 1,
					height: body.height ?? 1,
				}),
		...pick('comment'),
		...(order ? {} : { sender: phonesWithoutPlus(body.sender), from_location: body.from_location }),
		need_call: body.need_call === true,
		...pick('courier_power_of_attorney', 'courier_identity_card'),
	};
}

function phonesWithoutPlus(sender: unknown): unknown {
	if (!isPlainObject(sender) || !Array.isArray(sender.phones)) return sender;
	return {
		...sender,
		phones: sender.phones.map((phone) =>
			isPlainObject(phone)
				? { ...phone, number: String(phone.number ?? '').replace(/^\+/, '') }
				: phone,
		),
	};
}

/** Name, weight, sizes, sender and address come from the order (§12). */
function orderDetails(
	order: OrderRecord,
	fields: Record<string, unknown>,
): Record<string, unknown> {
	const pkg = order.data.packages[0];
	return {
		...fields,
		name: fields.name ?? `Заказ ${order.data.number ?? order.uuid}`,
		weight: pkg?.weight ?? 100,
		length: pkg?.length ?? 1,
		width: pkg?.width ?? 1,
		height: pkg?.height ?? 1,
		sender: order.data.sender,
		from_location: order.data.from_location,
	};
}

const FIELD_ORDER = [
	'uuid',
	'cdek_number',
	'order_uuid',
	'intake_date',
	'intake_number',
	'intake_time_from',
	'intake_time_to',
	'lunch_time_from',
	'lunch_time_to',
	'name',
	'weight',
	'length',
	'width',
	'height',
	'comment',
	'sender',
	'from_location',
	'to_location',
	'need_call',
	'courier_power_of_attorney',
	'courier_identity_card',
];

function reorder(fields: Record<string, unknown>): Record<string, unknown> {
	const known = FIELD_ORDER.filter((name) => fields[name] !== undefined).map((name) => [
		name,
		fields[name],
	]);
	const rest = Object.entries(fields).filter(([name]) => !FIELD_ORDER.includes(name));
	return Object.fromEntries([...known, ...rest]);
}

export function placeOfOrder(order: OrderRecord): Place | undefined {
	return (
		placeByCode(order.data.from_location.code) ??
		placeByName(order.data.from_location.city, order.data.from_location.address)
	);
}

function placeLocation(place: Place): Record<string, unknown> {
	return {
		code: place.code,
		city_uuid: place.city_uuid,
		city: place.city,
		fias_guid: place.fias_guid,
		country_code: place.country_code,
		country: place.country,
		region: place.region,
		region_code: place.region_code,
		...(place.sub_region ? { sub_region: place.sub_region } : {}),
		longitude: place.longitude,
		latitude: place.latitude,
	};
}

/** `to_location` is the CDEK office the courier brings the cargo to (measured, §12). */
function officeLocation(place: Place | undefined): Record<string, unknown> {
	const office =
		OFFICES.find((o) => o.location.city_code === (place?.code ?? 44) && o.type === 'PVZ') ??
		OFFICES[0];
	const { location } = office;
	return {
		code: location.city_code,
		city: location.city,
		country_code: location.country_code,
		address: location.address_full,
		postal_code: location.postal_code,
	};
}
