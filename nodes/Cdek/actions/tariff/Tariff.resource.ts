import type { CdekResourceDefinition } from '../node.type';
import * as calculate from './calculate.operation';

export const resource: CdekResourceDefinition = {
	name: 'Tariff',
	value: 'tariff',
	operations: [calculate],
	defaultOperation: 'calculate',
};
