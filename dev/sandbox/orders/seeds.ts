/**
 * Seeded orders: the same uuids, CDEK numbers and shop numbers on every start (example workflows hard-code them).
 * Dates are fixed too. The shape follows the measured OPI/[OCO] samples (docs/reference/cdek-api.md §5).
 */
import type { CityKey } from '../common/fixtures';
import { stableUuid } from '../common/ids';
import { applyHistory, historyTimes, settledRequest } from './order-factory';
import { buildRecord, deriveReturnRecord, type OrderRecord, type ReturnKind } from './order-record';
import type { OrderStore } from './order-store';
import { historyFor } from './statuses';
import type { OrderRequest, RequestType, SeedName, SeedOrder, SeedOrders } from '../common/types';

interface DirectSeed {
	name: SeedName;
	uuid: string;
	number: string;
	cdekNumber?: string;
	type: 1 | 2;
	tariffCode: number;
	from: CityKey;
	to: CityKey;
	items: Array<{ goods: number; amount: number }>;
	prepaid: boolean;
	/** Codes oldest first; default historyFor(status). */
	history?: string[];
	status: string;
	reasonCode?: string;
	start: string;
	comment?: string;
	/** Extra settled request after the last status (removal, refusal, client return). */
	followUp?: RequestType;
}

interface ReturnSeed {
	name: SeedName;
	of: SeedName;
	kind: ReturnKind;
	uuid: string;
	cdekNumber: string;
	tariffCode?: number;
}

