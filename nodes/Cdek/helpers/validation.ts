import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { maskSecrets } from '../../../credentials/common/mask';
import { itemNumber, itemTag } from '../transport/item-tag';
import { CITY_LOOKUP } from '../transport/operation-names';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXAMPLE_UUID = '72753031-1820-4f99-9240-aab139f05ca5';
const INT32_MAX = 2147483647;
/** Longer values are never valid CDEK identifiers; we refuse them instead of sending them. */
const MAX_TEXT_LENGTH = 255;

/** A parameter value and where it came from, so every message can name the field and the item. */
export interface ParameterValue {
	node: INode;
	/** Undefined for a setting read once per run (e.g. Batching): the message then names no item. */
	itemIndex?: number;
	label: string;
	value: unknown;
}

/** The item's parameters for the checks below, each named by its panel label: `parameter('City Code', value)`. */
export function parameterOf(node: INode, itemIndex?: number) {
	return (label: string, value: unknown): ParameterValue => ({ node, itemIndex, label, value });
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return `a list with ${value.length} entries`;
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') {
		if (value.trim() === '') return value === '' ? 'an empty value' : 'only spaces';
		// A value may hold a secret (a proxy URL with its password, a pasted token): masked before it is cut.
		const masked = maskSecrets(value);
		const shown =
			masked.length > 60 ? `${masked.slice(0, 60)}… (${value.length} characters)` : masked;
		return `"${shown}"`;
	}
	return String(value);
}

export function invalidParameter(
	{ node, itemIndex, label, value }: ParameterValue,
	expected: string,
): NodeOperationError {
	const message = `${label} must be ${expected}, got ${describe(value)}`;
	if (itemIndex === undefined) {
		return new NodeOperationError(node, message, {
			description: `Check the "${label}" option of the node.`,
		});
	}
	return new NodeOperationError(node, `${message} ${itemTag(itemIndex)}`, {
		itemIndex,
		description: `Check the "${label}" parameter, or the expression that fills it, for input item ${itemNumber(itemIndex)}.`,
	});
}

export const isWholeNumber = (
	value: unknown,
	min = Number.MIN_SAFE_INTEGER,
	max = Number.MAX_SAFE_INTEGER,
): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A whole number within [min, max]. */
export function wholeNumber(
	parameter: ParameterValue,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	if (isWholeNumber(parameter.value, min, max)) return parameter.value;
	const expected =
		max === Number.MAX_SAFE_INTEGER
			? `a whole number, at least ${min}`
			: `a whole number from ${min} to ${max}`;
	throw invalidParameter(parameter, expected);
}

/** A number of seconds from `min` to `max`, in milliseconds. */
export function secondsAsMs(
	parameter: ParameterValue,
	min: number,
	max = Number.MAX_SAFE_INTEGER / 1000,
): number {
	const { value } = parameter;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		const expected =
			max === Number.MAX_SAFE_INTEGER / 1000
				? `a number of seconds, at least ${min}`
				: `a number of seconds from ${min} to ${max}`;
		throw invalidParameter(parameter, expected);
	}
	return Math.round(value * 1000);
}

function text(parameter: ParameterValue, expected: string): string {
	const { value } = parameter;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw invalidParameter(parameter, expected);
	const trimmed = value.trim();
	if (trimmed === '' || trimmed.length > MAX_TEXT_LENGTH)
		throw invalidParameter(parameter, expected);
	return trimmed;
}

/** What optionalText expects of free text: a name, an address, a postal code. */
export const SOME_TEXT = `text of at most ${MAX_TEXT_LENGTH} characters`;

/**
 * Optional text: a string (trimmed) or a finite number; empty means not given. An object, a list, null or a
 * boolean from an expression is refused rather than sent as "[object Object]" or "null".
 */
export function optionalText(parameter: ParameterValue, expected: string): string | undefined {
	const { value } = parameter;
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
	return text(parameter, expected);
}

/** Required text: non-empty, at most `maxLength` characters. */
export function requiredText(
	parameter: ParameterValue,
	what: string,
	maxLength = MAX_TEXT_LENGTH,
): string {
	const expected = `${what} (non-empty text of at most ${maxLength} characters)`;
	const value = text(parameter, expected);
	if (value.length > maxLength) throw invalidParameter(parameter, expected);
	return value;
}

/** A whole number within [min, max], also when an expression gives it as digits ("44"). */
export function wholeNumberOrDigits(
	parameter: ParameterValue,
	min: number,
	max: number,
	expected = `a whole number from ${min} to ${max}`,
): number {
	const { value } = parameter;
	const parsed = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (isWholeNumber(parsed, min, max)) return parsed;
	throw invalidParameter(parameter, expected);
}

/** A CDEK UUID in the 8-4-4-4-12 hex form; surrounding spaces are ignored, case is normalised. */
export function uuid(parameter: ParameterValue, noun = 'an order UUID'): string {
	const expected = `${noun} like ${EXAMPLE_UUID} (8-4-4-4-12 hexadecimal characters)`;
	if (typeof parameter.value !== 'string') throw invalidParameter(parameter, expected);
	const normalised = parameter.value.trim().toLowerCase();
	if (!UUID.test(normalised)) throw invalidParameter(parameter, expected);
	return normalised;
}

export const orderUuid = (parameter: ParameterValue): string => uuid(parameter);

/** A tariff code from the shop's CDEK contract: a whole number from 1 to 2147483647. */
export const tariffCode = (parameter: ParameterValue): number =>
	wholeNumberOrDigits(
		parameter,
		1,
		INT32_MAX,
		'a positive whole number, a tariff code of your CDEK contract such as 136',
	);

/** A CDEK city code (docs/reference/cdek-api.md §15): a positive whole number. */
export const cityCode = (parameter: ParameterValue): number =>
	wholeNumberOrDigits(
		parameter,
		1,
		INT32_MAX,
		`a CDEK city code, a positive whole number such as 44 (Moscow); ${CITY_LOOKUP} finds it`,
	);

/** A weight in whole grams, CDEK's unit (docs/reference/cdek-api.md §9). */
export const grams = (parameter: ParameterValue): number =>
	wholeNumberOrDigits(parameter, 1, 10_000_000, 'a weight in whole grams, at least 1');

/** A side in whole centimetres; 0 means "not given". */
export const centimetres = (parameter: ParameterValue): number =>
	wholeNumberOrDigits(parameter, 0, 10_000, 'whole centimetres (0 = not given)');

/** A country as CDEK takes it: ISO 3166-1 alpha-2, upper case (docs/reference/cdek-api.md §14). */
export function countryCode(parameter: ParameterValue): string | undefined {
	const expected = 'a two-letter country code such as RU or KZ';
	const value = optionalText(parameter, expected);
	if (value === undefined) return undefined;
	if (!/^[a-z]{2}$/i.test(value)) throw invalidParameter(parameter, expected);
	return value.toUpperCase();
}

/** CDEK's own order number (cdek_number): digits only. */
export function cdekNumber(parameter: ParameterValue): string {
	const expected = 'a CDEK order number made of digits only, such as 1106094897';
	const value = text(parameter, expected);
	if (!/^\d{1,20}$/.test(value)) throw invalidParameter(parameter, expected);
	return value;
}

/** The shop's own order number (im_number): any non-empty text. */
export function shopOrderNumber(parameter: ParameterValue): string {
	return text(
		parameter,
		`the shop's order number (non-empty text of at most ${MAX_TEXT_LENGTH} characters)`,
	);
}
