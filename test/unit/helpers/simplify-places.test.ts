import { simplifyCity, simplifyOffice } from '../../../nodes/Cdek/helpers/simplify-places';

describe('simplify', () => {
	it('flattens an office to what a shop tells a customer, leaving out what CDEK did not send', () => {
		const office = {
			code: 'NSK27',
			name: 'NSK27, Новосибирск, ул. Блюхера',
			uuid: 'x',
			type: 'PVZ',
			is_reception: true,
			is_handout: false,
			work_time: 'Пн-Пт 09:00-21:00',
			phones: [{ number: '+7800' }],
			location: {
				city: 'Новосибирск',
				city_code: 270,
				postal_code: '630073',
				address: 'ул. Блюхера, 32',
				address_full: '630073, Россия, …',
				latitude: 55.04,
				longitude: 82.88,
			},
		};
		expect(simplifyOffice(office)).toEqual({
			code: 'NSK27',
			name: 'NSK27, Новосибирск, ул. Блюхера',
			type: 'PVZ',
			acceptsParcels: true,
			issuesParcels: false,
			city: 'Новосибирск',
			cityCode: 270,
			postalCode: '630073',
			address: 'ул. Блюхера, 32',
			workTime: 'Пн-Пт 09:00-21:00',
			latitude: 55.04,
			longitude: 82.88,
		});
		expect(simplifyOffice({ code: 'X' })).toEqual({ code: 'X' });
	});

	it('keeps the fields that tell cities of the same name apart', () => {
		expect(
			simplifyCity({
				code: 100040,
				city_uuid: 'u',
				city: 'Берёзовка',
				region: 'Московская область',
				region_code: 9,
				sub_region: 'Северный район',
				country: 'Россия',
				country_code: 'RU',
				time_zone: 'Europe/Moscow',
				latitude: 55.2,
				longitude: 36.6,
				payment_limit: -1,
			}),
		).toEqual({
			code: 100040,
			city: 'Берёзовка',
			region: 'Московская область',
			regionCode: 9,
			subRegion: 'Северный район',
			country: 'Россия',
			countryCode: 'RU',
			timeZone: 'Europe/Moscow',
			latitude: 55.2,
			longitude: 36.6,
		});
	});
});
