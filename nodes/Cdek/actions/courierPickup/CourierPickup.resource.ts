import type { CdekResourceDefinition } from '../node.type';
import * as create from './create.operation';
import * as deletePickup from './delete.operation';
import * as get from './get.operation';
import * as getAvailableDays from './getAvailableDays.operation';

export const resource: CdekResourceDefinition = {
	name: 'Courier Pickup',
	value: 'courierPickup',
	operations: [getAvailableDays, create, get, deletePickup],
	defaultOperation: 'create',
};
