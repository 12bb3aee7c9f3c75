import { NodeOperationError } from 'n8n-workflow';

import {
	cdekNumber,
	centimetres,
	cityCode,
	countryCode,
	grams,
	optionalText,
	requiredText,
	SOME_TEXT,
	orderUuid,
	shopOrderNumber,
	tariffCode,
	uuid,
} from '../../../nodes/Cdek/helpers/validation';
import { failure, node } from '../support';

const at = (value: unknown, itemIndex = 3) => ({ node, itemIndex, label: 'Field', value });

describe('orderUuid', () => {
	it('accepts CDEK UUIDs, trimming spaces and lowering case', () => {
		expect(orderUuid(at('  72753031-1820-4f99-9240-aab139f05ca5 '))).toBe(
			'72753031-1820-4f99-9240-aab139f05ca5',
		);
		expect(orderUuid(at('72753031-1820-4F99-9240-AAB139F05CA5'))).toBe(
			'72753031-1820-4f99-9240-aab139f05ca5',
		);
	});

	it.each([
		['', 'an empty value'],
		['   ', 'only spaces'],
		['{72753031-1820-4f99-9240-aab139f05ca5}', '"{72753031'],
		['72753031182049f99240aab139f05ca5', '"72753031182049f99240aab139f05ca5"'],
		['72753031-1820-4f99-9240-aab139f05ca', '"72753031-1820-4f99-9240-aab139f05ca"'],
		['7275303l-1820-4f99-9240-aab139f05ca5', '"7275303l'],
		['72753031‐1820‐4f99‐9240‐aab139f05ca5', '72753031‐1820'], // unicode hyphens
		["1' OR '1'='1", "\"1' OR '1'='1\""],
		[12345, '12345'],
		[{ uuid: 'x' }, 'an object'],
		[['72753031-1820-4f99-9240-aab139f05ca5'], 'a list with 1 entries'],
		[null, 'null'],
		[undefined, 'nothing'],
	])('rejects %p naming the field, the item and what it got', (value, shown) => {
		const error = failure(() => orderUuid(at(value)));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('Field must be an order UUID like');
		expect(error.message).toContain(shown);
		expect(error.message).toContain('[item 4]');
		expect(error.context.itemIndex).toBe(3);
	});

	it('shortens very long values in the message', () => {
		const error = failure(() => orderUuid(at('a'.repeat(10000))));
		expect(error.message).toContain('(10000 characters)');
		expect(error.message.length).toBeLessThan(300);
	});
});

describe('tariffCode', () => {
	it.each([
		[136, 136],
		['139', 139],
		[' 62 ', 62],
		[2147483647, 2147483647],
	])('accepts %p', (value, expected) => {
		expect(tariffCode(at(value))).toBe(expected);
	});

	it.each([0, -1, 1.5, '1.5', 'abc', '', NaN, Infinity, 2147483648, null, {}, [136], true])(
		'rejects %p',
		(value) => {
			const error = failure(() => tariffCode(at(value, 0)));
			expect(error.message).toMatch(/^Field must be a positive whole number.*\[item 1\]$/);
		},
	);
});

describe('cdekNumber', () => {
	it('accepts digits as text or number', () => {
		expect(cdekNumber(at(' 1106094897 '))).toBe('1106094897');
		expect(cdekNumber(at(1106094897))).toBe('1106094897');
	});

	it.each(['', '  ', '11O6094897', '-1', '1.5', '1'.repeat(21), '<script>', { a: 1 }])(
		'rejects %p',
		(value) => {
			expect(failure(() => cdekNumber(at(value))).message).toContain('digits only');
		},
	);
});

describe('shopOrderNumber', () => {
	it('accepts any non-empty text and trims it', () => {
		expect(shopOrderNumber(at('  SHOP-1001 '))).toBe('SHOP-1001');
		expect(shopOrderNumber(at('Заказ №5'))).toBe('Заказ №5');
	});

	it.each(['', '   ', 'x'.repeat(256), {}, []])('rejects %p', (value) => {
		expect(failure(() => shopOrderNumber(at(value))).message).toContain("the shop's order number");
	});
});

describe('city codes, weights and sizes', () => {
	it('accept positive whole numbers, also written as digits by an expression', () => {
		expect(cityCode(at(44))).toBe(44);
		expect(cityCode(at(' 270 '))).toBe(270);
		expect(grams(at('1500'))).toBe(1500);
		expect(centimetres(at(0))).toBe(0);
	});

	it.each([
		[
			cityCode,
			0,
			/^Field must be a CDEK city code, a positive whole number such as 44 \(Moscow\); City → "Get Cities" finds it, got 0 \[item 4\]$/,
		],
		[cityCode, -44, /city code.*got -44/],
		[cityCode, 44.5, /city code.*got 44.5/],
		[cityCode, 'Moscow', /city code.*got "Moscow"/],
		[grams, 0, /^Field must be a weight in whole grams, at least 1, got 0/],
		[grams, 1.5, /whole grams.*got 1.5/],
		[centimetres, -1, /^Field must be whole centimetres \(0 = not given\), got -1/],
	] as const)('%p refuses %p, naming the field and the item', (check, value, message) => {
		const error = failure(() => check(at(value)));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(message);
	});
});

describe('texts, countries and pickup UUIDs', () => {
	it('treats empty optional text as absent; required text must be there and short enough', () => {
		expect(optionalText(at('  '), SOME_TEXT)).toBeUndefined();
		expect(optionalText(at(' 630099 '), SOME_TEXT)).toBe('630099');
		expect(failure(() => optionalText(at('x'.repeat(256)), SOME_TEXT)).message).toMatch(
			/^Field must be text of at most 255 characters/,
		);
		expect(requiredText(at(' +79161234567 '), 'a phone number', 24)).toBe('+79161234567');
		expect(failure(() => requiredText(at(' '), 'a phone number', 24)).message).toMatch(
			/^Field must be a phone number \(non-empty text of at most 24 characters\), got only spaces/,
		);
		expect(failure(() => requiredText(at('1'.repeat(25)), 'a phone number', 24)).message).toMatch(
			/^Field must be a phone number/,
		);
	});

	it('upper-cases a two-letter country code and refuses anything else', () => {
		expect(countryCode(at('ru'))).toBe('RU');
		expect(countryCode(at(''))).toBeUndefined();
		expect(failure(() => countryCode(at('RUS'))).message).toMatch(
			/^Field must be a two-letter country code such as RU or KZ, got "RUS"/,
		);
	});

	it('names what kind of UUID it expected', () => {
		expect(failure(() => uuid(at('abc'), 'a pickup UUID')).message).toMatch(
			/^Field must be a pickup UUID like 72753031-1820-4f99-9240-aab139f05ca5/,
		);
	});
});
