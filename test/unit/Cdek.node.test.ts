import type { INodeProperties } from 'n8n-workflow';

import { Cdek } from '../../nodes/Cdek/Cdek.node';

const { description } = new Cdek();
const property = (name: string, operation?: string): INodeProperties | undefined =>
	description.properties.find(
		(p) =>
			p.name === name &&
			(!operation ||
				(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation)),
	);

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

	it('is usable as an AI tool, with an action sentence for every operation', () => {
		expect(description.usableAsTool).toBe(true);
		for (const option of property('operation')?.options ?? []) {
			expect('action' in option && option.action).toMatch(/^(Create|Delete|Get) an? /);
			expect('description' in option && option.description?.length).toBeGreaterThan(20);
		}
	});

	it('has themed icons and a subtitle', () => {
		expect(description.icon).toEqual({ light: 'file:cdek.svg', dark: 'file:cdek.dark.svg' });
		expect(description.subtitle).toContain('$parameter["operation"]');
	});
});
