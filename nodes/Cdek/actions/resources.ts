import type { INodeProperties } from 'n8n-workflow';

import { resource as city } from './city/City.resource';
import { resource as courierPickup } from './courierPickup/CourierPickup.resource';
import type { CdekOperation, CdekResourceDefinition } from './node.type';
import { resource as office } from './office/Office.resource';
import { resource as order } from './order/Order.resource';
import { resource as tariff } from './tariff/Tariff.resource';
import { toolDescriptionProperty } from './tool-descriptions';

/** Every resource of the node; the Resource and Operation lists, the router and the subtitle derive from it. */
export const resources: CdekResourceDefinition[] = [order, tariff, office, city, courierPickup];

/** The node's versions (docs: CONTRIBUTING.md "Versions"); a new one is the default for new nodes. */
export const NODE_VERSIONS = [1, 2];

const offeredIn = (operation: CdekOperation, version: number) => (operation.since ?? 1) <= version;

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/**
 * The Operation list of one node version. Version 1 keeps its list (frozen names, sorted by name); from version 2
 * the list follows the resource's order, what a shop does most first.
 */
function operationProperty(
	{ value, operations, defaultOperation }: CdekResourceDefinition,
	version: number,
): INodeProperties {
	const offered = operations.filter((operation) => offeredIn(operation, version));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value], '@version': [version] } },
		options:
			version === 1
				? offered.map((operation) => operation.inVersion1?.option ?? operation.option).sort(byName)
				: offered.map((operation) => operation.option),
		default: defaultOperation,
	};
}

export const properties: INodeProperties[] = [
	// Only in "CDEK Tool": being named toolDescription, it replaces n8n's generic one ("… in CDEK").
	...resources.flatMap((resource) =>
		resource.operations.map((operation) =>
			toolDescriptionProperty(
				resource.value,
				String(operation.option.value),
				operation.toolDescription,
			),
		),
	),
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })).sort(byName),
		default: 'order',
	},
	// Newest version first: n8n names a node added from the actions list after the action of the first Operation
	// list that names its resource, whatever its version ("CancelOrReturn order" when that list was version 1's).
	...resources.flatMap((resource) => [
		...[...NODE_VERSIONS].reverse().map((version) => operationProperty(resource, version)),
		...resource.operations.flatMap((operation) => operation.description),
	]),
];

/** Every operation's tool description by "resource.operation", as n8n prefills it. */
export const TOOL_DESCRIPTIONS: Record<string, string> = Object.fromEntries(
	resources.flatMap((resource) =>
		resource.operations.map((operation) => [
			`${resource.value}.${String(operation.option.value)}`,
			operation.toolDescription,
		]),
	),
);

const subtitles = (inVersion1: boolean) =>
	JSON.stringify(
		Object.fromEntries(
			resources.flatMap((resource) =>
				resource.operations.map((operation) => [
					`${resource.value}.${String(operation.option.value)}`,
					(inVersion1 && operation.inVersion1?.subtitle) || operation.subtitle,
				]),
			),
		),
	);

/** The canvas subtitle, e.g. "Refuse Delivery" (version 1: "Create Refusal"), by version, resource and operation. */
export const subtitle = `={{ ($nodeVersion < 2 ? ${subtitles(true)} : ${subtitles(false)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;

export function findOperation(
	resource: string,
	operation: string,
	version: number,
): CdekOperation | undefined {
	return resources
		.find((candidate) => candidate.value === resource)
		?.operations.find(
			(candidate) => candidate.option.value === operation && offeredIn(candidate, version),
		);
}
