import type { IDataObject } from 'n8n-workflow';

import { orderDifferences } from '../../../nodes/Cdek/helpers/order-match';
import { OrderView } from '../../../nodes/Cdek/helpers/order-state';
import { returnOrder } from '../../../dev/reliability/support';

const body = { ...returnOrder('RET-1'), is_client_return: true };
const found = (entity: IDataObject) =>
	new OrderView({ entity: { uuid: '72753031-1820-4f99-9240-aab139f05ca5', ...entity } });
const asCreated = (): IDataObject =>
	JSON.parse(JSON.stringify({ ...body, type: 1 })) as IDataObject;

describe('orderDifferences: is the order holding a shop number the one Create would make?', () => {
	it('finds none for the order as CDEK stores it', () => {
		expect(orderDifferences(found(asCreated()), body)).toEqual([]);
	});

	it('finds none in a sparse order read right after its creation (docs/reference/cdek-api.md §5)', () => {
		expect(orderDifferences(found({ number: 'RET-1' }), body)).toEqual([]);
	});

	it('names every difference', () => {
		const entity = asCreated();
		Object.assign(entity, { is_client_return: false, type: 2, tariff_code: 139, is_return: true });
		(entity.packages as IDataObject[]).push({ number: '2', weight: 1 });
		expect(orderDifferences(found(entity), body)).toEqual([
			'it is a return order CDEK made for a refusal',
			'it is not a client return, this order is one',
			"its type is 2 (delivery), this order's 1 (online store)",
			"its tariff is 139, this order's 136",
			'it has 2 package(s), this order 1',
		]);
	});

	it('compares packages by number, weight and items (SKU and amount, in any order)', () => {
		const entity = asCreated();
		const [pkg] = entity.packages as IDataObject[];
		(pkg.items as IDataObject[]).push({ ware_key: 'SKU-2', amount: 1 });
		const wanted = JSON.parse(JSON.stringify(entity)) as IDataObject;
		((wanted.packages as IDataObject[])[0].items as IDataObject[]).reverse();
		expect(orderDifferences(found(entity), wanted)).toEqual([]);
		pkg.number = '7';
		expect(orderDifferences(found(entity), wanted)).toEqual(['it has no package 1']);
	});

	it('recognises the direct order a return names by uuid or CDEK number', () => {
		const direct = found({ cdek_number: '1109940745', is_client_return: false });
		const naming = (detail: IDataObject) => {
			const wanted = JSON.parse(JSON.stringify(body)) as IDataObject;
			((wanted.packages as IDataObject[])[0].items as IDataObject[])[0].return_item_detail = detail;
			return orderDifferences(direct, wanted);
		};
		expect(naming({ direct_order_uuid: direct.uuid })).toEqual([
			'it is the direct order this return is for',
		]);
		expect(naming({ direct_order_number: 1109940745 })).toEqual([
			'it is the direct order this return is for',
		]);
	});
});
