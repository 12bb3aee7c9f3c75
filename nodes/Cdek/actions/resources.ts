import type { INodeProperties } from 'n8n-workflow';

import { resource as city } from './city/City.resource';
import { resource as courierPickup } from './courierPickup/CourierPickup.resource';
import type { CdekOperation, CdekResourceDefinition } from './node.type';
import { resource as office } from './office/Office.resource';
import { resource as order } from './order/Order.resource';
import { resource as tariff } from './tariff/Tariff.resource';

/** Every resource of the node; the Resource and Operation lists, the router and the subtitle derive from it. */
const resources: CdekResourceDefinition[] = [order, tariff, office, city, courierPickup];

/** The node's versions (docs: CONTRIBUTING.md "Versions"); a new one is the default for new nodes. */
export const NODE_VERSIONS = [1, 2];

const offeredIn = (operation: CdekOperation, version: number) => (operation.since ?? 1) <= version;

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The Operation list of one node version: a saved version-1 node keeps its list. */
function operationProperty(
	{ value, operations, defaultOperation }: CdekResourceDefinition,
	version: number,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [value], '@version': [version] } },
		options: operations
			.filter((operation) => offeredIn(operation, version))
			.map((operation) => operation.option)
			.sort(byName),
		default: defaultOperation,
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value }) => ({ name, value })).sort(byName),
		default: 'order',
	},
	...resources.flatMap((resource) => [
		...NODE_VERSIONS.map((version) => operationProperty(resource, version)),
		...resource.operations.flatMap((operation) => operation.description),
	]),
];

const subtitles = Object.fromEntries(
	resources.flatMap((resource) =>
		resource.operations.map((operation) => [
			`${resource.value}.${String(operation.option.value)}`,
			operation.subtitle,
		]),
	),
);

/** The canvas subtitle, e.g. "Create Refusal", looked up by resource and operation. */
export const subtitle = `={{ (${JSON.stringify(subtitles)})[$parameter["resource"] + "." + $parameter["operation"]] }}`;

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
