/**
 * One name per operation: in version 2 the Operation list, the action n8n lists and names a new node after, and the
 * canvas subtitle show the operation's one name; every operation another text names (a message, an advice, a
 * description) takes that name from the one list of quoted names (transport/operation-names.ts), which must agree
 * with the operation modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';

import { subtitleOf } from '../../dev/n8n-core/node-surface';
import { Cdek } from '../../nodes/Cdek/Cdek.node';
import { resources } from '../../nodes/Cdek/actions/resources';
import { OPERATION_NAMES } from '../../nodes/Cdek/transport/operation-names';

const cdek = new Cdek();
const { properties } = cdek.description;
const QUOTED_NAMES = Object.entries(OPERATION_NAMES).flatMap(([resource, names]) =>
	Object.entries(names).map(([value, name]) => ({
		key: `${resource}.${value}`,
		name: name as string,
	})),
);
const ALL_NAMES = resources.flatMap((resource) =>
	resource.operations.map((operation) => operation.option.name),
);

/**
 * The name n8n 2.41's editor gives a node added from the actions list (its `Ql`/`Jl` in the editor bundle): the
 * action of the operation in the FIRST property named "operation" that shows for the resource, whatever its
 * @version; without an action, "<Operation value> <resource>", e.g. "CancelOrReturn order".
 */
function editorNodeName(resource: string, operation: string): string {
	const list = properties.find(
		(property) =>
			property.name === 'operation' &&
			(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	);
	const option = (list?.options as Array<INodePropertyOptions & { action?: string }>).find(
		(candidate) => candidate.value === operation,
	);
	return option?.action ?? `${operation[0].toUpperCase()}${operation.slice(1)} ${resource}`;
}

const version2Operations = properties
	.filter(
		(property) =>
			property.name === 'operation' &&
			(property.displayOptions?.show?.['@version'] as number[] | undefined)?.[0] === 2,
	)
	.flatMap((property) =>
		(property.options as Array<INodePropertyOptions & { action?: string }>).map((option) => ({
			resource: (property.displayOptions?.show?.resource as string[])[0],
			option,
		})),
	);

describe('one name per operation (version 2)', () => {
	it('lists every operation of the resources, and every quoted name is the name of its operation', () => {
		const offered = Object.fromEntries(
			version2Operations.map(({ resource, option }) => [
				`${resource}.${String(option.value)}`,
				option.name,
			]),
		);
		expect(Object.keys(offered).sort()).toEqual(
			resources
				.flatMap((resource) =>
					resource.operations.map(
						(operation) => `${resource.value}.${String(operation.option.value)}`,
					),
				)
				.sort(),
		);
		for (const { key, name } of QUOTED_NAMES) expect([key, offered[key]]).toEqual([key, name]);
	});

	it.each(version2Operations.map(({ resource, option }) => [resource, option.value, option]))(
		"%s → %s: menu, action, the new node's name and the subtitle are the same name",
		(resource, value, option) => {
			const { name } = option as INodePropertyOptions;
			expect(option).toEqual(expect.objectContaining({ name, action: name }));
			expect(editorNodeName(resource as string, value as string)).toBe(name);
			expect(
				subtitleOf(cdek, 2, { resource: resource as string, operation: value as string }),
			).toBe(name);
		},
	);

	it('names no operation in a text of the node but by the one list', () => {
		const root = join(__dirname, '../../nodes');
		const files = (dir: string): string[] =>
			readdirSync(dir).flatMap((entry) => {
				const path = join(dir, entry);
				return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
			});
		// Texts version 1 shows (frozen), and a parameter label that is not an operation.
		const allowed = new Set([
			'"Get"',
			'"Create Client Return"',
			'"Create Refusal"',
			'"Look Up By"',
		]);
		const named: string[] = [];
		for (const file of files(root)) {
			const code = readFileSync(file, 'utf8')
				.split('\n')
				.filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
				.join('\n');
			for (const match of code.matchAll(
				/\\?"((?:Create|Cancel|Refuse|Return|Look Up|Get|Delete|Calculate)(?: [A-Z(][\w()]*)*)\\?"/g,
			))
				if (!allowed.has(`"${match[1]}"`) && !ALL_NAMES.includes(match[1]))
					named.push(`${relative(root, file)}: "${match[1]}"`);
		}
		expect(named).toEqual([]);
	});
});
