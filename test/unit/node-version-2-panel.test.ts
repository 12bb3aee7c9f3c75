/**
 * What a first-time user meets in version 2's panel (issue 14, item 2): the checks visible with their state, the
 * verdict's times next to Wait for CDEK's Verdict, every time in seconds with the unit in its label, labels short
 * enough for n8n not to cut them, the Operation list in the order a shop needs it, Quantity, and a Tariff Code
 * without a default that always fails. Version 1 is frozen separately (node-version-1.test.ts).
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { nodeSurface } from '../../dev/n8n-core/node-surface';
import { Cdek } from '../../nodes/Cdek/Cdek.node';
import { resources } from '../../nodes/Cdek/actions/resources';

const { description } = new Cdek();

const surface = (resource: string, operation: string, values: INodeParameters = {}) =>
	nodeSurface(description, 2, { resource, operation, ...values });
const shownNames = (resource: string, operation: string, values: INodeParameters = {}) =>
	surface(resource, operation, values).displayed.map((property) => property.name);
const shown = (resource: string, operation: string, values: INodeParameters = {}) =>
	Object.fromEntries(
		surface(resource, operation, values).displayed.map((property) => [property.name, property]),
	);
const optionsOf = (resource: string, operation: string) =>
	(shown(resource, operation).options.options ?? []) as INodeProperties[];

/** Every operation version 2 offers, from the resources' lists. */
const OPERATIONS: Array<[string, string]> = resources.flatMap((resource) =>
	resource.operations
		.filter((operation) => (operation.since ?? 1) <= 2)
		.map((operation): [string, string] => [resource.value, String(operation.option.value)]),
);

/** Every label the panel can show for an operation, nested collections included (notices are texts, not labels). */
function labels(resource: string, operation: string): string[] {
	const found: string[] = [];
	const walk = (
		properties: Array<INodeProperties | { displayName: string; values?: INodeProperties[] }>,
	) => {
		for (const property of properties) {
			if ('type' in property && property.type === 'notice') continue;
			found.push(property.displayName);
			if ('values' in property && property.values) walk(property.values);
			if ('type' in property && ['collection', 'fixedCollection'].includes(property.type))
				walk((property.options ?? []) as INodeProperties[]);
		}
	};
	walk(surface(resource, operation, { waitForVerdict: true }).displayed);
	return found;
}

