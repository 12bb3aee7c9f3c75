import type { CdekResourceDefinition } from '../node.type';
import * as getMany from './getMany.operation';

export const resource: CdekResourceDefinition = {
	name: 'City',
	value: 'city',
	operations: [getMany],
	defaultOperation: 'getMany',
};
