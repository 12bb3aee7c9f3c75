/**
 * The calculator's tariff catalogue and its deterministic prices and periods (the formula is in dev/sandbox/README.md,
 * "Calculator"). Codes and delivery modes are CDEK's (docs/reference/cdek-api.md §13, Приложение 4); prices and
 * speeds are made up, in plausible proportions: economy is cheapest and slowest, express dearest and fastest.
 */
import { distanceKm, type Place } from '../locations/geography';
import { cityHas } from '../locations/offices';

export type End = 'door' | 'office' | 'locker';

/** delivery_mode → [start, end] (docs/reference/cdek-api.md §13; there is no mode 5). */
export const MODES: Record<number, [End, End]> = {
	1: ['door', 'door'],
	2: ['door', 'office'],
	3: ['office', 'door'],
	4: ['office', 'office'],
	6: ['door', 'locker'],
	7: ['office', 'locker'],
	8: ['locker', 'door'],
	9: ['locker', 'office'],
	10: ['locker', 'locker'],
};

const END_NAMES: Record<End, { rus: string; eng: string }> = {
	door: { rus: 'дверь', eng: 'door' },
	office: { rus: 'склад', eng: 'warehouse' },
	locker: { rus: 'постамат', eng: 'postamat' },
};

export type Lang = 'rus' | 'eng';

export function modeName(mode: number, lang: Lang): string {
	const [from, to] = MODES[mode];
	return `${END_NAMES[from][lang]}-${END_NAMES[to][lang]}`;
}

interface Family {
	name: { rus: string; eng: string };
	description: string;
	base: number;
	perKg: number;
	perKm: number;
	kmPerDay: number;
	/** Extra working days between period_min and period_max. */
	spread: number;
	maxKg: number;
	/** International routes: only families marked here are offered (sandbox choice). */
	international: boolean;
}

const FAMILIES = {
	parcel: {
		name: { rus: 'Посылка', eng: 'Parcel' },
		description: 'Услуга экономичной доставки товаров по России для интернет-магазинов',
		base: 300,
		perKg: 40,
		perKm: 0.1,
		kmPerDay: 900,
		spread: 1,
		maxKg: 50,
		international: false,
	},
	economy: {
		name: { rus: 'Экономичная посылка', eng: 'Economy parcel' },
		description: 'Самая дешёвая и медленная доставка для интернет-магазинов',
		base: 250,
		perKg: 30,
		perKm: 0.06,
		kmPerDay: 450,
		spread: 2,
		maxKg: 50,
		international: false,
	},
	express: {
		name: { rus: 'Экспресс', eng: 'Express' },
		description: 'Быстрая доставка документов и грузов по России и за рубеж',
		base: 450,
		perKg: 60,
		perKm: 0.15,
		kmPerDay: 2000,
		spread: 1,
		maxKg: 1000,
		international: true,
	},
	pickup: {
		name: { rus: 'Забор груза', eng: 'Cargo pickup' },
		description: 'Накладная для вызова курьера за сборным грузом',
		base: 300,
		perKg: 0,
		perKm: 0,
		kmPerDay: 1000,
		spread: 0,
		maxKg: 1000,
		international: false,
	},
} satisfies Record<string, Family>;

export interface Tariff {
	code: number;
	family: keyof typeof FAMILIES;
	mode: number;
	/** In the contract catalogue (alltariffs) but never offered by the calculator: 158 (sandbox choice). */
	catalogueOnly?: boolean;
}

const tariff = (code: number, family: Tariff['family'], mode: number, catalogueOnly = false) => ({
	code,
	family,
	mode,
	...(catalogueOnly ? { catalogueOnly } : {}),
});

export const TARIFF_CATALOGUE: Tariff[] = [
	tariff(136, 'parcel', 4),
	tariff(137, 'parcel', 3),
	tariff(138, 'parcel', 2),
	tariff(139, 'parcel', 1),
	tariff(158, 'pickup', 2, true),
	tariff(231, 'economy', 1),
	tariff(232, 'economy', 2),
	tariff(233, 'economy', 3),
	tariff(234, 'economy', 4),
	tariff(366, 'parcel', 6),
	tariff(368, 'parcel', 7),
	tariff(378, 'economy', 7),
	tariff(480, 'express', 1),
	tariff(481, 'express', 2),
	tariff(482, 'express', 3),
	tariff(483, 'express', 4),
	tariff(485, 'express', 6),
	tariff(486, 'express', 7),
	tariff(605, 'express', 8),
	tariff(606, 'express', 9),
	tariff(607, 'express', 10),
];

export const tariffByCode = (code: number): Tariff | undefined =>
	TARIFF_CATALOGUE.find((candidate) => candidate.code === code);

/** Tariffs whose parcel starts at the sender's door: the ones a courier pickup (intake) fits (§12). */
export const startsAtDoor = (code: number): boolean =>
	MODES[tariffByCode(code)?.mode ?? 0]?.[0] === 'door';

export function tariffName(t: Tariff, lang: Lang = 'rus'): string {
	return `${FAMILIES[t.family].name[lang]} ${modeName(t.mode, lang)}`;
}

