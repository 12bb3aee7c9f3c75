/**
 * Illustrative Russian addresses, people and goods for seeded and generated orders. City codes, FIAS/KLADR ids and
 * CDEK city uuids for Moscow and Novosibirsk are the ones in the measured OPI samples (docs/reference/cdek-api.md §5); the other
 * cities carry public FIAS/KLADR ids. Office codes other than MSK65 (measured) and street addresses are made up.
 */
import type { Location } from './types';

export interface City {
	code: number;
	city: string;
	region: string;
	region_code?: number;
	city_uuid?: string;
	fias_guid: string;
	kladr_code: string;
	longitude: number;
	latitude: number;
	office: string;
	officeAddress: string;
	postal_code: string;
}

export const CITIES = {
	moscow: {
		code: 44,
		city: 'Москва',
		region: 'Москва',
		region_code: 81,
		city_uuid: '7e8f36ba-d937-4ce4-8d53-e44177db6469',
		fias_guid: '0c5b2444-70a0-4932-980c-b4dc0d3f02b5',
		kladr_code: '7700000000000',
		longitude: 37.61556,
		latitude: 55.75222,
		office: 'MSK65',
		officeAddress: 'ул. Новослободская, 4',
		postal_code: '127055',
	},
	novosibirsk: {
		code: 270,
		city: 'Новосибирск',
		region: 'Новосибирская область',
		region_code: 23,
		city_uuid: '4e938d63-e189-454d-bb5c-54bfb2f1e4e2',
		fias_guid: '8dea00e3-9aab-4d8e-887c-ef2aaa546456',
		kladr_code: '5400000100000',
		longitude: 82.906928,
		latitude: 55.028739,
		office: 'NSK27',
		officeAddress: 'ул. Блюхера, 32',
		postal_code: '630073',
	},
	spb: {
		code: 137,
		city: 'Санкт-Петербург',
		region: 'Санкт-Петербург',
		fias_guid: 'c2deb16a-0330-4f05-821f-1d09c93331e6',
		kladr_code: '7800000000000',
		longitude: 30.315868,
		latitude: 59.939095,
		office: 'SPB112',
		officeAddress: 'Лиговский пр., 50',
		postal_code: '191040',
	},
	ekaterinburg: {
		code: 250,
		city: 'Екатеринбург',
		region: 'Свердловская область',
		fias_guid: '2763c110-cb8b-416a-9dac-ad28a55b4402',
		kladr_code: '6600000100000',
		longitude: 60.597465,
		latitude: 56.838011,
		office: 'EKB39',
		officeAddress: 'ул. Малышева, 51',
		postal_code: '620014',
	},
	kazan: {
		code: 424,
		city: 'Казань',
		region: 'Республика Татарстан',
		fias_guid: '93b3df57-4c89-44df-ac42-96f05e9cd3b9',
		kladr_code: '1600000100000',
		longitude: 49.106414,
		latitude: 55.796127,
		office: 'KZN18',
		officeAddress: 'ул. Баумана, 44',
		postal_code: '420111',
	},
	krasnodar: {
		code: 435,
		city: 'Краснодар',
		region: 'Краснодарский край',
		fias_guid: '7dfa745e-aa19-4688-b121-b655c11e482f',
		kladr_code: '2300000100000',
		longitude: 38.975313,
		latitude: 45.03547,
		office: 'KRD24',
		officeAddress: 'ул. Красная, 122',
		postal_code: '350000',
	},
} satisfies Record<string, City>;

export type CityKey = keyof typeof CITIES;

export function findCityByCode(code: unknown): City | undefined {
	return Object.values(CITIES).find((c) => c.code === code);
}

export function location(city: City, address?: string): Location {
	return {
		code: city.code,
		...(city.city_uuid ? { city_uuid: city.city_uuid } : {}),
		city: city.city,
		fias_guid: city.fias_guid,
		kladr_code: city.kladr_code,
		country_code: 'RU',
		country: 'Россия',
		region: city.region,
		...(city.region_code ? { region_code: city.region_code } : {}),
		longitude: city.longitude,
		latitude: city.latitude,
		postal_code: city.postal_code,
		address: address ?? city.officeAddress,
	};
}

export interface Person {
	name: string;
	phone: string;
	email: string;
	address: string;
}

