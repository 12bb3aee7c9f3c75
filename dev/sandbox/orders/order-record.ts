/**
 * The stored form of an order and its rendering as GET /v2/orders/{uuid} returns it (docs/reference/cdek-api.md §5).
 * Static data is built once; statuses, requests and related entities change over time.
 */
import {
	CITIES,
	GOODS,
	RECIPIENTS,
	SHOP,
	TARIFFS,
	location,
	type City,
	type CityKey,
} from '../common/fixtures';
import { stableDigits, stableUuid } from '../common/ids';
import { statusInfo } from './statuses';
import { cdekDateTime, isoDate } from '../common/time';
import type {
	Order,
	OrderRequest,
	OrderResponse,
	OrderStatus,
	Package,
	PackageItem,
	Party,
	RelatedEntity,
} from '../common/types';

export interface StatusRecord extends OrderStatus {
	/** For webhooks (`city_code`); not part of OrderStatusDto. */
	city_code: string;
}

export interface OrderRecord {
	seq: number;
	uuid: string;
	/** Entity fields in the measured key order; `statuses` is filled in by renderOrder. */
	data: Order;
	statuses: StatusRecord[];
	requests: OrderRequest[];
	related: RelatedEntity[];
	route: { sender: City; transit: City; recipient: City };
}

export interface OrderSpec {
	uuid: string;
	number: string;
	cdekNumber?: string;
	type: number;
	tariffCode: number;
	from: CityKey;
	to: CityKey;
	transit?: CityKey;
	recipientIndex: number;
	/** Indexes into GOODS with amounts. */
	items: Array<{ goods: number; amount: number; delivered?: number }>;
	/** Prepaid online: nothing to collect on delivery (payment.value 0). */
	prepaid: boolean;
	comment?: string;
	isReturn?: boolean;
	isClientReturn?: boolean;
}

function phoneDigits(phone: string): string {
	return phone.replace(/^\+/, ''); // GET returns phones without "+" (measured, docs/reference/cdek-api.md §9)
}

function round2(n: number): number {
	return Math.round(n * 100) / 100;
}

function buildPackage(spec: OrderSpec): Package {
	const items: PackageItem[] = spec.items.map(({ goods, amount }) => {
		const g = GOODS[goods % GOODS.length];
		return {
			name: g.name,
			ware_key: g.ware_key,
			payment: { value: spec.prepaid ? 0 : g.cost, vat_sum: 0 },
			weight: g.weight,
			weight_gross: g.weight + 20,
			amount,
			delivery_amount: 0,
			url: g.url,
			return_item_detail: {},
			excise: false,
			cost: g.cost,
		};
	});
	const weight = items.reduce((sum, i) => sum + i.weight * i.amount, 0) + 150;
	const [length, width, height] =
		weight > 1500 ? [40, 30, 20] : weight > 600 ? [30, 20, 15] : [20, 15, 10];
	const weightVolume = Math.round((length * width * height) / 5);
	return {
		number: '1',
		barcode: stableDigits(`barcode:${spec.uuid}`, 12),
		weight,
		length,
		width,
		height,
		weight_volume: weightVolume,
		weight_calc: Math.max(weight, weightVolume),
		items,
		package_id: stableUuid(`package:${spec.uuid}`),
	};
}

/**
 * Parties and locations are shared between records (bulk orders stay cheap): they are never mutated after
 * creation; renderOrder and deriveReturnRecord copy them.
 */
const shared = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
	if (!shared.has(key)) shared.set(key, make());
	return shared.get(key) as T;
}