const DIRECT_SEEDS: DirectSeed[] = [
	{
		name: 'created',
		uuid: '0d515d31-391c-4144-8b49-2c24c5eff895',
		number: 'SHOP-1001',
		cdekNumber: '1109940741',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [{ goods: 0, amount: 2 }],
		prepaid: true,
		status: 'CREATED',
		start: '2026-11-20T08:12:04Z',
	},
	// ACCEPTED newer than CREATED, as in the OPI Get-order capture (docs/reference/cdek-api.md §5).
	{
		name: 'accepted',
		uuid: '902613f0-a12c-4e32-b411-b4554838edf6',
		number: 'SHOP-1002',
		cdekNumber: '1109940742',
		type: 1,
		tariffCode: 139,
		from: 'moscow',
		to: 'spb',
		items: [{ goods: 3, amount: 1 }],
		prepaid: true,
		history: ['CREATED', 'ACCEPTED'],
		status: 'ACCEPTED',
		start: '2026-11-20T09:26:59Z',
		comment: 'Позвонить за час до доставки',
	},
	{
		name: 'inTransit',
		uuid: 'b08d4f71-7b5f-49e6-ae97-8424ef739b42',
		number: 'SHOP-1003',
		cdekNumber: '1109940743',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [{ goods: 1, amount: 1 }],
		prepaid: true,
		status: 'SENT_TO_RECIPIENT_CITY',
		start: '2026-11-17T07:40:10Z',
	},
	{
		name: 'inTransit2',
		uuid: '19c33385-c3a0-40ef-b9da-b2208c1edb11',
		number: 'SHOP-1013',
		cdekNumber: '1109940756',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'kazan',
		items: [{ goods: 4, amount: 2 }],
		prepaid: false,
		status: 'RECEIVED_AT_SHIPMENT_WAREHOUSE',
		start: '2026-11-19T11:05:33Z',
	},
	{
		name: 'inTransit3',
		uuid: '75d89787-280b-4621-a93b-439e8fead001',
		number: 'SHOP-1014',
		cdekNumber: '1109940757',
		type: 1,
		tariffCode: 137,
		from: 'moscow',
		to: 'spb',
		items: [{ goods: 2, amount: 1 }],
		prepaid: true,
		status: 'TAKEN_BY_COURIER',
		start: '2026-11-16T13:20:45Z',
	},
	{
		name: 'inTransit4',
		uuid: '14344084-ca98-4b20-a080-d28680fe4394',
		number: 'SHOP-1015',
		cdekNumber: '1109940758',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [{ goods: 5, amount: 3 }],
		prepaid: false,
		status: 'ACCEPTED_AT_TRANSIT_WAREHOUSE',
		start: '2026-11-18T06:55:02Z',
	},
	{
		name: 'readyForPickup',
		uuid: '3fd20f01-584f-4671-893d-31f833ff90fe',
		number: 'SHOP-1004',
		cdekNumber: '1109940744',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'kazan',
		items: [{ goods: 2, amount: 1 }],
		prepaid: false,
		status: 'ACCEPTED_AT_PICK_UP_POINT',
		start: '2026-11-14T10:02:11Z',
	},
	{
		name: 'delivered',
		uuid: '00d21d33-ea52-4b49-aac1-b24de9e55ea4',
		number: 'SHOP-1005',
		cdekNumber: '1109940745',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [
			{ goods: 1, amount: 1 },
			{ goods: 0, amount: 1 },
		],
		prepaid: true,
		status: 'DELIVERED',
		start: '2026-11-05T09:14:27Z',
	},
	{
		name: 'delivered2',
		uuid: 'e8e08e7e-3267-4e72-aa37-faea6db3a3e7',
		number: 'SHOP-1006',
		cdekNumber: '1109940746',
		type: 1,
		tariffCode: 137,
		from: 'moscow',
		to: 'spb',
		items: [{ goods: 3, amount: 1 }],
		prepaid: true,
		status: 'DELIVERED',
		start: '2026-11-06T12:31:50Z',
	},
	{
		name: 'deliveredDeliveryType',
		uuid: 'b980ab15-34bc-4d42-8a9e-200482765e27',
		number: 'SHOP-1007',
		cdekNumber: '1109940747',
		type: 2,
		tariffCode: 139,
		from: 'spb',
		to: 'moscow',
		items: [{ goods: 5, amount: 1 }],
		prepaid: true,
		status: 'DELIVERED',
		start: '2026-11-07T08:45:18Z',
	},
	{
		name: 'partiallyDelivered',
		uuid: 'f0b06d6d-4280-4016-98c0-93a61abb22a0',
		number: 'SHOP-1008',
		cdekNumber: '1109940748',
		type: 1,
		tariffCode: 137,
		from: 'moscow',
		to: 'ekaterinburg',
		items: [
			{ goods: 0, amount: 1 },
			{ goods: 1, amount: 1 },
		],
		prepaid: false,
		status: 'DELIVERED',
		reasonCode: '20',
		start: '2026-11-08T10:10:10Z',
	},
	// Storage period expired at the pick-up point (reason 23, docs/reference/cdek-api.md §8), CDEK returns it to the shop.
	{
		name: 'notDelivered',
		uuid: 'e5b3c00b-cdf4-4d04-8bfc-7d69bb2f87f4',
		number: 'SHOP-1009',
		cdekNumber: '1109940749',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'krasnodar',
		items: [{ goods: 4, amount: 1 }],
		prepaid: false,
		status: 'NOT_DELIVERED',
		reasonCode: '23',
		start: '2026-11-02T07:30:00Z',
	},
	{
		name: 'removed',
		uuid: '950451b6-6daf-42ad-a735-b00e97be0e74',
		number: 'SHOP-1010',
		cdekNumber: '1109940751',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [{ goods: 2, amount: 1 }],
		prepaid: true,
		status: 'REMOVED',
		start: '2026-11-12T15:00:41Z',
		followUp: 'DELETE',
	},
	{
		name: 'alreadyRefused',
		uuid: '209094b6-d434-40f9-9e2a-df8034ae8305',
		number: 'SHOP-1011',
		cdekNumber: '1109940752',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [{ goods: 3, amount: 1 }],
		prepaid: true,
		history: [
			...historyFor('SENT_TO_RECIPIENT_CITY', 'ACCEPTED_AT_PICK_UP_POINT'),
			'NOT_DELIVERED',
		],
		status: 'NOT_DELIVERED',
		reasonCode: '11',
		start: '2026-11-10T09:00:12Z',
		followUp: 'CREATE_REFUSAL',
	},
	{
		name: 'alreadyClientReturned',
		uuid: '69a5d81a-b2f8-4c3e-9388-0c4c212fe8b7',
		number: 'SHOP-1012',
		cdekNumber: '1109940754',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'spb',
		items: [{ goods: 1, amount: 1 }],
		prepaid: true,
		status: 'DELIVERED',
		start: '2026-11-03T11:11:11Z',
		followUp: 'CREATE_CLIENT_RETURN',
	},
	{
		name: 'invalid',
		uuid: 'f59e70f4-62d2-4f5f-b91f-b4db1be293ec',
		number: 'SHOP-1016',
		type: 1,
		tariffCode: 136,
		from: 'moscow',
		to: 'novosibirsk',
		items: [{ goods: 0, amount: 1 }],
		prepaid: true,
		status: 'INVALID',
		start: '2026-11-21T08:36:55Z',
	},
];

