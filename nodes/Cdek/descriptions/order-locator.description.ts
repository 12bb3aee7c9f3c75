import type { INodeProperties } from 'n8n-workflow';

import { fromVersion2 } from './common.description';

/**
 * The order an operation acts on, by the number people know: the shop's order number, CDEK's tracking
 * number, or CDEK's UUID. Read with helpers/order-locator.ts.
 */
export const orderLocatorProperty: INodeProperties = {
	displayName: 'Order',
	name: 'order',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'imNumber', value: '' },
	description:
		'The order: by your shop order number, by CDEK number (as on the waybill) or by CDEK UUID',
	modes: [
		{
			displayName: 'Shop No.',
			name: 'imNumber',
			type: 'string',
			placeholder: 'e.g. SHOP-1042',
			hint: 'The number your shop gave the order; the newest order with it is used',
		},
		{
			displayName: 'CDEK No.',
			name: 'cdekNumber',
			type: 'string',
			placeholder: 'e.g. 1106094897',
			hint: 'As on the waybill; spaces between the digits are fine',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(\\d\\s*){1,20}$',
						errorMessage: 'A CDEK number has digits only (spaces between them are fine)',
					},
				},
			],
		},
		{
			displayName: 'UUID',
			name: 'uuid',
			type: 'string',
			placeholder: 'e.g. 72753031-1820-4f99-9240-aab139f05ca5',
			validation: [
				{
					type: 'regex',
					properties: {
						regex:
							'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
						errorMessage: 'An order UUID looks like 72753031-1820-4f99-9240-aab139f05ca5',
					},
				},
			],
		},
	],
};

/** The locator as an operation of node version 2 shows it, with what that operation needs of the order. */
export function orderLocator(requirement = ''): INodeProperties {
	return {
		...orderLocatorProperty,
		description: `${orderLocatorProperty.description}${requirement ? `. ${requirement}` : ''}`,
		displayOptions: fromVersion2,
	};
}
