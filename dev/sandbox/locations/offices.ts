/**
 * CDEK offices (pick-up points and parcel lockers) as GET /v2/deliverypoints returns them (docs/reference/cdek-api.md §14,
 * shape of OfficeDto plus the measured `name` and `status`). Hand-written offices in the fixture cities, some
 * lockers and some offices that do not accept parcels, plus generated Moscow offices so that a city's list spans
 * several pages (Moscow has well over a thousand CDEK points). The same on every start.
 */
import { CITIES } from '../common/fixtures';
import { placeByCode, type Place } from './geography';
import { stableDigits, stableUuid } from '../common/ids';

export type OfficeType = 'PVZ' | 'POSTAMAT';

export interface Office {
	code: string;
	name: string;
	uuid: string;
	address_comment?: string;
	nearest_metro_station?: string;
	work_time: string;
	phones: Array<{ number: string }>;
	email: string;
	note?: string;
	type: OfficeType;
	owner_code: string;
	take_only: boolean;
	is_handout: boolean;
	is_reception: boolean;
	is_dressing_room: boolean;
	is_marketplace: boolean;
	is_ltl: boolean;
	have_cashless: boolean;
	have_cash: boolean;
	have_fast_payment_system: boolean;
	allowed_cod: boolean;
	site: string;
	office_image_list: Array<{ url: string }>;
	work_time_list: Array<{ day: number; time: string }>;
	work_time_exception_list: unknown[];
	weight_min: number;
	weight_max: number;
	dimensions?: Array<{ width: number; height: number; depth: number }>;
	location: Record<string, unknown>;
	status: 'ACTIVE';
}

interface OfficeSpec {
	code: string;
	cityCode: number;
	type: OfficeType;
	address: string;
	postalCode?: string;
	/** Accepts parcels from senders (is_reception). */
	reception: boolean;
	metro?: string;
	/** Offset from the city centre, in thousandths of a degree. */
	offset: [number, number];
}

const PVZ_HOURS = { text: 'Пн-Пт 09:00-21:00, Сб-Вс 10:00-18:00', weekday: '09:00/21:00' };
const LOCKER_HOURS = { text: 'Пн-Вс 00:00-23:59', weekday: '00:00/23:59' };

const HAND_WRITTEN: OfficeSpec[] = [
	{
		code: 'MSK65',
		cityCode: 44,
		type: 'PVZ',
		address: CITIES.moscow.officeAddress,
		reception: true,
		metro: 'Менделеевская',
		offset: [20, -15],
	},
	{
		code: 'MSK67',
		cityCode: 44,
		type: 'PVZ',
		address: 'ул. Большая Дмитровка, 32',
		postalCode: '127006',
		reception: true,
		metro: 'Чеховская',
		offset: [12, 3],
	},
	{
		code: 'MSK118',
		cityCode: 44,
		type: 'POSTAMAT',
		address: 'ул. Тверская, 22, ТЦ',
		postalCode: '125009',
		reception: true,
		offset: [10, -6],
	},
	{
		code: 'MSK302',
		cityCode: 44,
		type: 'PVZ',
		address: 'Ленинский пр., 62',
		postalCode: '119296',
		reception: false,
		metro: 'Университет',
		offset: [-50, -40],
	},
	{
		code: 'NSK27',
		cityCode: 270,
		type: 'PVZ',
		address: CITIES.novosibirsk.officeAddress,
		reception: true,
		offset: [14, -20],
	},
	{
		code: 'NSK1',
		cityCode: 270,
		type: 'PVZ',
		address: 'Красный пр., 25',
		postalCode: '630099',
		reception: true,
		metro: 'Площадь Ленина',
		offset: [0, 2],
	},
	{
		code: 'NSK45',
		cityCode: 270,
		type: 'PVZ',
		address: 'ул. Кирова, 86',
		postalCode: '630102',
		reception: false,
		offset: [-8, 25],
	},
	{
		code: 'NSK12',
		cityCode: 270,
		type: 'POSTAMAT',
		address: 'ул. Ватутина, 107, ТЦ «Мега»',
		postalCode: '630129',
		reception: true,
		offset: [-60, -30],
	},
	{
		code: 'NSK90',
		cityCode: 270,
		type: 'POSTAMAT',
		address: 'ул. Гоголя, 13',
		postalCode: '630005',
		reception: false,
		offset: [20, 18],
	},
	{
		code: 'SPB112',
		cityCode: 137,
		type: 'PVZ',
		address: CITIES.spb.officeAddress,
		reception: true,
		metro: 'Лиговский проспект',
		offset: [-12, 16],
	},
	{
		code: 'SPB3',
		cityCode: 137,
		type: 'POSTAMAT',
		address: 'Невский пр., 114',
		postalCode: '191025',
		reception: true,
		offset: [-5, 40],
	},
	{
		code: 'SPB20',
		cityCode: 137,
		type: 'PVZ',
		address: 'ул. Савушкина, 36',
		postalCode: '197183',
		reception: false,
		offset: [50, -70],
	},
	{
		code: 'EKB39',
		cityCode: 250,
		type: 'PVZ',
		address: CITIES.ekaterinburg.officeAddress,
		reception: true,
		offset: [0, 10],
	},
	{
		code: 'KZN18',
		cityCode: 424,
		type: 'PVZ',
		address: CITIES.kazan.officeAddress,
		reception: true,
		offset: [4, 8],
	},
	{
		code: 'KRD24',
		cityCode: 435,
		type: 'PVZ',
		address: CITIES.krasnodar.officeAddress,
		reception: true,
		offset: [12, -4],
	},
	{
		code: 'MNS5',
		cityCode: 9220,
		type: 'PVZ',
		address: 'пр. Независимости, 58',
		postalCode: '220005',
		reception: true,
		offset: [15, 30],
	},
	{
		code: 'ALA3',
		cityCode: 4756,
		type: 'PVZ',
		address: 'пр. Абая, 44',
		postalCode: '050008',
		reception: true,
		offset: [-10, 12],
	},
];

