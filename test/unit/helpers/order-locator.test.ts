import type { IExecuteFunctions, INode } from 'n8n-workflow';

import {
	describeOrderRef,
	mismatch,
	orderReadRequest,
	readOrderParameter,
	readOrderRef,
} from '../../../nodes/Cdek/helpers/order-locator';

const node: INode = {
	id: '1',
	name: 'CDEK',
	type: 'n8n-nodes-cdek.cdek',
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
};
/** The two things readOrderRef asks n8n for: the parameter and the node. */
const context = (locator: unknown) =>
	({ getNodeParameter: () => locator, getNode: () => node }) as unknown as IExecuteFunctions;
const read = (locator: unknown) => readOrderRef.call(context(locator), 3);

describe('readOrderRef', () => {
	it('reads each mode, trimmed and normalised', () => {
		expect(read({ mode: 'uuid', value: ' 72753031-1820-4F99-9240-AAB139F05CA5 ' })).toEqual({
			by: 'uuid',
			uuid: '72753031-1820-4f99-9240-aab139f05ca5',
		});
		expect(read({ mode: 'imNumber', value: ' SHOP-1042 ' })).toEqual({
			by: 'imNumber',
			number: 'SHOP-1042',
		});
		expect(read({ mode: 'cdekNumber', value: 1106094897 })).toEqual({
			by: 'cdekNumber',
			number: '1106094897',
		});
	});

	it('names the mode and the item in what it rejects', () => {
		expect(() => read({ mode: 'cdekNumber', value: 'SHOP-1' })).toThrow(
			'Order (CDEK No.) must be a CDEK order number made of digits only, such as 1106094897, got "SHOP-1" [item 4]',
		);
		expect(() => read({ mode: 'uuid', value: '' })).toThrow(
			/^Order \(UUID\) must be an order UUID/,
		);
		expect(() => read({ mode: 'imNumber', value: { number: 1 } })).toThrow(
			/^Order \(Shop No.\) must be .* got an object \[item 4\]$/,
		);
		expect(() => read({ mode: 'list', value: 'x' })).toThrow(/^Order must be one of/);
	});
});

describe('orderReadRequest and describeOrderRef', () => {
	it('reads by UUID or looks the newest order up by number', () => {
		const uuid = '72753031-1820-4f99-9240-aab139f05ca5';
		expect(orderReadRequest({ by: 'uuid', uuid })).toEqual({
			method: 'GET',
			path: `/orders/${uuid}`,
		});
		expect(orderReadRequest({ by: 'imNumber', number: 'SHOP-1' })).toEqual({
			method: 'GET',
			path: '/orders',
			qs: { im_number: 'SHOP-1' },
		});
		expect(orderReadRequest({ by: 'cdekNumber', number: '11' })).toEqual({
			method: 'GET',
			path: '/orders',
			qs: { cdek_number: '11' },
		});
		expect(describeOrderRef({ by: 'imNumber', number: 'SHOP-1' })).toBe('shop order number SHOP-1');
	});
});

describe('readOrderParameter', () => {
	const uuid = '72753031-1820-4f99-9240-aab139f05ca5';
	const versioned = (typeVersion: number, parameters: Record<string, unknown>) =>
		({
			getNodeParameter: (name: string) => parameters[name],
			getNode: () => ({ ...node, typeVersion }),
		}) as unknown as IExecuteFunctions;

	it('reads "Order UUID" in version 1 and the "Order" locator in version 2', () => {
		const parameters = { orderUuid: uuid, order: { mode: 'imNumber', value: 'SHOP-1' } };
		expect(readOrderParameter.call(versioned(1, parameters), 0, 1)).toEqual({ by: 'uuid', uuid });
		expect(readOrderParameter.call(versioned(2, parameters), 0, 2)).toEqual({
			by: 'imNumber',
			number: 'SHOP-1',
		});
		expect(() => readOrderParameter.call(versioned(1, { orderUuid: 'SHOP-1' }), 0, 1)).toThrow(
			/^Order UUID must be an order UUID/,
		);
	});
});

describe('mismatch: a lookup by number must come back with that number', () => {
	it('accepts the order asked for, or a sparse answer without the number', () => {
		expect(mismatch({ by: 'imNumber', number: 'SHOP-1' }, { uuid: 'u', number: 'shop-1' })).toBe(
			undefined,
		);
		expect(mismatch({ by: 'cdekNumber', number: '11' }, { uuid: 'u', cdek_number: 11 })).toBe(
			undefined,
		);
		expect(mismatch({ by: 'cdekNumber', number: '11' }, { uuid: 'u' })).toBe(undefined);
		expect(mismatch({ by: 'uuid', uuid: 'a' }, { uuid: 'b' })).toBe(undefined);
	});

	it('names another order that came back', () => {
		expect(mismatch({ by: 'imNumber', number: 'SHOP-1' }, { uuid: 'u2', number: 'SHOP-2' })).toBe(
			'CDEK answered the lookup of shop order number SHOP-1 with order u2, whose number is SHOP-2',
		);
	});
});
