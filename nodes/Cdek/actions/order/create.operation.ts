import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { registeredAlready } from '../../helpers/duplicate-check';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import { orderProblems } from '../../helpers/order-body';
import { orderDifferences } from '../../helpers/order-match';
import { OrderView } from '../../helpers/order-state';
import { finish } from '../../helpers/registration';
import type { CdekClient, CdekResponse } from '../../transport/client';
import { itemTag } from '../../transport/item-tag';
import { OPERATION_NAMES, VERSION_1_NAMES } from '../../transport/operation-names';
import type { OperationOutput } from '../node.type';
import { fromFields, fromJson } from './create.body';
import { panelFieldName } from './create.fields';
import { properties } from './create.panel';

export const option = {
	name: OPERATION_NAMES.order.create,
	value: 'create',
	description:
		'Create a new CDEK order, by default a return: to send back only some items, or an order another carrier delivered',
	action: OPERATION_NAMES.order.create,
};

export const subtitle = OPERATION_NAMES.order.create;

/** Version 1's name and subtitle, frozen. */
export const inVersion1 = {
	option: {
		name: VERSION_1_NAMES.create,
		value: 'create',
		description:
			'Create an order, by default a client return (is_client_return): for returning only some items, or an order another carrier delivered',
		action: 'Create an order',
	},
	subtitle: 'Create Order',
};

/** What an AI model reads about this operation as a tool (actions/tool-descriptions.ts). */
export const toolDescription =
	'Create a new CDEK order from the data the workflow gives it (e.g. a return order for some items). Not for a customer who sends a delivered order back: use the cancel-or-return tool for that.';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

/**
 * The order CDEK holds under this shop number, unless the number is free: none, or only an order CDEK
 * rejected (INVALID), which does not keep the number (docs/reference/cdek-api.md §6).
 */
async function numberHolder(
	client: CdekClient,
	itemIndex: number,
	number: string,
	options: ItemOptions,
): Promise<OrderView | undefined> {
	const response = await client.request(
		itemIndex,
		{ method: 'GET', path: '/orders', qs: { im_number: number } },
		{ ...options, expectedErrors: ['v2_entity_not_found_im_number'] },
	);
	if (response.statusCode >= 400) return undefined;
	const order = new OrderView(response.body);
	const created = order.requests.filter((request) => request.type === 'CREATE');
	const rejected =
		order.status === 'INVALID' ||
		(created.length > 0 && created.every((request) => request.state === 'INVALID'));
	return order.uuid && !rejected ? order : undefined;
}

/** Our order when CDEK already has it (same shop number and the same order), to report instead of resending. */
async function ourOrder(
	client: CdekClient,
	itemIndex: number,
	plan: CreatePlan & { number: string },
): Promise<CdekResponse | undefined> {
	const holder = await numberHolder(client, itemIndex, plan.number, plan.options);
	return holder && orderDifferences(holder, plan.body).length === 0
		? registeredAlready(holder, 'CREATE')
		: undefined;
}

function numberTakenError(
	this: IExecuteFunctions,
	itemIndex: number,
	number: string,
	holder: OrderView,
	differences: string[],
): NodeOperationError {
	const cdekNumber = holder.entity.cdek_number
		? `, CDEK number ${String(holder.entity.cdek_number)}`
		: '';
	return new NodeOperationError(
		this.getNode(),
		`Shop order number "${number}" already belongs to another CDEK order (${holder.uuid}${cdekNumber}, status ${holder.status ?? 'unknown'}): ${differences.join('; ')} ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description:
				'Nothing was sent. CDEK accepts each shop order number once and would reject this order (error_validate_im_dep_number_has_already_had_integration). Give this order a shop number of its own, e.g. with a suffix.',
		},
	);
}

interface CreatePlan {
	body: IDataObject;
	/** The shop order number, when the body has one: the key that finds the order again. */
	number?: string;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): CreatePlan {
	const asJson = this.getNodeParameter('defineOrder', itemIndex) === 'json';
	const body = asJson ? fromJson.call(this, itemIndex) : fromFields.call(this, itemIndex, version);
	if (this.getNodeParameter('clientReturn', itemIndex, true) === true) body.is_client_return = true;
	const fromPanel = () => {
		const items = (body.packages as IDataObject[])[0].items as unknown[];
		return panelFieldName(version, items.length);
	};
	const problems = orderProblems(body, asJson ? undefined : fromPanel());
	if (problems.length) {
		throw new NodeOperationError(
			this.getNode(),
			`The order is not complete: ${problems.join('; ')} ${itemTag(itemIndex)}`,
			{
				itemIndex,
				description: asJson
					? "Nothing was sent to CDEK. Complete the order JSON's fields named above (CDEK requires them)."
					: 'Nothing was sent to CDEK. Fill in the fields named above (CDEK requires them).',
			},
		);
	}
	const number = typeof body.number === 'string' ? body.number : undefined;
	return { body, number, options: itemOptions.call(this, itemIndex, version) };
}

/**
 * POST /orders (docs/reference/cdek-api.md §6), by default with is_client_return: partial returns and other
 * carriers' orders. With Prevent Duplicates the shop number is looked up first: the same order is reported
 * as already registered, another order holding the number fails the item (helpers/order-match.ts).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: CreatePlan,
): Promise<OperationOutput> {
	const { body, number, options } = plan;
	if (number && options.preventDuplicates) {
		const holder = await numberHolder(client, itemIndex, number, options);
		if (holder) {
			const existing = registeredAlready(holder, 'CREATE');
			const differences = orderDifferences(holder, body);
			if (!existing)
				differences.push('CDEK lists no creation request of it that is under way or done');
			if (differences.length > 0 || !existing)
				throw numberTakenError.call(this, itemIndex, number, holder, differences);
			return { json: await finish.call(this, itemIndex, client, 'CREATE', existing, options) };
		}
	}
	const response = await client.request(
		itemIndex,
		{ method: 'POST', path: '/orders', body },
		{
			...options,
			findApplied: number
				? async () => await ourOrder(client, itemIndex, { ...plan, number })
				: undefined,
		},
	);
	return { json: await finish.call(this, itemIndex, client, 'CREATE', response, options) };
}