const MOSCOW_STREETS = [
	'Профсоюзная ул.',
	'Люблинская ул.',
	'ул. Вавилова',
	'Варшавское ш.',
	'Кутузовский пр.',
	'ул. Маршала Жукова',
	'Дмитровское ш.',
	'Шоссе Энтузиастов',
	'Мичуринский пр.',
	'ул. Декабристов',
	'Каширское ш.',
	'Щёлковское ш.',
];

/** Generated Moscow offices: MSK1001…MSK2200; every fifth is a locker, every fourth does not accept parcels. */
export const GENERATED_MOSCOW_OFFICES = 1200;

function generatedMoscow(): OfficeSpec[] {
	return Array.from({ length: GENERATED_MOSCOW_OFFICES }, (_, i) => ({
		code: `MSK${1001 + i}`,
		cityCode: 44,
		type: i % 5 === 4 ? 'POSTAMAT' : 'PVZ',
		address: `${MOSCOW_STREETS[i % MOSCOW_STREETS.length]}, ${1 + Math.floor(i / MOSCOW_STREETS.length)}`,
		postalCode: String(109000 + (i % 900)),
		reception: i % 4 !== 3,
		offset: [((i * 37) % 300) - 150, ((i * 53) % 400) - 200],
	}));
}

function build(spec: OfficeSpec): Office {
	const place = placeByCode(spec.cityCode) as Place;
	const locker = spec.type === 'POSTAMAT';
	const hours = locker ? LOCKER_HOURS : PVZ_HOURS;
	const postalCode = spec.postalCode ?? place.postal_code;
	const latitude = Math.round((place.latitude + spec.offset[0] / 1000) * 1e6) / 1e6;
	const longitude = Math.round((place.longitude + spec.offset[1] / 1000) * 1e6) / 1e6;
	const street = spec.address.split(',')[0];
	return {
		code: spec.code,
		// Measured names read "MSK65, Москва, ул. Динамовская" (docs/reference/cdek-api.md §14).
		name: `${spec.code}, ${place.city}, ${street}`,
		uuid: stableUuid(`office:${spec.code}`),
		...(locker ? {} : { address_comment: 'Вход со стороны двора, вывеска СДЭК' }),
		...(spec.metro ? { nearest_metro_station: spec.metro } : {}),
		work_time: hours.text,
		phones: [{ number: `+7800250${stableDigits(`phone:${spec.code}`, 4)}` }],
		email: `${spec.code.toLowerCase()}@cdek.example`,
		...(locker ? { note: 'Постамат: одно место до 15 кг' } : {}),
		type: spec.type,
		owner_code: 'CDEK',
		take_only: !spec.reception,
		is_handout: true,
		is_reception: spec.reception,
		is_dressing_room: !locker,
		is_marketplace: false,
		is_ltl: false,
		have_cashless: true,
		have_cash: !locker,
		have_fast_payment_system: true,
		allowed_cod: true,
		site: `https://www.cdek.ru/ru/offices/${spec.code.toLowerCase()}`,
		office_image_list: [],
		work_time_list: [1, 2, 3, 4, 5, 6, 7].map((day) => ({
			day,
			time: day <= 5 || locker ? hours.weekday : '10:00/18:00',
		})),
		work_time_exception_list: [],
		weight_min: 0,
		weight_max: locker ? 15 : 30,
		...(locker ? { dimensions: [{ width: 40, height: 38, depth: 64 }] } : {}),
		location: {
			country_code: place.country_code,
			region_code: place.region_code,
			region: place.region,
			city_code: place.code,
			city: place.city,
			fias_guid: place.fias_guid,
			postal_code: postalCode,
			longitude,
			latitude,
			address: spec.address,
			address_full: `${postalCode}, ${place.country}, ${place.region}, ${place.city}, ${spec.address}`,
			city_uuid: place.city_uuid,
		},
		status: 'ACTIVE',
	};
}

export const OFFICES: Office[] = [...HAND_WRITTEN, ...generatedMoscow()].map(build);

export const officeByCode = (code: string): Office | undefined =>
	OFFICES.find((office) => office.code === code);

/** Whether the city has an office of this kind: the calculator offers office and locker ends only there. */
export function cityHas(cityCode: number, type: OfficeType): boolean {
	return OFFICES.some((office) => office.location.city_code === cityCode && office.type === type);
}
