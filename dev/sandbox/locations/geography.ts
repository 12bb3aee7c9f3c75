/**
 * The places the sandbox knows, as GET /v2/location/cities returns them (docs/reference/cdek-api.md §15): the six
 * cities of fixtures.ts with their real CDEK codes, two foreign cities, and generated settlements that make the list
 * long enough for paging and give common village names many matches, as CDEK's list does (sandbox choice).
 * Every entry is the same on every start.
 */
import { CITIES, type City } from '../common/fixtures';
import { stableUuid } from '../common/ids';

export interface Place {
	code: number;
	city_uuid: string;
	city: string;
	fias_guid: string;
	country_code: string;
	country: string;
	region: string;
	region_code: number;
	sub_region?: string;
	longitude: number;
	latitude: number;
	time_zone: string;
	payment_limit: number;
	/** Not part of CDEK's answer: the postal code the sandbox resolves to this place. */
	postal_code: string;
}

const TIME_ZONES: Record<number, string> = {
	44: 'Europe/Moscow',
	270: 'Asia/Novosibirsk',
	137: 'Europe/Moscow',
	250: 'Asia/Yekaterinburg',
	424: 'Europe/Moscow',
	435: 'Europe/Moscow',
};

/** CDEK region codes of the real cities (Moscow and Novosibirsk measured, §5); the others are illustrative. */
const REGION_CODES: Record<number, number> = { 44: 81, 270: 23, 137: 82, 250: 51, 424: 27, 435: 7 };

function fromFixture(city: City): Place {
	return {
		code: city.code,
		city_uuid: city.city_uuid ?? stableUuid(`city:${city.code}`),
		city: city.city,
		fias_guid: city.fias_guid,
		country_code: 'RU',
		country: 'Россия',
		region: city.region,
		region_code: city.region_code ?? REGION_CODES[city.code],
		sub_region: city.region === city.city ? undefined : `городской округ ${city.city}`,
		longitude: city.longitude,
		latitude: city.latitude,
		time_zone: TIME_ZONES[city.code] ?? 'Europe/Moscow',
		payment_limit: -1,
		postal_code: city.postal_code,
	};
}

/** Codes are illustrative. */
const FOREIGN: Place[] = [
	{
		code: 9220,
		city_uuid: stableUuid('city:9220'),
		city: 'Минск',
		fias_guid: stableUuid('fias:9220'),
		country_code: 'BY',
		country: 'Беларусь',
		region: 'Минск',
		region_code: 312,
		longitude: 27.561831,
		latitude: 53.902284,
		time_zone: 'Europe/Minsk',
		payment_limit: 0,
		postal_code: '220030',
	},
	{
		code: 4756,
		city_uuid: stableUuid('city:4756'),
		city: 'Алматы',
		fias_guid: stableUuid('fias:4756'),
		country_code: 'KZ',
		country: 'Казахстан',
		region: 'Алматы',
		region_code: 404,
		longitude: 76.945465,
		latitude: 43.238293,
		time_zone: 'Asia/Almaty',
		payment_limit: 0,
		postal_code: '050000',
	},
];

const VILLAGE_NAMES = [
	'Сосновка',
	'Октябрьский',
	'Ивановка',
	'Александровка',
	'Михайловка',
	'Никольское',
	'Покровка',
	'Берёзовка',
	'Петровка',
	'Новосёлки',
	'Васильевка',
	'Знаменка',
	'Раздолье',
	'Садовый',
	'Луговое',
	'Заречный',
	'Горки',
	'Каменка',
	'Первомайский',
	'Лесной',
];

const REGIONS: Array<
	[name: string, code: number, latitude: number, longitude: number, tz: string]
