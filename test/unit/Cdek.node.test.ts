import type { INodeProperties } from 'n8n-workflow';

import { nodeSurface } from '../../dev/n8n-core/node-surface';
import { Cdek } from '../../nodes/Cdek/Cdek.node';

const { description } = new Cdek();
const property = (name: string, operation?: string): INodeProperties | undefined =>
	description.properties.find(
		(p) =>
			p.name === name &&
			(!operation ||
				(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation)),
	);
/** What a version-2 node of this operation shows, by parameter name. */
const panel = (operation: string, values: Record<string, unknown> = {}) =>
	Object.fromEntries(
		nodeSurface(description, 2, { resource: 'order', operation, ...values } as never).displayed.map(
			(shown) => [shown.name, shown],
		),
	);
const values = (options: INodeProperties['options']) =>
	options?.map((o) => ('value' in o ? o.value : 'name' in o ? o.name : undefined));

describe('CDEK node description', () => {
	it('keeps the public names that saved workflows depend on', () => {
		expect(description.name).toBe('cdek');
		expect(description.displayName).toBe('CDEK');
		expect(description.credentials).toEqual([{ name: 'cdekApi', required: true }]);
		const operations = property('operation')?.options?.map((o) =>
			'value' in o ? o.value : undefined,
		);
		expect(operations).toEqual(
			expect.arrayContaining(['create', 'createRefusal', 'createClientReturn', 'delete', 'get']),
		);
		expect(property('orderUuid', 'createRefusal')).toBeDefined();
		expect(property('orderUuid', 'createClientReturn')).toBeDefined();
		expect(property('tariffCode', 'createClientReturn')?.type).toBe('number');
		const lookupBy = property('lookupBy', 'get');
		expect(lookupBy?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'uuid',
			'cdekNumber',
			'imNumber',
		]);
		expect(property('cdekNumber', 'get')).toBeDefined();
		expect(property('imNumber', 'get')).toBeDefined();
		const options = property('options', 'get')?.options?.map((o) =>
			'name' in o ? o.name : undefined,
		);
		expect(options).toEqual(expect.arrayContaining(['timeout', 'fullResponse']));
	});

	it('keeps the public names of the planning resources (issue 13), in both versions', () => {
		const of = (resource: string, name: string, operation?: string) =>
			description.properties.filter(
				(p) =>
					p.name === name &&
					(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) &&
					(!operation ||
						(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation)),
			);
		const resource = description.properties.find((p) => p.name === 'resource');
		expect(resource?.options).toEqual(
			expect.arrayContaining([
				{ name: 'Tariff', value: 'tariff' },
				{ name: 'Pickup Point', value: 'office' },
				{ name: 'City', value: 'city' },
				{ name: 'Courier Pickup', value: 'courierPickup' },
			]),
		);
		const operationLists = (name: string) => of(name, 'operation').map((p) => values(p.options));
		// Version 1's lists are frozen; version 2 may offer more.
		expect(operationLists('tariff')[1]).toEqual(['calculate']);
		expect(operationLists('office')[1]).toEqual(['getMany']);
		expect(operationLists('city')[1]).toEqual(['getMany']);
		for (const name of ['tariff', 'office', 'city'])
			expect(operationLists(name)[0]).toEqual(
				expect.arrayContaining(operationLists(name)[1] ?? []),
			);
		// Version 2's list first (see resources.ts), version 1's sorted by name after it.
		expect(operationLists('courierPickup')).toEqual([
			['getAvailableDays', 'create', 'get', 'delete'],
			['create', 'delete', 'get', 'getAvailableDays'],
		]);
		expect(of('tariff', 'weight', 'calculate')).toHaveLength(1);
		// Version 2 takes a city name or a code as text; version 1 keeps its number field.
		for (const name of ['fromCityCode', 'toCityCode'])
			expect(of('tariff', name, 'calculate').map((p) => p.type)).toEqual(['number', 'string']);
		for (const name of ['cityCode', 'returnAll', 'limit', 'filters', 'simple'])
			expect(of('office', name, 'getMany')).toHaveLength(1);
		expect(of('city', 'name', 'getMany')).toHaveLength(1);
		const [locator] = of('courierPickup', 'order', 'create');
		expect(locator?.type).toBe('resourceLocator');
		expect((locator?.modes ?? []).map((mode) => mode.name).sort()).toEqual([
			'cdekNumber',
			'imNumber',
			'uuid',
		]);
		for (const name of ['timeFrom', 'timeTo', 'additionalFields'])
			expect(of('courierPickup', name, 'create')).toHaveLength(1);
		// Version 2 picks the Pickup Date from a calendar (no placeholder date that is past); version 1 keeps text.
		expect(of('courierPickup', 'intakeDate', 'create').map((p) => p.type)).toEqual([
			'string',
			'dateTime',
		]);
		expect(of('courierPickup', 'pickupUuid', 'delete')).toHaveLength(1);
		expect(of('courierPickup', 'pickupUuid', 'get')).toHaveLength(1);
		expect(values(of('office', 'filters')[0]?.options)).toEqual([
			'acceptsParcels',
			'countryCode',
			'postalCode',
			'type',
		]);
	});

	it("lists the contract's tariffs for version 2's Create Client Return; version 1 keeps its number", () => {
		expect(typeof new Cdek().methods.loadOptions.getTariffs).toBe('function');
		const tariff = panel('createClientReturn').tariffCode;
		expect(tariff).toEqual(
			expect.objectContaining({
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTariffs' },
			}),
		);
		const v1 = nodeSurface(description, 1, {
			resource: 'order',
			operation: 'createClientReturn',
		}).displayed.find((shown) => shown.name === 'tariffCode');
		expect(v1).toEqual(expect.objectContaining({ type: 'number', displayName: 'Tariff Code' }));
	});

	it('is usable as an AI tool, with an action for every operation: a sentence in version 1, the name in version 2', () => {
		expect(description.usableAsTool).toBe(true);
		for (const list of description.properties.filter((p) => p.name === 'operation')) {
			const version = (list.displayOptions?.show?.['@version'] as number[])[0];
			for (const option of list.options ?? []) {
				if (version === 1)
					expect('action' in option && option.action).toMatch(/^[A-Z][a-z]+,? [a-z]/);
				else expect('action' in option && option.action).toBe(option.name);
				expect('description' in option && option.description?.length).toBeGreaterThan(20);
			}
		}
	});

	it('is version 2 by default, and version 2 adds Get Return Label PDF and Cancel or Return', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		expect(values(panel('get').operation.options)).toEqual(
			expect.arrayContaining(['cancelOrReturn', 'getLabel']),
		);
		const v1 = nodeSurface(description, 1, { resource: 'order' }).displayed.find(
			(shown) => shown.name === 'operation',
		);
		expect(values(v1?.options)).toEqual([
			'create',
			'createClientReturn',
			'createRefusal',
			'delete',
			'get',
		]);
	});

	it.each(['createRefusal', 'createClientReturn', 'delete', 'get', 'getLabel', 'cancelOrReturn'])(
		'version 2 %s takes the order as the "order" locator (UUID, Shop No., CDEK No.)',
		(operation) => {
			const shown = panel(operation);
			expect(shown.order?.type).toBe('resourceLocator');
			expect(shown.order?.modes?.map((mode) => mode.name).sort()).toEqual([
				'cdekNumber',
				'imNumber',
				'uuid',
			]);
			expect(shown).not.toHaveProperty('orderUuid');
			expect(shown).not.toHaveProperty('lookupBy');
		},
	);

	it('version 2 Get simplifies by default; the label and cancel-or-return parameters keep their public names', () => {
		expect(panel('get').simplify).toEqual(
			expect.objectContaining({ type: 'boolean', default: true }),
		);
		const label = panel('getLabel');
		expect(label.labelType).toEqual(expect.objectContaining({ default: 'barcode' }));
		expect(values(label.labelType.options)).toEqual(['barcode', 'waybill']);
		const labelOptions = Object.fromEntries(
			(label.options.options as INodeProperties[]).map((option) => [option.name, option]),
		);
		expect(values(labelOptions.format.options)).toEqual(['A4', 'A5', 'A6', 'A7']);
		expect(labelOptions.binaryPropertyName.default).toBe('data');
		for (const name of ['copies', 'language', 'pollInterval', 'waitTimeout'])
			expect(labelOptions).toHaveProperty(name);
		expect(labelOptions).not.toHaveProperty('fullResponse');
		const cancel = panel('cancelOrReturn');
		expect(cancel.tariffCode).toEqual(
			expect.objectContaining({ type: 'options', default: '', required: false }),
		);
		expect(cancel).toHaveProperty('preventDuplicates');
		expect(cancel).toHaveProperty('waitForVerdict');
		expect(cancel).not.toHaveProperty('safetyCheck');
	});

	it('has themed icons and a subtitle', () => {
		expect(description.icon).toEqual({ light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' });
		expect(description.subtitle).toContain('$parameter["operation"]');
	});
});
