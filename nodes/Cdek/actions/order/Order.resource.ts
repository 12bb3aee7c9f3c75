import type { CdekResourceDefinition } from '../node.type';
import * as cancelOrReturn from './cancelOrReturn.operation';
import * as create from './create.operation';
import * as createClientReturn from './createClientReturn.operation';
import * as createRefusal from './createRefusal.operation';
import * as deleteOrder from './delete.operation';
import * as get from './get.operation';
import * as getLabel from './getLabel.operation';

export const resource: CdekResourceDefinition = {
	name: 'Order',
	value: 'order',
	/** In the order a shop needs them (version 2's Operation list; version 1 sorts its own by name). */
	operations: [
		createRefusal,
		createClientReturn,
		deleteOrder,
		cancelOrReturn,
		get,
		getLabel,
		create,
	],
	defaultOperation: 'get',
};
