/**
 * The one name of every operation in node version 2: its entry in the Operation list, the action n8n lists and
 * names a new node after, the canvas subtitle, and every message that sends the user to it. Version 1 keeps its
 * own frozen names (`inVersion1` in the operation's file).
 */
export const OPERATION_NAMES = {
	order: {
		createRefusal: 'Refuse Delivery',
		createClientReturn: 'Return a Delivered Order',
		delete: 'Cancel Before Shipping',
		cancelOrReturn: 'Cancel or Return (Auto)',
		get: 'Look Up Order',
		getLabel: 'Get Return Label PDF',
		create: 'Create Return Order',
	},
	tariff: { calculate: 'Calculate Tariffs' },
	office: { getMany: 'Get Pickup Points' },
	city: { getMany: 'Get Cities' },
	courierPickup: {
		create: 'Create Courier Pickup',
		delete: 'Cancel Courier Pickup',
		get: 'Get Courier Pickup',
		getAvailableDays: 'Get Courier Pickup Days',
	},
} as const;

/**
 * Version 1's frozen names of the order operations version 2 renamed and that advice quotes beside the new name,
 * e.g. 'Use "Refuse Delivery" (Create Refusal)': a version-1 user finds the operation under this name.
 */
export const VERSION_1_NAMES = {
	createRefusal: 'Create Refusal',
	createClientReturn: 'Create Client Return',
	create: 'Create',
} as const;

const { order, courierPickup, city } = OPERATION_NAMES;

/** An operation's name as messages quote it, e.g. "Refuse Delivery". */
export const quoted = (name: string): string => `"${name}"`;

/** For messages: where a city code comes from. */
export const CITY_LOOKUP = `City → ${quoted(city.getMany)}`;

export { order as ORDER_OPERATIONS, courierPickup as PICKUP_OPERATIONS };
