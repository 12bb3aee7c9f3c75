import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemOptions } from './item-options';
import type { ItemOptions } from './item-options';
import { mismatch, orderReadRequest, readOrderParameter } from './order-locator';
import type { OrderRef } from './order-locator';
import { ORDER_SUBJECTS, withOutcome } from './outcome';
import { output } from './output';
import { oneAtATimePerOrder, sentInRun } from './order-queue';
import { OrderView } from './order-state';
import type { CdekRequestRecord, RegistrationType } from './order-state';
import { registeredAlready } from './duplicate-check';
import { blockedBy } from './safety-rules';
import type { Blocked } from './safety-rules';
import type { CdekClient, CdekRequest, CdekResponse } from '../transport/client';
import { answerError, rejectedError } from '../transport/failures';
import { awaitVerdict } from './verdict';
import type { OperationOutput } from '../actions/node.type';
import { itemTag } from '../transport/item-tag';

const SIMILAR_REQUEST_IN_FLIGHT = 'v2_similar_request_still_processed';

const ACTION_NAMES: Record<RegistrationType, string> = {
	CREATE_REFUSAL: 'Refusal',
	CREATE_CLIENT_RETURN: 'Client return',
	DELETE: 'Deletion',
	CREATE: 'Order',
};

/** A request that changes an existing order: refusal, client return, deletion. */
export interface OrderRegistration {
	type: Exclude<RegistrationType, 'CREATE'>;
	order: OrderRef;
	/** The request for the order's UUID; built only when it is sent, so it may still refuse (a missing tariff). */
	request: (orderUuid: string) => CdekRequest;
}

/** What an operation on one order needs, read and checked before anything is sent. */
export interface OrderRequestPlan {
	order: OrderRef;
	options: ItemOptions;
	/** Version 2 items say which order they acted on (`orderUuid`), as the order may be named by number. */
	namesOrder: boolean;
}

export function prepareOrderRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
): OrderRequestPlan {
	return {
		order: readOrderParameter.call(this, itemIndex, version),
		options: itemOptions.call(this, itemIndex, version),
		namesOrder: version >= 2,
	};
}

/** The item: CDEK's answer, in version 2 with the UUID and shop number of the order it was about first. */
export function orderOutput(
	plan: Pick<OrderRequestPlan, 'namesOrder'>,
	orderUuid: string,
	json: IDataObject,
	number?: string,
): OperationOutput {
	if (!plan.namesOrder) return { json };
	return { json: number === undefined ? { orderUuid, ...json } : { orderUuid, number, ...json } };
}

/**
 * The execute of an operation that sends one request about one order (refusal, deletion): register it safely.
 */
export function orderRequestExecute(
	type: OrderRegistration['type'],
	method: 'POST' | 'DELETE',
	pathAfterUuid = '',
) {
	return async function execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: CdekClient,
		plan: OrderRequestPlan,
	): Promise<OperationOutput> {
		const { orderUuid, number, json } = await registerOnOrder.call(
			this,
			itemIndex,
			client,
			{
				type,
				order: plan.order,
				request: (uuid) => ({ method, path: `/orders/${uuid}${pathAfterUuid}` }),
			},
			plan.options,
		);
		return orderOutput(plan, orderUuid, json, number);
	};
}

/**
 * Reads the order (docs/reference/cdek-api.md §5): by UUID, or the newest with that number. A lookup by number that
 * comes back with another order is an error, never acted on.
 */
export async function readOrder(
	this: IExecuteFunctions,
	client: CdekClient,
	itemIndex: number,
	ref: OrderRef,
	options: ItemOptions,
): Promise<OrderView> {
	const response = await client.request(itemIndex, orderReadRequest(ref), options);
	const order = new OrderView(response.body);
	const wrong =
		mismatch(ref, order.entity) ??
		(ref.by !== 'uuid' && !order.uuid ? 'CDEK answered without an order UUID' : undefined);
	if (wrong) {
		throw new NodeOperationError(this.getNode(), `${wrong} ${itemTag(itemIndex)}`, {
			itemIndex,
			description:
				'Nothing was sent for this item. Check the number, or look the order up by UUID.',
		});
	}
	return order;
}

/**
 * Registers a refusal, client return or deletion: reads the order first when a check needs it or the order is named
 * by number (that one read is the lookup), sends the request without ever sending it twice, and optionally waits for
 * the verdict. `known` is an order already read for this item: it is not read again. Items of one run that name the
 * same order go one after another, so a later one sees what an earlier one registered instead of racing it.
 */
