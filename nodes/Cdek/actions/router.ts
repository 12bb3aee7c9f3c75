import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CdekClient } from '../transport/client';
import { isCredentialProblem } from '../transport/failures';
import type { OperationExecute } from './node.type';
import * as order from './order/Order.resource';

const operations: Record<string, Record<string, OperationExecute | undefined> | undefined> = {
	order: {
		createClientReturn: order.createClientReturn.execute,
		createRefusal: order.createRefusal.execute,
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
	const cdekErrors = (error.errorResponse as IDataObject | undefined)?.cdekErrors;
	if (cdekErrors) details.cdekErrors = cdekErrors;
	return { error: error.message, details };
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const client = await CdekClient.create(this);
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = await execute.call(this, itemIndex, client);
			returnData.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail() || isCredentialProblem(nodeError)) throw nodeError;
			returnData.push({ json: errorJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}
