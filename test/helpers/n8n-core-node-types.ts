/**
 * Node and credential types the in-process runner knows: a test-only start node, the package's
 * own `cdek` node and `cdekApi` credential (loaded lazily, so the harness works before they exist)
 * and whatever a test passes in.
 */
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
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

/**
 * `require`s `modulePath` (relative to the repo root) and instantiates its export `exportName`;
 * `undefined` when the module does not exist yet. Errors inside an existing module propagate.
 */
export function loadOptional<T>(modulePath: string, exportName: string): T | undefined {
	const absolute = path.resolve(__dirname, '../..', modulePath);
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

/** Node types registered by default; `cdek` also under the name real n8n gives it. */
export function defaultNodeTypes(): Record<string, INodeType | IVersionedNodeType> {
	const types: Record<string, INodeType | IVersionedNodeType> = { [START_NODE_TYPE]: new TestInput() };
	const cdek = loadOptional<INodeType | IVersionedNodeType>('nodes/Cdek/Cdek.node', 'Cdek');
	if (cdek) {
		types.cdek = cdek;
		types['n8n-nodes-cdek.cdek'] = cdek;
	}
	return types;
}

export function defaultCredentialTypes(): ICredentialType[] {
	const cdekApi = loadOptional<ICredentialType>('credentials/CdekApi.credentials', 'CdekApi');
	return cdekApi ? [cdekApi] : [];
}

export class NodeTypeRegistry implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}"; known: ${Object.keys(this.types).join(', ')}` +
					(nodeType === 'cdek' ? ' (nodes/Cdek/Cdek.node.ts does not exist yet?)' : ''),
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, {}]));
	}

	/** The version n8n's editor gives a newly added node of this type. */
	defaultVersion(nodeType: string): number {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) return type.currentVersion;
		const { version, defaultVersion } = type.description;
		return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
	}
}
