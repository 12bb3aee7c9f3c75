import type { IDataObject } from 'n8n-workflow';

/** Leaves out what CDEK did not send, so a simplified entry has no empty keys. */
function defined(entry: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
}

const locationOf = (entry: IDataObject) => (entry.location as IDataObject | undefined) ?? {};

/** An office (docs/reference/cdek-api.md §14) flattened to what a shop tells a customer. */
export function simplifyOffice(office: IDataObject): IDataObject {
	const location = locationOf(office);
	return defined({
		code: office.code,
		name: office.name,
		type: office.type,
		acceptsParcels: office.is_reception,
		issuesParcels: office.is_handout,
		city: location.city,
		cityCode: location.city_code,
		postalCode: location.postal_code,
		address: location.address,
		workTime: office.work_time,
		latitude: location.latitude,
		longitude: location.longitude,
	});
}

/** A city (docs/reference/cdek-api.md §15) with the fields that tell places of the same name apart. */
export function simplifyCity(city: IDataObject): IDataObject {
	return defined({
		code: city.code,
		city: city.city,
		region: city.region,
		regionCode: city.region_code,
		subRegion: city.sub_region,
		country: city.country,
		countryCode: city.country_code,
		timeZone: city.time_zone,
		latitude: city.latitude,
		longitude: city.longitude,
	});
}
