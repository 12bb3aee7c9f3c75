import type { IDataObject } from 'n8n-workflow';

import type { OrderView } from './order-state';
import { isObject } from './is-object';

const list = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? value.filter(isObject) : [];
const given = (value: unknown) => value !== undefined && value !== null && value !== '';
const ORDER_TYPES: Record<string, string> = { '1': '1 (online store)', '2': '2 (delivery)' };
const typeName = (value: unknown) => ORDER_TYPES[String(value)] ?? String(value);

/** The direct order a client return names in its items (return_item_detail, docs/reference/cdek-api.md §6). */
function isNamedDirectOrder(found: OrderView, body: IDataObject): boolean {
	const cdekNumber = found.entity.cdek_number;
	return list(body.packages)
		.flatMap((pkg) => list(pkg.items))
		.map((item) => item.return_item_detail)
		.filter(isObject)
		.some(
			(detail) =>
				detail.direct_order_uuid === found.uuid ||
				(given(cdekNumber) && String(detail.direct_order_number) === String(cdekNumber)),
		);
}

const contents = (pkg: IDataObject) =>
	list(pkg.items)
		.map((item) => `${String(item.ware_key)}×${String(item.amount)}`)
		.sort()
		.join(', ');

function packageDifferences(found: IDataObject[], wanted: IDataObject[]): string[] {
	if (found.length !== wanted.length)
		return [`it has ${found.length} package(s), this order ${wanted.length}`];
	const differences: string[] = [];
	for (const pkg of wanted) {
		const number = String(pkg.number);
		const theirs = found.find((candidate) => String(candidate.number) === number);
		if (!theirs) {
			differences.push(`it has no package ${number}`);
			continue;
		}
		if (given(theirs.weight) && Number(theirs.weight) !== Number(pkg.weight))
			differences.push(
				`its package ${number} weighs ${String(theirs.weight)} g, this one ${String(pkg.weight)} g`,
			);
		if (Array.isArray(theirs.items) && contents(theirs) !== contents(pkg))
			differences.push(
				`its package ${number} holds ${contents(theirs) || 'no items'}, this one ${contents(pkg) || 'no items'}`,
			);
	}
	return differences;
}

/**
 * How the order CDEK holds under a shop number differs from the order this body would create; Create
 * calls it "already registered" only when nothing differs. Compared wherever CDEK's answer has the field
 * (an order read right after its creation can be sparse, docs/reference/cdek-api.md §5): that it is not the
 * direct order the return is for, not a return order CDEK made for a refusal (Create never makes one), the
 * client-return flag, the order type, the tariff, and the packages (numbers, weights, items by SKU and amount).
 */
export function orderDifferences(found: OrderView, body: IDataObject): string[] {
	const { entity } = found;
	if (isNamedDirectOrder(found, body)) return ['it is the direct order this return is for'];
	const differences: string[] = [];
	if (entity.is_return === true) differences.push('it is a return order CDEK made for a refusal');
	const clientReturn = body.is_client_return === true;
	if (typeof entity.is_client_return === 'boolean' && entity.is_client_return !== clientReturn)
		differences.push(
			clientReturn
				? 'it is not a client return, this order is one'
				: 'it is a client return, this order is not',
		);
	const type = body.type ?? 1;
	if (given(entity.type) && String(entity.type) !== String(type))
		differences.push(`its type is ${typeName(entity.type)}, this order's ${typeName(type)}`);
	if (given(entity.tariff_code) && String(entity.tariff_code) !== String(body.tariff_code))
		differences.push(
			`its tariff is ${String(entity.tariff_code)}, this order's ${String(body.tariff_code)}`,
		);
	if (Array.isArray(entity.packages))
		differences.push(...packageDifferences(list(entity.packages), list(body.packages)));
	return differences;
}
