import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemOptions } from './item-options';
import type { ItemOptions } from './item-options';
import { output } from './output';
import { readOrderUuid } from './parameters';
import { OrderView } from './order-state';
import type { CdekRequestRecord, RegistrationType } from './order-state';
import { blockedBy } from './safety-rules';
import type { CdekClient, CdekRequest, CdekResponse } from '../transport/client';
import { answerError, rejectedError } from '../transport/failures';
import { awaitVerdict } from './verdict';
import type { OperationOutput } from '../actions/node.type';

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
	orderUuid: string;
	request: CdekRequest;
}

/** What an operation on an order given by its UUID needs, read and checked before anything is sent. */
export interface OrderRequestPlan {
	orderUuid: string;
	options: ItemOptions;
}

export function prepareOrderRequest(this: IExecuteFunctions, itemIndex: number): OrderRequestPlan {
	return {
		orderUuid: readOrderUuid.call(this, itemIndex),
		options: itemOptions.call(this, itemIndex),
	};
}

/**
 * The execute of an operation that sends one request about an order given by its UUID (refusal,
 * deletion): register it safely.
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
		{ orderUuid, options }: OrderRequestPlan,
	): Promise<OperationOutput> {
		const request: CdekRequest = { method, path: `/orders/${orderUuid}${pathAfterUuid}` };
		const json = await registerOnOrder.call(
			this,
			itemIndex,
			client,
			{ type, orderUuid, request },
			options,
		);
		return { json };
	};
}

export async function readOrder(
	client: CdekClient,
	itemIndex: number,
	orderUuid: string,
	options: ItemOptions,
): Promise<OrderView> {
	const response = await client.request(
		itemIndex,
		{ method: 'GET', path: `/orders/${orderUuid}` },
		options,
	);
	return new OrderView(response.body);
}

/** The body to output for a request CDEK already has: shaped like its 202 answer, and marked. */
export function alreadyRegistered(order: OrderView, request: CdekRequestRecord): CdekResponse {
	return {
		statusCode: 200,
		headers: {},
		body: {
			entity: { uuid: order.uuid },
			requests: [request],
			related_entities: order.relatedEntities,
			alreadyRegistered: true,
		},
	};
}

/**
 * Registers a refusal, client return or deletion: optionally reads the order first (duplicates,
 * safety rules), sends the request without ever sending it twice, and optionally waits for the verdict.
 */
export async function registerOnOrder(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	registration: OrderRegistration,
	options: ItemOptions,
): Promise<IDataObject> {
	const { type, orderUuid } = registration;
	const findLive = async () => {
		const order = await readOrder(client, itemIndex, orderUuid, options);
		const live = order.liveRequest(type);
		return live ? alreadyRegistered(order, live) : undefined;
	};

	if (options.preventDuplicates || options.safetyCheck) {
		const order = await readOrder(client, itemIndex, orderUuid, options);
		const live = options.preventDuplicates ? order.liveRequest(type) : undefined;
		if (live)
			return await finish.call(
				this,
				itemIndex,
				client,
				type,
				alreadyRegistered(order, live),
				options,
			);
		const blocked = options.safetyCheck ? blockedBy(type, order) : undefined;
		if (blocked) {
			const error = new NodeOperationError(
				this.getNode(),
				`${ACTION_NAMES[type]} not sent: ${blocked.reason} [item ${itemIndex}]`,
				{
					itemIndex,
					description: `${blocked.alternative} Order ${orderUuid}, status ${order.status ?? 'unknown'}.`,
				},
			);
			// For workflows that route blocked items: the error item carries these as details.blocked.
			error.context.blocked = {
				reason: blocked.reason,
				alternative: blocked.alternative,
				orderUuid,
				orderStatus: order.status ?? null,
			};
			throw error;
		}
	}

	const response = await client.request(itemIndex, registration.request, {
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
				{
					method: registration.request.method,
					url: `${client.root}${registration.request.path}`,
					itemIndex,
				},
				response,
			);
		return await finish.call(this, itemIndex, client, type, live, options);
	}
	return await finish.call(this, itemIndex, client, type, response, options);
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
	if (!options.waitForVerdict) return result;
	const verdict = await awaitVerdict.call(this, itemIndex, client, type, response.body, options);
	if (verdict.state === 'INVALID') {
		throw rejectedError(this.getNode(), itemIndex, ACTION_NAMES[type].toLowerCase(), verdict);
	}
	return { ...result, result: verdict };
}
