/**
 * What the editor shows of a node version, as data: for given parameter values (e.g. an operation), every
 * displayed property (without its displayOptions) and the parameters n8n fills in with their defaults. Two
 * versions' surfaces are equal exactly when a saved workflow sees the same parameters and defaults.
 */
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { NodeTypeRegistry, nodeTypeTable } from './node-types';

export interface NodeSurface {
	values: INodeParameters;
	displayed: Array<Omit<INodeProperties, 'displayOptions'>>;
	defaults: INodeParameters | null;
}

export function nodeSurface(
	description: INodeTypeDescription,
	typeVersion: number,
	values: INodeParameters,
): NodeSurface {
	const node = { typeVersion };
	const defaults = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	);
	const displayed = description.properties
		.filter((property) =>
			NodeHelpers.displayParameter(defaults ?? values, property, node, description),
		)
		.map(({ displayOptions: _displayOptions, ...property }) => property);
	return { values, displayed, defaults };
}

/** The canvas subtitle of a node, evaluated by n8n's own expression engine as the editor does. */
export function subtitleOf(
	nodeType: INodeType,
	typeVersion: number,
	parameters: INodeParameters,
): unknown {
	const node: INode = {
		id: '1',
		name: nodeType.description.displayName,
		type: `n8n-nodes-cdek.${nodeType.description.name}`,
		typeVersion,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypeRegistry(nodeTypeTable({ [node.type]: nodeType })),
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle!,
		'internal',
		{},
	);
}