describe('CDEK node version 2: the panel', () => {
	it.each(['createRefusal', 'createClientReturn', 'delete'])(
		'%s shows Safety Check and Prevent Duplicates as parameters of their own, on, and Wait for the Verdict off',
		(operation) => {
			const { displayed, defaults } = surface('order', operation);
			const byName = Object.fromEntries(displayed.map((property) => [property.name, property]));
			expect(byName.safetyCheck).toEqual(
				expect.objectContaining({ displayName: 'Safety Check', type: 'boolean', default: true }),
			);
			expect(byName.preventDuplicates).toEqual(
				expect.objectContaining({
					displayName: 'Prevent Duplicates',
					type: 'boolean',
					default: true,
				}),
			);
			expect(byName.waitForVerdict).toEqual(expect.objectContaining({ default: false }));
			// n8n fills them in for a new node: the panel shows them switched on.
			expect(defaults).toEqual(
				expect.objectContaining({
					safetyCheck: true,
					preventDuplicates: true,
					waitForVerdict: false,
				}),
			);
			const inOptions = optionsOf('order', operation).map((option) => option.name);
			for (const name of [
				'safetyCheck',
				'preventDuplicates',
				'waitForVerdict',
				'pollInterval',
				'waitTimeout',
			])
				expect(inOptions).not.toContain(name);
		},
	);

	it.each([
		['order', 'cancelOrReturn'],
		['order', 'create'],
		['courierPickup', 'create'],
		['courierPickup', 'delete'],
	])(
		'%s %s shows Prevent Duplicates, on, and no Safety Check (it follows the status itself)',
		(resource, operation) => {
			const byName = shown(resource, operation);
			expect(byName.preventDuplicates).toEqual(expect.objectContaining({ default: true }));
			expect(byName).toHaveProperty('waitForVerdict');
			expect(byName).not.toHaveProperty('safetyCheck');
		},
	);

	it("shows the verdict's times right after Wait for CDEK's Verdict, only while it is on; a notice explains ACCEPTED while it is off", () => {
		const off = shownNames('order', 'createRefusal');
		expect(off).not.toContain('pollInterval');
		expect(off).not.toContain('waitTimeout');
		expect(off.slice(off.indexOf('waitForVerdict'), off.indexOf('waitForVerdict') + 2)).toEqual([
			'waitForVerdict',
			'queuedNotice',
		]);
		const notice = shown('order', 'createRefusal').queuedNotice;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/ACCEPTED/);
		expect(notice.displayName).toMatch(/Wait for CDEK's Verdict/);
		expect(notice.displayName).toMatch(/Look Up Order/);

		const on = shownNames('order', 'createRefusal', { waitForVerdict: true });
		expect(on.slice(on.indexOf('waitForVerdict'), on.indexOf('waitForVerdict') + 3)).toEqual([
			'waitForVerdict',
			'pollInterval',
			'waitTimeout',
		]);
		expect(on).not.toContain('queuedNotice');
		const times = shown('order', 'createRefusal', { waitForVerdict: true });
		expect(times.pollInterval).toEqual(
			expect.objectContaining({ displayName: 'Poll Interval (Seconds)', default: 5 }),
		);
		expect(times.waitTimeout).toEqual(
			expect.objectContaining({ displayName: 'Time Limit (Seconds)', default: 120 }),
		);
	});

	it.each(OPERATIONS)(
		'%s %s counts every time in seconds, with the unit in the label, under names version 1 does not use',
		(resource, operation) => {
			const options = Object.fromEntries(
				optionsOf(resource, operation).map((option) => [option.name, option]),
			);
			expect(options.timeoutSeconds).toEqual(
				expect.objectContaining({ displayName: 'Timeout (Seconds)', default: 30 }),
			);
			expect(options).not.toHaveProperty('timeout');
			const batch = (options.batching.options as Array<{ values: INodeProperties[] }>)[0].values;
			const pause = batch.find((value) => value.name === 'batchIntervalSeconds');
			expect(pause).toEqual(
				expect.objectContaining({ displayName: 'Batch Pause (Seconds)', default: 1 }),
			);
			expect(batch.map((value) => value.name)).not.toContain('batchInterval');
			const timed = labels(resource, operation).filter((label) =>
				/timeout|interval|time limit|pause/i.test(label),
			);
			expect(timed.length).toBeGreaterThan(0);
			for (const label of timed) expect(label).toMatch(/\(Seconds\)$/);
		},
	);

	it.each(OPERATIONS)(
		'%s %s has no label n8n would cut (at most 24 characters)',
		(resource, operation) => {
			const long = labels(resource, operation).filter((label) => label.length > 24);
			expect(long).toEqual([]);
		},
	);

	it('lists the order operations in the order a shop needs them, named without API jargon, values unchanged', () => {
		const operation = shown('order', 'get').operation;
		const options = operation.options as Array<{ name: string; value: string; action: string }>;
		expect(options.map((option) => [option.value, option.name])).toEqual([
			['createRefusal', 'Refuse Delivery'],
			['createClientReturn', 'Return a Delivered Order'],
			['delete', 'Cancel Before Shipping'],
			['cancelOrReturn', 'Cancel or Return (Auto)'],
			['get', 'Look Up Order'],
			['getLabel', 'Get Return Label PDF'],
			['create', 'Create Return Order'],
		]);
		expect(operation.default).toBe('get');
		for (const option of options) {
			expect(`${option.name} ${option.action}`).not.toMatch(/_|is_client_return|\bPOST\b/);
		}
	});

	it('Tariff Code of a client return has no default and shows examples; Cancel or Return may leave it empty', () => {
		const tariff = shown('order', 'createClientReturn').tariffCode;
		expect(tariff).toEqual(
			expect.objectContaining({
				type: 'options',
				default: '',
				required: true,
				typeOptions: { loadOptionsMethod: 'getTariffs' },
			}),
		);
		expect(tariff.placeholder).toMatch(/136/);
		expect(tariff.hint).toMatch(/136.*137.*139/);
		const auto = shown('order', 'cancelOrReturn').tariffCode;
		expect(auto).toEqual(expect.objectContaining({ default: '', required: false }));
		expect(auto.hint).toMatch(/delivered/);
	});

	it("Create's items count units as Quantity (parameter `amount`); version 1 keeps Amount", () => {
		const values = (version: number) => {
			const items = nodeSurface(description, version, {
				resource: 'order',
				operation: 'create',
			}).displayed.find((property) => property.name === 'items');
			return (items?.options as Array<{ values: INodeProperties[] }>)[0].values;
		};
		expect(values(2).find((value) => value.name === 'amount')?.displayName).toBe('Quantity');
		expect(values(1).find((value) => value.name === 'amount')?.displayName).toBe('Amount');
	});
});
