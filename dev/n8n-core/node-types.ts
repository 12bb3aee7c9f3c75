/**
 * Node and credential types the in-process runner knows: a test-only start node, the package's
 * own `cdek` node and `cdekApi` credential (loaded lazily, so the harness works before they exist
 * or while they do not compile) and whatever a test passes in.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

export const START_NODE_TYPE = 'test.input';

/**
 * Emits the run's `input` items (handed to it as its own input data, the way n8n hands trigger
 * data to a start node) with an explicit `pairedItem`, so lineage checks downstream are real.
 */
export class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: START_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits the items given to runWorkflow({ input })',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } })),
		];
	}
}

/**
 * `require`s `modulePath` (relative to the repo root) and instantiates its export `exportName`;
 * `undefined` when the module does not exist yet. Errors inside an existing module propagate.
 */
export function loadOptional<T>(modulePath: string, exportName: string): T | undefined {
	// The TypeScript source first: outside jest, `Cdek.node` would resolve to the codex `Cdek.node.json`.
	const source = `${path.resolve(__dirname, '../..', modulePath)}.ts`;
	const absolute = existsSync(source) ? source : path.resolve(__dirname, '../..', modulePath);
	try {
		require.resolve(absolute);
	} catch {
		return undefined;
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const loaded = require(absolute) as Record<string, new () => T>;
	const Class = loaded[exportName];
	if (typeof Class !== 'function') {
		throw new UnexpectedError(`${modulePath} does not export a class "${exportName}"`);
	}
	return new Class();
}

type Lazy<T> = () => T | undefined;

/**
 * Loaded only when a workflow uses them, so tests that do not touch the CDEK node keep working
 * while its sources are missing or half-written. `cdek` is also known under the name real n8n uses.
 */
const lazyNodeTypes: Record<string, Lazy<INodeType | IVersionedNodeType>> = {
	cdek: () => loadOptional('nodes/Cdek/Cdek.node', 'Cdek'),
	'n8n-nodes-cdek.cdek': () => loadOptional('nodes/Cdek/Cdek.node', 'Cdek'),
};

const lazyCredentialTypes: Record<string, Lazy<ICredentialType>> = {
	cdekApi: () => loadOptional('credentials/CdekApi.credentials', 'CdekApi'),
};

/** Looks a type up by name: given types first, then the lazily loaded package types. */
export class TypeTable<T> {
	private readonly loaded = new Map<string, T>();

	constructor(
		given: Record<string, T>,
		private readonly lazy: Record<string, Lazy<T>>,
	) {
		for (const [name, type] of Object.entries(given)) this.loaded.set(name, type);
	}

	find(name: string): T | undefined {
		if (!this.loaded.has(name) && this.lazy[name]) {
			const type = this.lazy[name]();
			if (type) this.loaded.set(name, type);
		}
		return this.loaded.get(name);
	}

	names(): string[] {
		return [...new Set([...this.loaded.keys(), ...Object.keys(this.lazy)])];
	}
}

export function nodeTypeTable(given: Record<string, INodeType | IVersionedNodeType> = {}) {
	return new TypeTable<INodeType | IVersionedNodeType>(
		{ [START_NODE_TYPE]: new TestInput(), ...given },
		lazyNodeTypes,
	);
}

export function credentialTypeTable(given: ICredentialType[] = []) {
	return new TypeTable(
		Object.fromEntries(given.map((type) => [type.name, type])),
		lazyCredentialTypes,
	);
}

export class NodeTypeRegistry implements INodeTypes {
	constructor(private readonly types: TypeTable<INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.find(nodeType);
		if (!type) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}"; known: ${this.types.names().join(', ')}` +
					(nodeType in lazyNodeTypes ? ' (its source file does not exist yet)' : ''),
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(this.types.names().map((name) => [name, {}]));
	}

	/** The version n8n's editor gives a newly added node of this type. */
	defaultVersion(nodeType: string): number {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) return type.currentVersion;
		const { version, defaultVersion } = type.description;
		return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
	}
}