/** Builds the static part of an order (everything but statuses/requests/links). */
export function buildRecord(spec: OrderSpec, seq: number): OrderRecord {
	const from = CITIES[spec.from];
	const to = CITIES[spec.to];
	const tariff = TARIFFS[spec.tariffCode] ?? TARIFFS[139];
	const person = RECIPIENTS[spec.recipientIndex % RECIPIENTS.length];
	const shop = once<Party>('shop', () => ({
		company: SHOP.company,
		name: SHOP.name,
		contragent_type: 'LEGAL_ENTITY',
		phones: [{ number: phoneDigits(SHOP.phone) }],
		passport_requirements_satisfied: false,
	}));
	const customer = once<Party>(`person:${person.phone}`, () => ({
		name: person.name,
		phones: [{ number: phoneDigits(person.phone) }],
		email: person.email,
		contragent_type: 'INDIVIDUAL',
		passport_requirements_satisfied: false,
	}));
	// Returns travel back: the customer sends, the shop receives.
	const [sender, recipient] =
		spec.isReturn || spec.isClientReturn ? [customer, shop] : [shop, customer];
	const pkg = buildPackage(spec);
	const declared = (pkg.items ?? []).reduce((sum, i) => sum + i.cost * i.amount, 0);
	const insurance = round2(declared * 0.0075);
	const insuranceVat = round2(insurance * 0.22);
	const deliveryVat = round2(tariff.price * 0.22);
	const fromAddress = spec.isReturn || spec.isClientReturn ? person.address : undefined;
	const toAddress = spec.isReturn || spec.isClientReturn ? undefined : person.address;

	const data: Order = {
		uuid: spec.uuid,
		type: spec.type,
		is_return: Boolean(spec.isReturn),
		is_reverse: false,
		...(spec.cdekNumber ? { cdek_number: spec.cdekNumber } : {}),
		number: spec.number,
		tariff_code: spec.tariffCode,
		...(spec.comment ? { comment: spec.comment } : {}),
		items_cost_currency: 'RUB',
		recipient_currency: 'RUB',
		sender,
		seller: once('seller', () => ({ name: SHOP.company })),
		recipient,
		from_location: sharedLocation(from, tariff.fromOffice ? undefined : fromAddress),
		to_location: sharedLocation(to, tariff.toOffice ? undefined : toAddress),
		...(tariff.fromOffice ? { shipment_point: from.office } : {}),
		...(tariff.toOffice ? { delivery_point: to.office } : {}),
		services: [
			{
				code: 'INSURANCE',
				parameter: declared.toFixed(2),
				sum: insurance,
				total_sum: round2(insurance + insuranceVat),
				discount_percent: 0,
				discount_sum: 0,
				vat_rate: 22,
				vat_sum: insuranceVat,
			},
		],
		packages: [pkg],
		statuses: [],
		is_client_return: Boolean(spec.isClientReturn),
		delivery_mode: tariff.deliveryMode,
		delivery_detail: {
			delivery_sum: tariff.price,
			total_sum: round2(tariff.price + deliveryVat + insurance + insuranceVat),
			payment_info: [],
			delivery_vat_rate: 22,
			delivery_vat_sum: deliveryVat,
			delivery_discount_percent: 0,
			delivery_discount_sum: 0,
		},
		calls: {},
	};
	const transit = CITIES[spec.transit ?? 'ekaterinburg'];
	return {
		seq,
		uuid: spec.uuid,
		data,
		statuses: [],
		requests: [],
		related: [],
		route: { sender: from, transit, recipient: to },
	};
}

function sharedLocation(city: City, address?: string) {
	return once(`location:${city.code}:${address ?? ''}`, () => location(city, address));
}

/** The city a status happens in: the registering office ("Офис СДЭК", measured) or a city on the route. */
export function makeStatus(
	record: OrderRecord,
	code: string,
	date: Date,
	reasonCode?: string,
): StatusRecord {
	const info = statusInfo(code);
	const city =
		info.place === 'office' || info.place === 'sender'
			? record.route.sender
			: info.place === 'transit'
				? record.route.transit
				: record.route.recipient;
	return {
		code,
		name: info.name,
		date_time: cdekDateTime(date),
		city: info.place === 'office' ? 'Офис СДЭК' : city.city,
		...(reasonCode ? { reason_code: reasonCode } : {}),
		deleted: false,
		city_code: String(city.code),
	};
}

