/**
 * Version 1 of the CDEK node, frozen: for every operation and switch, the parameters the editor shows and the
 * defaults n8n fills in must stay exactly as they were before version 2 (fixtures/cdek-node-v1.json, written from
 * the version-1 node). Saved version-1 workflows therefore open and run as they did. Resources added since (the
 * planning resources of issue 13) may join the Resource list: that changes no saved workflow, so the list must
 * keep every frozen entry and the rest must be equal.
 */
import type { INodeParameters } from 'n8n-workflow';

import { nodeSurface } from '../../dev/n8n-core/node-surface';
import type { NodeSurface } from '../../dev/n8n-core/node-surface';
import { Cdek } from '../../nodes/Cdek/Cdek.node';
import frozen from './fixtures/cdek-node-v1.json';
import { V1_CASES } from './fixtures/v1-cases';

const { description } = new Cdek();

describe('CDEK node version 1', () => {
	it.each(V1_CASES.map((values) => [JSON.stringify(values), values]))(
		'shows the same parameters with the same defaults for %s',
		(_label, values) => {
			const expected = (frozen as unknown as NodeSurface[]).find(
				(surface) => JSON.stringify(surface.values) === JSON.stringify(values),
			);
			expect(expected).toBeDefined();
			const actual = nodeSurface(description, 1, values as INodeParameters);
			const resources = (surface: NodeSurface) =>
				surface.displayed.find((property) => property.name === 'resource');
			const frozenResources = resources(expected!)?.options ?? [];
			expect(resources(actual)?.options).toEqual(expect.arrayContaining(frozenResources));
			const offered = resources(actual);
			if (offered) offered.options = frozenResources;
			expect(actual).toEqual(expected);
		},
	);
});
