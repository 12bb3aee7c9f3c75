import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { forEachItem } from '../helpers/item-pool';
import { runSettings } from '../helpers/run-settings';
import { assertSafetyNotLeftToModel, heldBackAnswer, runsAsTool } from '../helpers/tool-mode';
import type { RunSettings } from '../helpers/run-settings';
import { CdekClient } from '../transport/client';
import { asNodeError, isCredentialProblem } from '../transport/failures';
import { findOperation } from './resources';
import { itemNumber, itemTag } from '../transport/item-tag';

/** The item n8n routes to the error output: only `error` and `details`, so n8n's engine recognises it as an error item and merges it with the input item. */
function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const details: IDataObject = { itemIndex: error.context.itemIndex as number };
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	const response = error.errorResponse as IDataObject | undefined;
	if (response?.cdekErrors) details.cdekErrors = response.cdekErrors;
	if (response?.result) details.result = response.result;
	if (error.context.blocked) details.blocked = error.context.blocked as IDataObject;
	return { error: error.message, details };
}

/**
 * Runs the operation for every item, several at once (see Batching), keeping output order and
 * pairedItem; an item that finds several entries (tariffs, offices, cities) outputs them all, each paired
 * with it. Every item's parameters are checked before anything is sent: without Continue On Fail one
 * invalid item stops the node before the first request; with it, invalid items become error items and
 * the others run. After that, without Continue On Fail the first failing item stops the node, and so does
 * a problem every item would share (wrong keys, an unusable credential or option). With Continue On Fail
 * such a shared problem becomes every remaining item's error at once, with nothing more sent: a node
 * that throws under Continue On Fail would pass its input on as if it had succeeded. As "CDEK Tool" (an AI agent's
 * or MCP client's call), an action the Safety Check holds back is answered, with its reason and alternative, like a
 * result: the model tells the customer instead of the run ending on an error.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const version = this.getNode().typeVersion;
	const operation = findOperation(resource, operationName, version);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported in version ${version} of this node`,
		);
	}
	const continueOnFail = this.continueOnFail();
	const asTool = runsAsTool(this.getNode());
	if (asTool) assertSafetyNotLeftToModel(this.getNode());
	const failAll = (error: unknown) => [
		items.map((_, itemIndex) =>
			errorItem(asNodeError(this.getNode(), error, itemIndex), itemIndex),
		),
	];

	const results: INodeExecutionData[][] = new Array(items.length);
	const prepared: unknown[] = new Array(items.length);
	const invalid: Array<NodeApiError | NodeOperationError> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = operation.prepare.call(this, itemIndex, version);
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (continueOnFail) results[itemIndex] = [errorItem(nodeError, itemIndex)];
			else invalid.push(nodeError);
		}
	}
	if (invalid.length > 0) throw nothingSent(invalid);

	let settings: RunSettings;
	let client: CdekClient;
	try {
		settings = runSettings.call(this, items.length, version);
		client = await CdekClient.create(this, { proxy: settings.proxy });
	} catch (error) {
		if (!continueOnFail) throw asNodeError(this.getNode(), error, 0);
		return failAll(error);
	}

	let stoppedBy: NodeApiError | NodeOperationError | undefined;
	let sharedProblem: NodeApiError | NodeOperationError | undefined;

	await forEachItem(
		items.length,
		{ ...settings, signal: this.getExecutionCancelSignal(), stop: () => stoppedBy !== undefined },
		async (itemIndex) => {
			if (results[itemIndex]) return;
			if (sharedProblem) {
				results[itemIndex] = [errorItem(sharedProblem, itemIndex)];
				return;
			}
			try {
				const output = await operation.execute.call(this, itemIndex, client, prepared[itemIndex]);
				results[itemIndex] = (Array.isArray(output) ? output : [output]).map((one) => ({
					...one,
					pairedItem: { item: itemIndex },
				}));
			} catch (error) {
				const nodeError = asNodeError(this.getNode(), error, itemIndex);
				const blocked = nodeError.context.blocked as IDataObject | undefined;
				if (asTool && blocked) {
					// An agent tells the customer why and what instead; an error would end its run.
					const json = heldBackAnswer(nodeError.message, blocked);
					results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
					return;
				}
				if (continueOnFail) {
					if (isCredentialProblem(nodeError)) sharedProblem ??= nodeError;
					results[itemIndex] = [errorItem(nodeError, itemIndex)];
					return;
				}
				const earlier = (stoppedBy?.context.itemIndex as number | undefined) ?? Infinity;
				if (itemIndex < earlier) stoppedBy = nodeError;
			}
		},
	);
	if (stoppedBy) throw stoppedBy;
	if (this.getExecutionCancelSignal()?.aborted) {
		throw new NodeOperationError(
			this.getNode(),
			'The execution was cancelled before every item was processed',
		);
	}
	return [results.flat()];
}

/** The first invalid item's error, saying that nothing was sent and which other items are invalid too. */
function nothingSent(
	invalid: Array<NodeApiError | NodeOperationError>,
): NodeApiError | NodeOperationError {
	const [first, ...others] = invalid;
	const indexes = others.map((error) => itemNumber(error.context.itemIndex as number)).join(', ');
	const more =
		others.length === 0
			? ''
			: ` ${others.length === 1 ? `Item ${indexes} is` : `Items ${indexes} are`} invalid as well.`;
	first.description =
		`${first.description ?? ''} Nothing was sent to CDEK for any item.${more}`.trim();
	return first;
}

/** An error item for this item; a problem shared by every item names this item, not the one it was found on. */
function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json = errorJson(error);
	json.error = String(json.error).replace(/ \[item \d+\]$/, ` ${itemTag(itemIndex)}`);
	(json.details as IDataObject).itemIndex = itemIndex;
	return { json, pairedItem: { item: itemIndex } };
}