/** Marks items delivered when the order reaches DELIVERED (partial delivery keeps the given amounts). */
export function markDelivered(record: OrderRecord, deliveredAmounts?: number[]): void {
	for (const pkg of record.data.packages) {
		(pkg.items ?? []).forEach((item, i) => {
			item.delivery_amount = deliveredAmounts?.[i] ?? item.amount;
		});
	}
}

export function currentStatus(record: OrderRecord): StatusRecord | undefined {
	return record.statuses[0];
}

export function renderOrder(record: OrderRecord): OrderResponse {
	const statuses = record.statuses.map(({ city_code: _cityCode, ...status }) => status);
	const entity: Order = { ...record.data, statuses };
	const newest = record.statuses[0];
	if (newest?.code === 'DELIVERED' && entity.delivery_detail) {
		entity.delivery_detail = {
			date: isoDate(new Date(newest.date_time.replace(/\+0000$/, 'Z'))),
			recipient_name:
				record.data.is_return || record.data.is_client_return
					? SHOP.name
					: record.data.recipient.name,
			...entity.delivery_detail,
		};
	}
	return {
		entity: JSON.parse(JSON.stringify(entity)) as Order,
		requests: record.requests.map((r) => ({ ...r })),
		related_entities: record.related.map((r) => ({ ...r })),
	};
}

export type ReturnKind = 'return' | 'client_return';

/**
 * A return order derived from a direct one: refusal → `is_return` (linked return_order/direct_order), client
 * return → `is_client_return` (linked client_return_order/client_direct_order) (docs/reference/cdek-api.md §3, §4).
 * The return's shop number gets a suffix ("-RET"/"-CR"): CDEK does not document it; a suffix keeps
 * `?im_number=` lookups of the direct order unambiguous (sandbox choice).
 */
export function deriveReturnRecord(
	direct: OrderRecord,
	kind: ReturnKind,
	ids: { uuid: string; cdekNumber?: string; seq: number; tariffCode?: number },
): OrderRecord {
	const src = JSON.parse(JSON.stringify(direct.data)) as Order;
	const packages = src.packages.map((pkg) => ({
		...pkg,
		barcode: stableDigits(`barcode:${ids.uuid}`, 12),
		package_id: stableUuid(`package:${ids.uuid}:${pkg.number}`),
		items: (pkg.items ?? []).map((item) => ({
			...item,
			payment: { value: 0, vat_sum: 0 },
			delivery_amount: 0,
		})),
	}));
	const { delivery_detail: detail } = src;
	const data: Order = {
		uuid: ids.uuid,
		type: src.type,
		is_return: kind === 'return',
		is_reverse: false,
		...(ids.cdekNumber ? { cdek_number: ids.cdekNumber } : {}),
		number: `${src.number ?? direct.uuid}${kind === 'return' ? '-RET' : '-CR'}`,
		tariff_code: ids.tariffCode ?? src.tariff_code,
		items_cost_currency: 'RUB',
		recipient_currency: 'RUB',
		sender: src.recipient,
		seller: src.seller,
		recipient: src.sender,
		from_location: src.to_location,
		to_location: src.from_location,
		...(src.delivery_point ? { shipment_point: src.delivery_point } : {}),
		...(src.shipment_point ? { delivery_point: src.shipment_point } : {}),
		services: src.services,
		packages,
		statuses: [],
		is_client_return: kind === 'client_return',
		delivery_mode: src.delivery_mode,
		...(detail ? { delivery_detail: { ...detail } } : {}),
		calls: {},
	};
	return {
		seq: ids.seq,
		uuid: ids.uuid,
		data,
		statuses: [],
		requests: [],
		related: [],
		route: {
			sender: direct.route.recipient,
			transit: direct.route.transit,
			recipient: direct.route.sender,
		},
	};
}