export const RECIPIENTS: Person[] = [
	{
		name: 'Иванова Анна Сергеевна',
		phone: '+79161234501',
		email: 'anna.ivanova@example.ru',
		address: 'ул. Тверская, 12, кв. 45',
	},
	{
		name: 'Смирнов Алексей Петрович',
		phone: '+79231234502',
		email: 'a.smirnov@example.ru',
		address: 'Красный пр., 86, кв. 12',
	},
	{
		name: 'Кузнецова Мария Ивановна',
		phone: '+79111234503',
		email: 'm.kuznetsova@example.ru',
		address: 'Невский пр., 100, кв. 7',
	},
	{
		name: 'Попов Дмитрий Олегович',
		phone: '+79221234504',
		email: 'd.popov@example.ru',
		address: 'ул. Ленина, 24, кв. 81',
	},
	{
		name: 'Васильева Екатерина Андреевна',
		phone: '+79871234505',
		email: 'e.vasilyeva@example.ru',
		address: 'ул. Пушкина, 9, кв. 3',
	},
	{
		name: 'Соколов Игорь Николаевич',
		phone: '+79181234506',
		email: 'i.sokolov@example.ru',
		address: 'ул. Северная, 310, кв. 54',
	},
	{
		name: 'Михайлова Ольга Викторовна',
		phone: '+79031234507',
		email: 'o.mikhailova@example.ru',
		address: 'Ленинский пр., 32, кв. 118',
	},
	{
		name: 'Новиков Сергей Александрович',
		phone: '+79131234508',
		email: 's.novikov@example.ru',
		address: 'ул. Фрунзе, 5, кв. 20',
	},
	{
		name: 'Фёдорова Татьяна Юрьевна',
		phone: '+79211234509',
		email: 't.fedorova@example.ru',
		address: 'ул. Марата, 25, кв. 9',
	},
	{
		name: 'Морозов Андрей Владимирович',
		phone: '+79501234510',
		email: 'a.morozov@example.ru',
		address: 'ул. 8 Марта, 46, кв. 70',
	},
	{
		name: 'Волкова Наталья Сергеевна',
		phone: '+79271234511',
		email: 'n.volkova@example.ru',
		address: 'ул. Кремлёвская, 18, кв. 4',
	},
	{
		name: 'Лебедев Павел Евгеньевич',
		phone: '+79641234512',
		email: 'p.lebedev@example.ru',
		address: 'ул. Мира, 7, кв. 33',
	},
];

/** The shop behind the edu test account (JWT `full-name`, docs/reference/cdek-api.md §1). */
export const SHOP = {
	company: 'Тестирование Интеграции ИМ',
	name: 'Петров Пётр Андреевич',
	phone: '+74951234567',
	email: 'shop@example.ru',
};

export interface Goods {
	name: string;
	ware_key: string;
	cost: number;
	weight: number;
	url: string;
}

export const GOODS: Goods[] = [
	{
		name: 'Футболка хлопковая, белая, M',
		ware_key: 'TS-WHT-M',
		cost: 1290,
		weight: 250,
		url: 'https://shop.example.ru/p/ts-wht-m',
	},
	{
		name: 'Кроссовки беговые, р. 42',
		ware_key: 'RUN-42',
		cost: 5990,
		weight: 900,
		url: 'https://shop.example.ru/p/run-42',
	},
	{
		name: 'Рюкзак городской 20 л',
		ware_key: 'BPK-20',
		cost: 3490,
		weight: 700,
		url: 'https://shop.example.ru/p/bpk-20',
	},
	{
		name: 'Наушники беспроводные',
		ware_key: 'HPH-BT5',
		cost: 4490,
		weight: 300,
		url: 'https://shop.example.ru/p/hph-bt5',
	},
	{
		name: 'Термокружка 450 мл',
		ware_key: 'MUG-450',
		cost: 1190,
		weight: 400,
		url: 'https://shop.example.ru/p/mug-450',
	},
	{
		name: 'Книга «Мастер и Маргарита»',
		ware_key: 'BK-MM-01',
		cost: 690,
		weight: 500,
		url: 'https://shop.example.ru/p/bk-mm-01',
	},
];

/** Tariffs of the "Посылка" family: which ends are an office (склад) and the delivery_mode CDEK reports. */
export const TARIFFS: Record<
	number,
	{ fromOffice: boolean; toOffice: boolean; deliveryMode: string; price: number }
> = {
	136: { fromOffice: true, toOffice: true, deliveryMode: '4', price: 390 },
	137: { fromOffice: true, toOffice: false, deliveryMode: '3', price: 520 },
	138: { fromOffice: false, toOffice: true, deliveryMode: '2', price: 480 },
	139: { fromOffice: false, toOffice: false, deliveryMode: '1', price: 690 },
};
