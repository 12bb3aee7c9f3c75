import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { CdekClient } from '../transport/client';

export type CdekResource = 'order';

/** One operation: validates its item's parameters, then calls CDEK through the client. */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
) => Promise<IDataObject>;

/** What an `*.operation.ts` module exports: its entry in the Operation list, its panel and its run. */
export interface CdekOperation {
	/** `action` is the sentence n8n shows in the node's actions list and AI agents read as the tool's purpose. */
	option: INodePropertyOptions & { action: string };
	/** Shown under the node's name on the canvas. */
	subtitle: string;
	description: INodeProperties[];
	execute: OperationExecute;
}

/** A resource: the single place its operations are listed. */
export interface CdekResourceDefinition {
	name: string;
	value: CdekResource;
	operations: CdekOperation[];
	defaultOperation: string;
}
