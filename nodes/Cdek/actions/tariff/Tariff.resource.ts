import type { CdekResourceDefinition } from '../node.type';
import * as calculate from './calculate.operation';
import * as checkReturnPossible from './checkReturnPossible.operation';

export const resource: CdekResourceDefinition = {
	name: 'Tariff',
	value: 'tariff',
	operations: [calculate, checkReturnPossible],
	defaultOperation: 'calculate',
};
