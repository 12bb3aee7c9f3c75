import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { CdekClient } from '../transport/client';

export type CdekResource = 'order' | 'tariff' | 'office' | 'city' | 'courierPickup';

/** What one item outputs, before the router adds its `pairedItem`. */
export interface OperationOutput {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * What an `*.operation.ts` module exports: its entry in the Operation list, its panel, its tool description and its
 * run. The node version is settled once: the router reads it and hands it to `prepare`, which turns it into named
 * fields of the item's plan; `execute` and everything it calls see only the plan.
 */
export interface CdekOperation<Plan = unknown> {
	/** `action` is the sentence n8n shows in the node's actions list and AI agents read as the tool's purpose. */
	option: INodePropertyOptions & { action: string };
	/** Shown under the node's name on the canvas. */
	subtitle: string;
	/** What version 1 shows instead (frozen): its Operation list entry and subtitle, when version 2 renamed them. */
	inVersion1?: { option: INodePropertyOptions & { action: string }; subtitle: string };
	/** The node version that introduced the operation (default 1): older versions do not list it. */
	since?: number;
	description: INodeProperties[];
	/** What an AI model reads about the operation as a tool ("CDEK Tool"): when to use it and what it answers. */
	toolDescription: string;
	/**
	 * Reads and checks one item's parameters and returns what `execute` needs, sending nothing: the router
	 * prepares every item before any is sent, so an invalid item never leaves a run half sent.
	 */
	prepare(this: IExecuteFunctions, itemIndex: number, version: number): Plan;
	/** Talks to CDEK for one prepared item: one output, or one per entry found (tariffs, offices, cities). */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: CdekClient,
		plan: Plan,
	): Promise<OperationOutput | OperationOutput[]>;
}

/** A resource: the single place its operations are listed. */
export interface CdekResourceDefinition {
	name: string;
	value: CdekResource;
	operations: CdekOperation[];
	defaultOperation: string;
}