> = [
	['Московская область', 9, 55.5, 37.5, 'Europe/Moscow'],
	['Ленинградская область', 26, 59.8, 30.4, 'Europe/Moscow'],
	['Новосибирская область', 23, 55.0, 82.9, 'Asia/Novosibirsk'],
	['Свердловская область', 51, 56.8, 60.6, 'Asia/Yekaterinburg'],
	['Республика Татарстан', 27, 55.8, 49.1, 'Europe/Moscow'],
	['Краснодарский край', 7, 45.0, 39.0, 'Europe/Moscow'],
	['Тверская область', 50, 56.9, 35.9, 'Europe/Moscow'],
	['Тульская область', 47, 54.2, 37.6, 'Europe/Moscow'],
	['Воронежская область', 14, 51.7, 39.2, 'Europe/Moscow'],
	['Ростовская область', 39, 47.2, 39.7, 'Europe/Moscow'],
	['Самарская область', 42, 53.2, 50.1, 'Europe/Samara'],
	['Нижегородская область', 22, 56.3, 44.0, 'Europe/Moscow'],
	['Челябинская область', 58, 55.2, 61.4, 'Asia/Yekaterinburg'],
	['Омская область', 35, 55.0, 73.4, 'Asia/Omsk'],
	['Красноярский край', 18, 56.0, 92.9, 'Asia/Krasnoyarsk'],
	['Иркутская область', 13, 52.3, 104.3, 'Asia/Irkutsk'],
	['Алтайский край', 3, 53.3, 83.8, 'Asia/Barnaul'],
	['Пермский край', 37, 58.0, 56.2, 'Asia/Yekaterinburg'],
	['Башкортостан', 16, 54.7, 55.9, 'Asia/Yekaterinburg'],
	['Саратовская область', 43, 51.5, 46.0, 'Europe/Saratov'],
	['Волгоградская область', 12, 48.7, 44.5, 'Europe/Volgograd'],
	['Ярославская область', 60, 57.6, 39.9, 'Europe/Moscow'],
	['Владимирская область', 11, 56.1, 40.4, 'Europe/Moscow'],
	['Калужская область', 21, 54.5, 36.3, 'Europe/Moscow'],
	['Рязанская область', 41, 54.6, 39.7, 'Europe/Moscow'],
	['Смоленская область', 44, 54.8, 32.0, 'Europe/Moscow'],
	['Брянская область', 10, 53.2, 34.4, 'Europe/Moscow'],
	['Курская область', 25, 51.7, 36.2, 'Europe/Moscow'],
	['Белгородская область', 8, 50.6, 36.6, 'Europe/Moscow'],
	['Липецкая область', 28, 52.6, 39.6, 'Europe/Moscow'],
	['Пензенская область', 36, 53.2, 45.0, 'Europe/Moscow'],
	['Ульяновская область', 49, 54.3, 48.4, 'Europe/Ulyanovsk'],
	['Оренбургская область', 34, 51.8, 55.1, 'Asia/Yekaterinburg'],
	['Тюменская область', 48, 57.2, 65.5, 'Asia/Yekaterinburg'],
	['Томская область', 46, 56.5, 84.9, 'Asia/Tomsk'],
	['Кемеровская область', 20, 55.4, 86.1, 'Asia/Novokuznetsk'],
	['Удмуртская Республика', 45, 56.9, 53.2, 'Europe/Samara'],
	['Кировская область', 24, 58.6, 49.7, 'Europe/Moscow'],
	['Вологодская область', 15, 59.2, 39.9, 'Europe/Moscow'],
	['Архангельская область', 4, 64.5, 40.5, 'Europe/Moscow'],
];

const DISTRICTS = ['Северный район', 'Центральный район', 'Южный район'];

/** The first generated code: real CDEK codes of large cities are small numbers. */
const FIRST_GENERATED_CODE = 100001;

function generated(): Place[] {
	const places: Place[] = [];
	REGIONS.forEach(([region, regionCode, latitude, longitude, tz], r) => {
		DISTRICTS.forEach((district, d) => {
			VILLAGE_NAMES.forEach((name, n) => {
				const code = FIRST_GENERATED_CODE + places.length;
				places.push({
					code,
					city_uuid: stableUuid(`city:${code}`),
					city: name,
					fias_guid: stableUuid(`fias:${code}`),
					country_code: 'RU',
					country: 'Россия',
					region,
					region_code: regionCode,
					sub_region: district,
					longitude: Math.round((longitude + (n - 10) * 0.05 + (d - 1) * 0.4) * 1e6) / 1e6,
					latitude: Math.round((latitude + (d - 1) * 0.3 + (n % 5) * 0.03) * 1e6) / 1e6,
					time_zone: tz,
					payment_limit: n % 4 === 0 ? 0 : -1,
					postal_code: String(300000 + r * 1000 + d * 100 + n).padStart(6, '0'),
				});
			});
		});
	});
	return places;
}

/** Every place, by code ascending (the order the sandbox lists them in). */
export const PLACES: Place[] = [
	...Object.values(CITIES).map(fromFixture),
	...FOREIGN,
	...generated(),
].sort((a, b) => a.code - b.code);

const byCode = new Map(PLACES.map((place) => [place.code, place]));

/** "Ёлкино" and "елкино " name the same place: CDEK matches the whole name (sandbox: case- and ё-insensitive). */
export const normalizeName = (text: string): string =>
	text.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');

export function placeByCode(code: unknown): Place | undefined {
	const number = typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code;
	return typeof number === 'number' ? byCode.get(number) : undefined;
}

export function placeByPostalCode(postalCode: unknown): Place | undefined {
	const text = String(postalCode ?? '').trim();
	return text ? PLACES.find((place) => place.postal_code === text) : undefined;
}

/**
 * The place an address names: the `city` field when it matches a whole name, else the longest known name the
 * address contains as a word; among equal names the lowest code (sandbox choice: CDEK's matching is not documented).
 */
export function placeByName(city: unknown, address: unknown): Place | undefined {
	if (typeof city === 'string' && city.trim()) {
		const exact = PLACES.find((place) => normalizeName(place.city) === normalizeName(city));
		if (exact) return exact;
	}
	if (typeof address !== 'string' || !address.trim()) return undefined;
	const words = ` ${normalizeName(address).replace(/[,.;]/g, ' ')} `.replace(/\s+/g, ' ');
	let best: Place | undefined;
	for (const place of PLACES) {
		const name = normalizeName(place.city);
		if (!words.includes(` ${name} `)) continue;
		if (!best || name.length > normalizeName(best.city).length) best = place;
	}
	return best;
}

/** Great-circle distance in whole kilometres. */
export function distanceKm(a: Place, b: Place): number {
	const rad = (deg: number) => (deg * Math.PI) / 180;
	const dLat = rad(b.latitude - a.latitude);
	const dLon = rad(b.longitude - a.longitude);
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
	return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)));
}

/** A place as GET /v2/location/cities lists it. */
export function renderPlace({
	postal_code: _postalCode,
	...place
}: Place): Record<string, unknown> {
	return place.sub_region === undefined
		? Object.fromEntries(Object.entries(place).filter(([key]) => key !== 'sub_region'))
		: place;
}