export interface Parcel {
	weight: number;
	length?: number;
	width?: number;
	height?: number;
}

/** Chargeable weight in grams: per package the larger of the real and the volumetric weight (L·W·H / 5000 kg). */
export function chargeableGrams(packages: Parcel[]): number {
	return packages.reduce((sum, p) => {
		const volume = (p.length ?? 0) * (p.width ?? 0) * (p.height ?? 0);
		return sum + Math.max(p.weight, Math.ceil(volume / 5));
	}, 0);
}

/** Whether a tariff can carry these packages between these places; undefined = yes, else why not. */
export function unavailable(
	t: Tariff,
	from: Place,
	to: Place,
	packages: Parcel[],
): string | undefined {
	const family = FAMILIES[t.family];
	const [start, end] = MODES[t.mode];
	if (t.catalogueOnly) return 'only for courier pickups of consolidated cargo';
	const international = from.country_code !== 'RU' || to.country_code !== 'RU';
	if (international && !family.international) return 'not for international routes';
	if (chargeableGrams(packages) > family.maxKg * 1000) return `over ${family.maxKg} kg`;
	for (const [side, place] of [
		[start, from],
		[end, to],
	] as const) {
		if (side === 'office' && !cityHas(place.code, 'PVZ')) return `no office in ${place.city}`;
		if (side === 'locker') {
			if (!cityHas(place.code, 'POSTAMAT')) return `no parcel locker in ${place.city}`;
			if (packages.length > 1) return 'a parcel locker takes one package';
			if (packages[0].weight > 15000) return 'a parcel locker takes up to 15 kg';
		}
	}
	return undefined;
}

export interface Quote {
	delivery_sum: number;
	period_min: number;
	period_max: number;
	calendar_min: number;
	calendar_max: number;
	weight_calc: number;
	delivery_date_range: { min: string; max: string };
}

const DOOR_FEE = 120;
const LOCKER_DISCOUNT = 20;
const DAY_MS = 86_400_000;

/** Calendar days for a number of working days: a weekend for every five. */
const calendarDays = (workingDays: number) => workingDays + 2 * Math.floor(workingDays / 5);

/** The sandbox's price and period formula (dev/sandbox/README.md, "Calculator"). */
export function quote(
	t: Tariff,
	from: Place,
	to: Place,
	packages: Parcel[],
	now = new Date(),
): Quote {
	const family = FAMILIES[t.family];
	const ends = MODES[t.mode];
	const km = distanceKm(from, to);
	const grams = chargeableGrams(packages);
	const kg = Math.max(1, Math.ceil(grams / 1000));
	const doors = ends.filter((end) => end === 'door').length;
	const lockers = ends.filter((end) => end === 'locker').length;
	const sum =
		family.base +
		family.perKg * kg +
		Math.round(family.perKm * km) +
		DOOR_FEE * doors -
		LOCKER_DISCOUNT * lockers;
	const periodMin = 1 + Math.ceil(km / family.kmPerDay);
	const periodMax = periodMin + family.spread;
	const day = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
	return {
		delivery_sum: sum,
		period_min: periodMin,
		period_max: periodMax,
		calendar_min: calendarDays(periodMin),
		calendar_max: calendarDays(periodMax),
		weight_calc: grams,
		delivery_date_range: { min: day(calendarDays(periodMin)), max: day(calendarDays(periodMax)) },
	};
}

/** A tarifflist row (docs/reference/cdek-api.md §13: numeric tariff_code and delivery_mode, no total_sum). */
export function tariffRow(t: Tariff, q: Quote, lang: Lang) {
	const { weight_calc: _weight, ...rest } = q;
	return {
		tariff_code: t.code,
		tariff_name: tariffName(t, lang),
		tariff_description: FAMILIES[t.family].description,
		delivery_mode: t.mode,
		...rest,
	};
}

/** The contract catalogue (GET /calculator/alltariffs, §13): one entry per service, its codes inside delivery_modes. */
export function catalogue(lang: Lang) {
	const families = [...new Set(TARIFF_CATALOGUE.map((t) => t.family))];
	return families.map((key) => {
		const family: Family = FAMILIES[key];
		return {
			tariff_name: family.name[lang],
			weight_min: 0,
			weight_max: family.maxKg * 1000,
			weight_calc_max: family.maxKg * 1000,
			length_min: 0,
			length_max: 300,
			width_min: 0,
			width_max: 300,
			height_min: 0,
			height_max: 300,
			// Strings, as CalculatorAvailableTariffsResponseTariffCodeDto.order_types says ([OPENAPI #3]); the values are ours.
			order_types: key === 'pickup' ? [] : ['1'],
			payer_contragent_type: [],
			sender_contragent_type: [],
			recipient_contragent_type: [],
			delivery_modes: TARIFF_CATALOGUE.filter((t) => t.family === key).map((t) => ({
				delivery_mode: String(t.mode),
				delivery_mode_name: modeName(t.mode, lang),
				tariff_code: t.code,
			})),
			additional_order_types_param: {
				without_additional_order_type: true,
				additional_order_types: [],
			},
		};
	});
}
