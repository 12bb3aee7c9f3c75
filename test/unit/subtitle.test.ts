/**
 * The canvas subtitle, evaluated by n8n's own expression engine as the editor does: version 2 names the operation
 * as its Operation list does, version 1 keeps the subtitle it always had.
 */
import { Workflow } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { NodeTypeRegistry, nodeTypeTable } from '../../dev/n8n-core/node-types';
import { Cdek } from '../../nodes/Cdek/Cdek.node';

const cdek = new Cdek();

function subtitleOf(typeVersion: number, operation: string, resource = 'order'): unknown {
	const node: INode = {
		id: '1',
		name: 'CDEK',
		type: 'n8n-nodes-cdek.cdek',
		typeVersion,
		position: [0, 0],
		parameters: { resource, operation },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypeRegistry(nodeTypeTable({ 'n8n-nodes-cdek.cdek': cdek })),
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		cdek.description.subtitle!,
		'internal',
		{},
	);
}

describe('the canvas subtitle', () => {
	it.each([
		['createRefusal', 'Refuse Delivery', 'Create Refusal'],
		['createClientReturn', 'Return a Delivered Order', 'Create Client Return'],
		['delete', 'Cancel Before Shipping', 'Delete Order'],
		['get', 'Look Up Order', 'Get Order'],
		['create', 'Create Return Order', 'Create Order'],
	])('%s: "%s" in version 2, "%s" in version 1', (operation, v2, v1) => {
		expect(subtitleOf(2, operation)).toBe(v2);
		expect(subtitleOf(1, operation)).toBe(v1);
	});

	it('operations without a version-1 name keep theirs in both versions', () => {
		expect(subtitleOf(2, 'calculate', 'tariff')).toBe(subtitleOf(1, 'calculate', 'tariff'));
	});
});
