import { canonicalStatusCode, statusCodeOf } from '../../../nodes/Cdek/helpers/status-code';
import { STATUS_CODES, statusAliases } from '../../../nodes/Cdek/trigger/events';

describe('canonicalStatusCode', () => {
	it.each([
		['DELIVERED', 'DELIVERED'],
		['RECEIVED_AT_SHIPMENT_WAREHOUSE ', 'RECEIVED_AT_SHIPMENT_WAREHOUSE'],
		['  not_delivered\t', 'NOT_DELIVERED'],
		['Delivered', 'DELIVERED'],
		['3', 'RECEIVED_AT_SHIPMENT_WAREHOUSE'],
		[3, 'RECEIVED_AT_SHIPMENT_WAREHOUSE'],
		[' 4 ', 'DELIVERED'],
		['05', 'NOT_DELIVERED'],
		[1, 'CREATED'],
		[2, 'REMOVED'],
		[6, 'READY_FOR_SHIPMENT_IN_SENDER_CITY'],
		[28, 'ACCEPTED_IN_SENDER_CITY'],
	])('reads %j as %s', (raw, expected) => {
		expect(canonicalStatusCode(raw)).toBe(expected);
	});

	it.each([
		['SOME_NEW_STATUS ', 'SOME_NEW_STATUS'],
		['1000', '1000'],
		[1000, '1000'],
		['99', '99'],
	])('passes on a code it does not know, %j, as %s', (raw, expected) => {
		expect(canonicalStatusCode(raw)).toBe(expected);
	});

	it.each([undefined, null, '', '   ', {}, [], true, Number.NaN])('has no code for %j', (raw) => {
		expect(canonicalStatusCode(raw)).toBeUndefined();
	});

	it('maps every number to a status the trigger lists, under one of its names', () => {
		for (let n = 1; n <= 28; n++) {
			const code = canonicalStatusCode(n);
			if (code === String(n)) continue;
			expect(STATUS_CODES).toEqual(expect.arrayContaining(statusAliases(code as string)));
		}
	});
});

describe('statusCodeOf', () => {
	it('prefers code and falls back to the numeric status_code', () => {
		expect(statusCodeOf({ code: 'DELIVERED ', status_code: '5' })).toBe('DELIVERED');
		expect(statusCodeOf({ status_code: '5' })).toBe('NOT_DELIVERED');
		expect(statusCodeOf({ code: ' ', status_code: 4 })).toBe('DELIVERED');
		expect(statusCodeOf({})).toBeUndefined();
	});
});
