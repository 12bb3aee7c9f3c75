import type { IDataObject } from 'n8n-workflow';

/** A city as CDEK lists it, about 330 bytes of JSON like the real ones: the entries a hostile relay pages out. */
export const syntheticCity = (code: number): IDataObject => ({
	code,
	city_uuid: `7b8e3f8a-0000-4000-8000-${String(code).padStart(12, '0')}`,
	city: `Город ${code}`,
	fias_guid: `0c5b2444-70a0-4932-980c-${String(code).padStart(12, '0')}`,
	country_code: 'RU',
	country: 'Россия',
	region: 'Новосибирская область',
	region_code: 23,
	sub_region: `городской округ ${code}`,
	longitude: 82.906928,
	latitude: 55.028739,
	time_zone: 'Asia/Novosibirsk',
	payment_limit: -1,
});

/** Page `page` (0-based) of `size` cities, numbered on from the pages before it. */
export const syntheticCityPage = (page: number, size: number): IDataObject[] =>
	Array.from({ length: size }, (_, index) => syntheticCity(page * size + index + 1));
