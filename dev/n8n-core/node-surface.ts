/**
 * What the editor shows of a node version, as data: for given parameter values (e.g. an operation), every
 * displayed property (without its displayOptions) and the parameters n8n fills in with their defaults. Two
 * versions' surfaces are equal exactly when a saved workflow sees the same parameters and defaults.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

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
