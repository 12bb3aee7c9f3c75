import { MAX_PAYLOAD_BYTES, bodySize, payloadProblem } from '../../../nodes/Cdek/trigger/payload';

const NOT_CDEK = 'the body is not a CDEK webhook payload ({type, date_time, uuid, attributes})';
// The documented ORDER_STATUS example (docs/reference/cdek-api.md §8).
const orderStatus = {
	type: 'ORDER_STATUS',
	date_time: '2023-11-28T07:44:45+0000',
	uuid: '72753031-1820-4f99-9240-aab139f05ca5',
	attributes: {
		is_return: false,
		is_reverse: false,
		is_client_return: false,
		cdek_number: '1100285492',
		number: '17011574744791',
		related_entities: [],
		code: 'RECEIVED_AT_SHIPMENT_WAREHOUSE',
		status_code: '3',
		status_date_time: '2023-11-28T07:44:45+0000',
		city_name: 'Новосибирск',
		city_code: '270',
		deleted: false,
	},
};

describe('payloadProblem: the shape of a CDEK webhook', () => {
	it.each([
		['the documented ORDER_STATUS example', orderStatus],
		[
			'a PRINT_FORM',
			{ ...orderStatus, type: 'PRINT_FORM', attributes: { type: 'WAYBILL', url: 'http://x' } },
		],
		['fractional seconds in Z', { ...orderStatus, date_time: '2024-12-06T11:32:31.608716Z' }],
		['an extra field CDEK may add', { ...orderStatus, extra: 1 }],
		// As CDEK has really sent them (issue 19): these were answered 200 and dropped before.
		[
			'a numeric status_code only, no code',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, code: undefined } },
		],
		[
			'a status_code that is a number',
			{
				...orderStatus,
				attributes: { ...orderStatus.attributes, code: undefined, status_code: 3 },
			},
		],
		[
			'a code ending in a space',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, code: 'DELIVERED ' } },
		],
		[
			'a code in lower case',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, code: 'delivered' } },
		],
		[
			'a status code nobody knows yet',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, code: 'PARCEL_TELEPORTED' } },
		],
		[
			'a status number nobody knows yet',
			{
				...orderStatus,
				attributes: { ...orderStatus.attributes, code: undefined, status_code: '1000' },
			},
		],
		['a +07:00 offset', { ...orderStatus, date_time: '2023-11-28T14:44:45+07:00' }],
		['an upper-case uuid', { ...orderStatus, uuid: orderStatus.uuid.toUpperCase() }],
		['COURIER_INFO', { ...orderStatus, type: 'COURIER_INFO', attributes: {} }],
	])('accepts %s', (_, body) => {
		expect(payloadProblem(body, 1000)).toBeUndefined();
	});

	it.each([
		['null', null],
		['an array', [orderStatus]],
		['text', 'ORDER_STATUS'],
		['only a type', { type: 'ORDER_STATUS' }],
		['an unknown type', { ...orderStatus, type: 'ORDER_STATUS_V3' }],
		['a type that is not text', { ...orderStatus, type: ['ORDER_STATUS'] }],
		['a uuid that is not one', { ...orderStatus, uuid: 'x' }],
		['a uuid with a path', { ...orderStatus, uuid: `${orderStatus.uuid}/refusal` }],
		['no date-time', { ...orderStatus, date_time: undefined }],
		['an unreadable date-time', { ...orderStatus, date_time: 'yesterday' }],
		['attributes that are a list', { ...orderStatus, attributes: [] }],
		[
			'an ORDER_STATUS without a code or a status_code',
			{
				...orderStatus,
				attributes: { ...orderStatus.attributes, code: undefined, status_code: undefined },
			},
		],
		[
			'an ORDER_STATUS whose code is blank',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, code: ' ', status_code: '' } },
		],
		[
			'a code that is not a status code',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, code: 'delivered; drop' } },
		],
		[
			'an unreadable status time',
			{ ...orderStatus, attributes: { ...orderStatus.attributes, status_date_time: 1 } },
		],
	])('refuses %s', (_, body) => {
		expect(payloadProblem(body, 1000)).toBe(NOT_CDEK);
	});

	it(`refuses more than ${MAX_PAYLOAD_BYTES} bytes, whatever the shape`, () => {
		expect(payloadProblem(orderStatus, MAX_PAYLOAD_BYTES)).toBeUndefined();
		expect(payloadProblem(orderStatus, MAX_PAYLOAD_BYTES + 1)).toBe(
			'the body is larger than 64 KiB, which no CDEK webhook is',
		);
	});

	it('measures the raw body n8n kept, else the JSON', () => {
		expect(bodySize({ rawBody: Buffer.from('é'.repeat(10)) }, {})).toBe(20);
		expect(bodySize(undefined, { a: 1 })).toBe(7);
		expect(bodySize({}, undefined)).toBe(4);
	});
});
