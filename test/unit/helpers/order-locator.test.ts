import type { IExecuteFunctions, INode } from 'n8n-workflow';

import {
	describeOrderRef,
	orderReadRequest,
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
			'Order (By CDEK Number) must be a CDEK order number made of digits only, such as 1106094897, got "SHOP-1" [item 3]',
		);
		expect(() => read({ mode: 'uuid', value: '' })).toThrow(
			/^Order \(By UUID\) must be an order UUID/,
		);
		expect(() => read({ mode: 'imNumber', value: { number: 1 } })).toThrow(
			/^Order \(By Shop Order Number\) must be .* got an object \[item 3\]$/,
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