export async function registerOnOrder(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	registration: OrderRegistration,
	options: ItemOptions,
	known?: OrderView,
): Promise<{ orderUuid: string; number?: string; json: IDataObject }> {
	const { order: ref } = registration;
	const orderKey = `registration|${ref.by === 'uuid' ? ref.uuid.toLowerCase() : `${ref.by}:${ref.number}`}`;
	return await oneAtATimePerOrder(client, orderKey, async () => {
		// An order read before an earlier item of this run acted on it is stale: read it again.
		const fresh = known && sentInRun(client).has(orderKey) ? undefined : known;
		const result = await registerNow.call(this, itemIndex, client, registration, options, fresh);
		sentInRun(client).set(orderKey, itemIndex);
		return result;
	});
}

async function registerNow(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	registration: OrderRegistration,
	options: ItemOptions,
	known?: OrderView,
): Promise<{ orderUuid: string; number?: string; json: IDataObject }> {
	const { type, order: ref } = registration;
	const mustRead = options.preventDuplicates || options.safetyCheck || ref.by !== 'uuid';
	const order =
		known ?? (mustRead ? await readOrder.call(this, client, itemIndex, ref, options) : undefined);
	const orderUuid = ref.by === 'uuid' ? ref.uuid : (order as OrderView).uuid;
	const shopNumber = order?.entity.number ?? (ref.by === 'imNumber' ? ref.number : undefined);
	const number = typeof shopNumber === 'string' ? shopNumber : undefined;
	const done = async (response: CdekResponse) => ({
		orderUuid,
		number,
		json: await finish.call(this, itemIndex, client, type, response, options),
	});
	const findLive = async () => {
		const current = await readOrder.call(
			this,
			client,
			itemIndex,
			{ by: 'uuid', uuid: orderUuid },
			options,
		);
		return registeredAlready(current, type);
	};

	if (order) {
		const existing = options.preventDuplicates ? registeredAlready(order, type) : undefined;
		if (existing) return await done(existing);
		const blocked = options.safetyCheck ? blockedBy(type, order) : undefined;
		if (blocked) throw blockedError(this.getNode(), itemIndex, type, orderUuid, order, blocked);
	}

	const request = registration.request(orderUuid);
	const response = await client.request(itemIndex, request, {
		...options,
		findApplied: findLive,
		expectedErrors: [SIMILAR_REQUEST_IN_FLIGHT],
	});
	if (response.statusCode >= 400) {
		// CDEK is still processing the same request (docs/reference/cdek-api.md §3): report that one instead of an error.
		const live = await findLive();
		if (!live)
			throw answerError(
				this.getNode(),
				{ method: request.method, url: `${client.root}${request.path}`, itemIndex },
				response,
			);
		return await done(live);
	}
	return await done(response);
}

/** The Safety Check kept the item back: the reason, the alternative, and details.blocked for workflows that route it. */
function blockedError(
	node: INode,
	itemIndex: number,
	type: OrderRegistration['type'],
	orderUuid: string,
	order: OrderView,
	blocked: Blocked,
): NodeOperationError {
	const error = new NodeOperationError(
		node,
		`${ACTION_NAMES[type]} not sent: ${blocked.reason} ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description: `${blocked.alternative} Order ${orderUuid}, status ${order.status ?? 'unknown'}.`,
		},
	);
	error.context.blocked = {
		reason: blocked.reason,
		alternative: blocked.alternative,
		orderUuid,
		orderStatus: order.status ?? null,
	};
	return error;
}

/** A request CDEK already marked INVALID in its answer (a 202 can carry one, docs/reference/cdek-api.md §7). */
function invalidInAnswer(body: IDataObject): CdekRequestRecord | undefined {
	const requests = Array.isArray(body.requests) ? (body.requests as CdekRequestRecord[]) : [];
	return requests.find(
		(request) => typeof request === 'object' && request !== null && request.state === 'INVALID',
	);
}

/**
 * Adds the verdict when asked for. An INVALID request becomes the item's error whatever the options: in
 * CDEK's answer itself, or as the verdict.
 */
export async function finish(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	type: RegistrationType,
	response: CdekResponse,
	options: ItemOptions,
): Promise<IDataObject> {
	const invalid = invalidInAnswer(response.body);
	if (invalid) {
		throw rejectedError(this.getNode(), itemIndex, ACTION_NAMES[type].toLowerCase(), {
			state: 'INVALID',
			requestUuid: invalid.request_uuid ?? null,
			errors: Array.isArray(invalid.errors) ? invalid.errors : [],
			orderStatus: null,
			returnOrderUuid: null,
		});
	}
	const result = output(response, options.fullResponse);
	const subject = ORDER_SUBJECTS[type];
	if (!options.waitForVerdict)
		return withOutcome(options.explained, result, subject, response.body, undefined, 'order');
	const verdict = await awaitVerdict.call(this, itemIndex, client, type, response.body, options);
	if (verdict.state === 'INVALID') {
		throw rejectedError(this.getNode(), itemIndex, ACTION_NAMES[type].toLowerCase(), verdict);
	}
	return withOutcome(
		options.explained,
		{ ...result, result: verdict },
		subject,
		response.body,
		verdict,
		'order',
	);
}
