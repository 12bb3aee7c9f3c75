import type { INodeProperties } from 'n8n-workflow';
import { PICKUP_OPERATIONS, quoted } from '../transport/operation-names';

/** The courier pickup an operation acts on: the UUID CDEK gave it (entity.uuid of Create). */
export const pickupUuidProperty: INodeProperties = {
	displayName: 'Pickup UUID',
	name: 'pickupUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 72753031-e8e5-4a6b-9d1c-3f2a1b0c9d8e',
	description: `The UUID CDEK gave the courier pickup (entity.uuid of ${quoted(PICKUP_OPERATIONS.create)})`,
};
