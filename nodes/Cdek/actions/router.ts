import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { forEachItem } from '../helpers/item-pool';
import { runSettings } from '../helpers/run-settings';
import { CdekClient } from '../transport/client';
import { isCredentialProblem } from '../transport/failures';
import type { OperationExecute } from './node.type';
import * as order from './order/Order.resource';

const operations: Record<string, Record<string, OperationExecute | undefined> | undefined> = {
	order: {
		create: order.create.execute,
		createClientReturn: order.createClientReturn.execute,
		createRefusal: order.createRefusal.execute,
		delete: order.deleteOrder.execute,
		get: order.get.execute,
	},
};

function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The item n8n routes to the error output: only `error` and `details`, so the engine recognises it (n8n-conventions §4.3). */
function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const details: IDataObject = { itemIndex: error.context.itemIndex as number };
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	const response = error.errorResponse as IDataObject | undefined;
	if (response?.cdekErrors) details.cdekErrors = response.cdekErrors;
	if (response?.result) details.result = response.result;
	return { error: error.message, details };
}

/**
 * Runs the operation for every item, several at once (see Batching), keeping output order and
 * pairedItem. Without Continue On Fail the first failing item stops the node; a credential problem
 * always does, since every item would fail the same way.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const settings = runSettings.call(this, items.length);
	const client = await CdekClient.create(this, { proxy: settings.proxy });
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[] = new Array(items.length);
	let stoppedBy: NodeApiError | NodeOperationError | undefined;

	await forEachItem(
		items.length,
		{ ...settings, signal: this.getExecutionCancelSignal(), stop: () => stoppedBy !== undefined },
		async (itemIndex) => {
			try {
				results[itemIndex] = { json: await execute.call(this, itemIndex, client), pairedItem: { item: itemIndex } };
			} catch (error) {
				const nodeError = asNodeError(this.getNode(), error, itemIndex);
				if (!continueOnFail || isCredentialProblem(nodeError)) {
					const earlier = (stoppedBy?.context.itemIndex as number | undefined) ?? Infinity;
					if (itemIndex < earlier) stoppedBy = nodeError;
					return;
				}
				results[itemIndex] = { json: errorJson(nodeError), pairedItem: { item: itemIndex } };
			}
		},
	);
	if (stoppedBy) throw stoppedBy;
	if (this.getExecutionCancelSignal()?.aborted) {
		throw new NodeOperationError(this.getNode(), 'The execution was cancelled before every item was processed');
	}
	return [results];
}
