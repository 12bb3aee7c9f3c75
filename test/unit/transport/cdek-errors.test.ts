import { cdekErrors, explain, shopWords } from '../../../nodes/Cdek/transport/cdek-errors';

describe('cdekErrors', () => {
	it('reads the entity-style envelope (requests[].errors[]) measured on api.edu.cdek.ru', () => {
		const body = {
			requests: [
				{
					type: 'GET',
					state: 'INVALID',
					date_time: '2026-08-04T12:42:08+0000',
					errors: [
						{
							code: 'v2_entity_not_found_im_number',
							additional_code: '0x7B234F39',
							message: 'Entity is not found by number X',
						},
					],
				},
			],
			related_entities: [],
		};
		expect(cdekErrors(body)).toEqual([
			{ code: 'v2_entity_not_found_im_number', message: 'Entity is not found by number X' },
		]);
	});

	it('reads the simplified envelope (top-level errors[]) and merges both', () => {
		const body = {
			errors: [{ code: 'v2_field_is_empty', message: 'tariff_code is empty' }],
			requests: [
				{
					type: 'CREATE_CLIENT_RETURN',
					state: 'INVALID',
					errors: [{ code: 'v2_invalid_value_type', message: 'x' }],
				},
			],
		};
		expect(cdekErrors(body).map((e) => e.code)).toEqual([
			'v2_field_is_empty',
			'v2_invalid_value_type',
		]);
	});

	it('reads Spring-style auth errors', () => {
		expect(
			cdekErrors({ error: 'invalid_client', error_description: 'Bad client credentials' }),
		).toEqual([{ code: 'invalid_client', message: 'Bad client credentials' }]);
	});

	it('finds nothing in success bodies, arrays and text', () => {
		expect(
			cdekErrors({
				entity: { uuid: 'u' },
				requests: [{ state: 'ACCEPTED', type: 'CREATE_REFUSAL' }],
			}),
		).toEqual([]);
		expect(cdekErrors('<html>')).toEqual([]);
		expect(cdekErrors([{ code: 'x' }])).toEqual([]);
	});
});

describe('explain', () => {
	it('explains known codes for a shop manager', () => {
		expect(explain([{ code: 'v2_entity_not_found', message: '' }], 404)).toContain(
			'no order with this UUID',
		);
		expect(explain([{ code: 'v2_similar_request_still_processed', message: '' }], 400)).toContain(
			'still processing',
		);
	});

	it('falls back on the HTTP status', () => {
		expect(explain([], 503)).toContain('temporarily unavailable');
		expect(explain([], 429)).toContain('limiting the request rate');
	});
});

describe('tokens in CDEK messages', () => {
	it('masks a token that CDEK quotes in "Access token is expired: {0}"', () => {
		const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6WyJvcmRlcjphbGwiXX0.c2lnbmF0dXJl';
		const body = {
			requests: [
				{
					type: 'AUTH',
					state: 'INVALID',
					errors: [{ code: 'v2_token_expired', message: `Access token is expired: ${token}` }],
				},
			],
		};
		expect(cdekErrors(body)).toEqual([
			{ code: 'v2_token_expired', message: 'Access token is expired: ***' },
		]);
	});
});

describe("shopWords: the shop's words before CDEK's code", () => {
	const notFound = (code: string) => [{ code, message: 'Entity is not found' }];
	it.each([
		[
			'https://api.cdek.ru/v2/orders?im_number=SHOP%201014',
			'v2_entity_not_found_im_number',
			'No order "SHOP 1014" in CDEK for this account',
		],
		[
			'https://api.cdek.ru/v2/orders?cdek_number=1109940757',
			'v2_order_not_found',
			'No order with CDEK number 1109940757 in CDEK for this account',
		],
		[
			'https://api.cdek.ru/v2/orders/72753031-1820-4f99-9240-aab139f05ca5/refusal',
			'v2_entity_not_found',
			'No order 72753031-1820-4f99-9240-aab139f05ca5 in CDEK for this account',
		],
		[
			'https://api.cdek.ru/v2/intakes/72753031-1820-4f99-9240-aab139f05ca5',
			'v2_entity_not_found',
			undefined,
		],
		['https://api.cdek.ru/v2/orders?im_number=SHOP-1', 'v2_internal_error', undefined],
	])('%s answered %s', (url, code, words) => {
		expect(shopWords(notFound(code), url)).toBe(words);
	});
});
