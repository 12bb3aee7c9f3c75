import type { CdekResourceDefinition } from '../node.type';
import * as getMany from './getMany.operation';

export const resource: CdekResourceDefinition = {
	name: 'Pickup Point',
	value: 'office',
	operations: [getMany],
	defaultOperation: 'getMany',
};