const RETURN_SEEDS: ReturnSeed[] = [
	{
		name: 'notDeliveredReturn',
		of: 'notDelivered',
		kind: 'return',
		uuid: 'd10d0500-d249-48ce-83e9-e78fa12bd171',
		cdekNumber: '1109940750',
	},
	{
		name: 'alreadyRefusedReturn',
		of: 'alreadyRefused',
		kind: 'return',
		uuid: '5f827f88-b50a-4a90-bda9-e5427bcfe8e5',
		cdekNumber: '1109940753',
	},
	{
		name: 'alreadyClientReturnedReturn',
		of: 'alreadyClientReturned',
		kind: 'client_return',
		uuid: '51cc1a8f-0eb4-4917-b32d-7f7b22d74ad0',
		cdekNumber: '1109940755',
		tariffCode: 136,
	},
];

const RETURN_CREATED_AFTER_MS = 60 * 1000;

function seedDirect(seed: DirectSeed, seq: number): OrderRecord {
	const record = buildRecord(
		{
			uuid: seed.uuid,
			number: seed.number,
			cdekNumber: seed.cdekNumber,
			type: seed.type,
			tariffCode: seed.tariffCode,
			from: seed.from,
			to: seed.to,
			recipientIndex: seq - 1,
			items: seed.items,
			prepaid: seed.prepaid,
			comment: seed.comment,
		},
		seq,
	);
	const lastMile = record.data.delivery_point ? 'ACCEPTED_AT_PICK_UP_POINT' : 'TAKEN_BY_COURIER';
	const codes = seed.history ?? historyFor(seed.status, lastMile);
	const times = historyTimes(codes.length, Date.parse(seed.start));
	applyHistory(record, codes, times, seed.reasonCode);
	const requestId = (type: string) => stableUuid(`seed-request:${seed.name}:${type}`);
	// The CREATE request settles one second after the first status (measured 12:42:04 → 12:42:05, docs/reference/cdek-api.md §5).
	const createErrors =
		seed.status === 'INVALID'
			? [
					{
						code: 'error_validate_receiver_delivery_point_is_empty',
						message: 'Не задан офис получателя',
					},
				]
			: undefined;
	const requests: OrderRequest[] = [
		settledRequest('CREATE', times[0] + 1000, requestId('CREATE'), createErrors),
	];
	if (seed.followUp) {
		const last = times[times.length - 1];
		const at = seed.followUp === 'CREATE_CLIENT_RETURN' ? last + 3 * 24 * 3600 * 1000 : last;
		requests.unshift(settledRequest(seed.followUp, at, requestId(seed.followUp)));
	}
	record.requests = requests;
	return record;
}

function seedReturn(seed: ReturnSeed, direct: OrderRecord, seq: number): OrderRecord {
	const ret = deriveReturnRecord(direct, seed.kind, {
		uuid: seed.uuid,
		cdekNumber: seed.cdekNumber,
		seq,
		tariffCode: seed.tariffCode,
	});
	// A refusal's return order appears with NOT_DELIVERED; a client return with its request.
	const base =
		seed.kind === 'client_return' ? direct.requests[0].date_time : direct.statuses[0].date_time;
	const start = Date.parse(base.replace(/\+0000$/, 'Z')) + RETURN_CREATED_AFTER_MS;
	applyHistory(ret, ['CREATED'], [start]);
	if (seed.kind === 'return') {
		direct.related.push({
			type: 'return_order',
			uuid: ret.uuid,
			cdek_number: ret.data.cdek_number,
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
	return ret;
}

function summary(name: SeedName, record: OrderRecord): SeedOrder {
	const newest = record.statuses[0];
	return {
		name,
		uuid: record.uuid,
		...(record.data.cdek_number ? { cdek_number: record.data.cdek_number } : {}),
		number: record.data.number ?? record.uuid,
		type: record.data.type,
		status: newest.code,
		...(newest.reason_code ? { reason_code: newest.reason_code } : {}),
		is_return: record.data.is_return,
		is_client_return: record.data.is_client_return,
	};
}

/** Loads all seeds into an empty store; returns their summaries by name. */
export function loadSeeds(store: OrderStore): SeedOrders {
	const byName = new Map<SeedName, OrderRecord>();
	for (const seed of DIRECT_SEEDS) {
		const record = seedDirect(seed, store.nextSeq());
		byName.set(seed.name, record);
		store.add(record);
	}
	for (const seed of RETURN_SEEDS) {
		const record = seedReturn(seed, byName.get(seed.of) as OrderRecord, store.nextSeq());
		byName.set(seed.name, record);
		store.add(record);
	}
	const seeds = {} as SeedOrders;
	for (const [name, record] of byName) seeds[name] = summary(name, record);
	return seeds;
}

/** In the order the CLI prints them. */
export const SEED_NAMES: SeedName[] = [
	...DIRECT_SEEDS.map((s) => s.name),
	...RETURN_SEEDS.map((s) => s.name),
];
