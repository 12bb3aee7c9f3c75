import { orderProblems } from '../../../nodes/Cdek/helpers/order-body';

const complete = () => ({
	number: 'RET-1',
	tariff_code: 136,
	is_client_return: true,
	recipient: { name: 'Shop', phones: [{ number: '+74950000000' }] },
	shipment_point: 'NSK27',
	to_location: { code: 44, address: 'Leningradsky pr., 4' },
	packages: [
		{
			number: '1',
			weight: 500,
			length: 10,
			width: 10,
			height: 10,
			items: [
				{ name: 'A', ware_key: 'S1', payment: { value: 0 }, cost: 100, weight: 500, amount: 1 },
			],
		},
	],
});

describe("orderProblems: CDEK's required fields (docs/reference/cdek-api.md §6)", () => {
	it('accepts a complete client-return order', () => {
		expect(orderProblems(complete())).toEqual([]);
	});

	it('names every missing or wrong field', () => {
		const body = {
			...complete(),
			tariff_code: 1.5,
			recipient: { phones: [{}] },
			packages: [
				{ weight: 150, items: [{ name: '', payment: {}, cost: -1, weight: 0, amount: 1000 }] },
			],
		};
		expect(orderProblems(body)).toEqual([
			'tariff_code must be a positive whole number',
			'recipient.name is required',
			'recipient.phones[0].number is required',
			'packages[0].number is required',
			'packages[0].length must be whole centimetres ≥ 1 (required from 100 g)',
			'packages[0].width must be whole centimetres ≥ 1 (required from 100 g)',
			'packages[0].height must be whole centimetres ≥ 1 (required from 100 g)',
			'packages[0].items[0].name is required',
			'packages[0].items[0].ware_key is required',
			'packages[0].items[0].payment.value must be a number ≥ 0 (0 = already paid)',
			'packages[0].items[0].cost must be a number ≥ 0',
			'packages[0].items[0].weight must be whole grams ≥ 1',
			'packages[0].items[0].amount must be a whole number from 1 to 999',
		]);
	});

	it('needs exactly one of address and office at each end', () => {
		const both = { ...complete(), delivery_point: 'MSK67' };
		expect(orderProblems(both)).toEqual([
			'only one of to_location and delivery_point may be given',
		]);
		const { shipment_point: _omit, ...none } = complete();
		expect(orderProblems(none)).toEqual([
			'from_location (an address) or shipment_point (a CDEK office code) is required',
		]);
	});

	it('needs items for online-store orders only, and at most 126 of them', () => {
		const noItems = { ...complete(), packages: [{ number: '1', weight: 50 }] };
		expect(orderProblems(noItems)).toEqual([
			'packages[0].items: online-store orders need at least one item',
		]);
		expect(orderProblems({ ...noItems, type: 2 })).toEqual([]);
		const item = { name: 'A', ware_key: 'S', payment: { value: 0 }, cost: 1, weight: 1, amount: 1 };
		const many = {
			...complete(),
			packages: [{ number: '1', weight: 50, items: Array.from({ length: 127 }, () => item) }],
		};
		expect(orderProblems(many)).toEqual(['at most 126 items per order, got 127']);
	});
});
