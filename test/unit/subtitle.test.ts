/**
 * The canvas subtitle, evaluated by n8n's own expression engine as the editor does: version 2 names the operation
 * as its Operation list does, version 1 keeps the subtitle it always had.
 */
import { subtitleOf } from '../../dev/n8n-core/node-surface';
import { Cdek } from '../../nodes/Cdek/Cdek.node';

const cdek = new Cdek();

const subtitle = (typeVersion: number, operation: string, resource = 'order') =>
	subtitleOf(cdek, typeVersion, { resource, operation });

describe('the canvas subtitle', () => {
	it.each([
		['createRefusal', 'Refuse Delivery', 'Create Refusal'],
		['createClientReturn', 'Return a Delivered Order', 'Create Client Return'],
		['delete', 'Cancel Before Shipping', 'Delete Order'],
		['get', 'Look Up Order', 'Get Order'],
		['create', 'Create Return Order', 'Create Order'],
	])('%s: "%s" in version 2, "%s" in version 1', (operation, v2, v1) => {
		expect(subtitle(2, operation)).toBe(v2);
		expect(subtitle(1, operation)).toBe(v1);
	});

	it('operations without a version-1 name keep theirs in both versions', () => {
		expect(subtitle(2, 'calculate', 'tariff')).toBe(subtitle(1, 'calculate', 'tariff'));
	});
});
