/**
 * In-memory stand-in for n8n's credential storage and `CredentialsHelper` (n8n 2.41.1,
 * packages/cli/dist/credentials-helper.js). Method bodies follow the real helper step by step;
 * only the database, encryption, credential overwrites, external secrets, dynamic (per-user)
 * credentials and the AI gateway are left out.
 */
import { getAdditionalKeys } from 'n8n-core';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface StoredCredential {
	type: string;
	name?: string;
	data: ICredentialDataDecryptedObject;
}

/** Credentials by id, as n8n's `credentials_entity` table would hold them (decrypted). */
export class CredentialStore {
	/** How many times stored data was replaced through `updateCredentials` (= persisted preAuthentication results). */
	updates = 0;

	private readonly entries = new Map<string, StoredCredential>();

	constructor(entries: Record<string, StoredCredential> = {}) {
		for (const [id, entry] of Object.entries(entries)) {
			this.entries.set(id, { ...entry, data: deepCopy(entry.data) });
		}
	}

	/** A copy of the data currently stored under `id`. */
	get(id: string): ICredentialDataDecryptedObject {
		return deepCopy(this.entry(id).data);
	}

	has(id: string): boolean {
		return this.entries.has(id);
	}

	/** The stored entry; throws like n8n's `CredentialNotFoundError` when id or type do not match. */
	entry(id: string, type?: string): StoredCredential {
		const entry = this.entries.get(id);
		if (!entry || (type !== undefined && entry.type !== type)) {
			throw new UserError(`Credential with ID "${id}" does not exist for type "${type ?? '?'}".`);
		}
		return entry;
	}

	replace(id: string, data: ICredentialDataDecryptedObject): void {
		this.entry(id).data = deepCopy(data);
		this.updates++;
	}

	mergeOauthTokenData(id: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.entry(id);
		entry.data = { ...entry.data, oauthTokenData: deepCopy(data.oauthTokenData) };
	}
}

/** Credential types by name with n8n's `extends` resolution (packages/cli credential-types.ts). */
export class CredentialTypeRegistry {
	constructor(
		private readonly types: { find(name: string): ICredentialType | undefined; names(): string[] },
	) {}

	recognizes(name: string): boolean {
		return this.types.find(name) !== undefined;
	}

	getByName(name: string): ICredentialType {
		const type = this.types.find(name);
		if (!type) {
			throw new UnexpectedError(
				`Unknown credential type "${name}"; known: ${this.types.names().join(', ')}`,
			);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.find(name)?.extends ?? [];
		return [...parents, ...parents.flatMap((parent) => this.getParentTypes(parent))];
	}
}

/** Stored data wrapped as n8n's `ICredentials` (no encryption: `data` stays undefined). */
class StoredCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private readonly store: CredentialStore,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return this.store.get(this.id as string);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.replace(this.id as string, data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...this.store.get(this.id as string), ...toUpdate };
		for (const key of toDelete) delete data[key];
		this.store.replace(this.id as string, data as ICredentialDataDecryptedObject);
	}
}

// packages/cli/dist/oauth/dcr-managed-fields.js
const OAUTH_PINNED_FIELDS = [
	'useDynamicClientRegistration',
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'requestTokenUrl',
	'signatureMethod',
];
const DCR_MANAGED_CREDENTIAL_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'clientId',
	'clientSecret',
];

const mockNode: INode = {
	id: 'credential-expressions',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

/** Like n8n's `restrictToCredentialDomains`: the `this` that a credential's preAuthentication gets. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		readonly store: CredentialStore,
		readonly credentialTypes: CredentialTypeRegistry,
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			}
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
						const keyResolved = this.resolveValue(key, credentials, workflow, node);
						const valueResolved = this.resolveValue(value, credentials, workflow, node);
						const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
						target[outerKey] ??= {};
						target[outerKey][keyResolved as string] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirableProperty.name] !== '' &&
			!credentialsExpired &&
			!isTestingCredentials
		) {
			return undefined;
		}

		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		if (output[expirableProperty.name] === undefined) return undefined;
		if (!node.credentials) return undefined;

		const nodeCredentials = node.credentials[credentialType.name];
		const storedData = await (
			await this.getCredentials(nodeCredentials, credentialType.name)
		).getData();
		const dataToPersist = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirableProperty.name || !isExpression(storedData[key])) {
				dataToPersist[key] = value as ICredentialDataDecryptedObject[string];
			}
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const typeDef = this.credentialTypes.getByName(credentialType);
		if (!typeDef.restrictToSupportedNodes) return true;
		return (typeDef.supportedNodes ?? []).some(
			(supported) => supported === nodeType || nodeType.endsWith(`.${supported}`),
		);
	}

	async getCredentials(
		nodeCredential: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const id = this.requireId(nodeCredential, type);
		const entry = this.store.entry(id, type);
		return new StoredCredentials({ id, name: entry.name ?? nodeCredential.name }, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const id = this.requireId(nodeCredentials, type);
		const decryptedDataOriginal = deepCopy(this.store.entry(id, type).data);
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaults(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** n8n's `applyDefaultsAndOverwrites` without overwrites: defaults, hidden-by-displayOptions removal, expressions. */
	private async applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);
		const storedData = { ...decryptedDataOriginal };
		// n8n ignores stored values of these fields when the type pins them as hidden properties.
		for (const field of OAUTH_PINNED_FIELDS) {
			if (credentialsProperties.some((p) => p.name === field && p.type === 'hidden')) {
				delete storedData[field];
			}
		}
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			storedData as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}
		if (decryptedData.useDynamicClientRegistration) {
			for (const field of DCR_MANAGED_CREDENTIAL_FIELDS) {
				decryptedData[field] = decryptedDataOriginal[field];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as never,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
			return decryptedData;
		}

		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: mockNodeTypes,
		});
		await workflow.expression.acquireIsolate();
		try {
			return workflow.expression.getComplexParameterValue(
				mockNode,
				decryptedData as never,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await (await this.getCredentials(nodeCredentials, type)).setData(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const id = this.requireId(nodeCredentials, type);
		this.store.entry(id, type);
		this.store.mergeOauthTokenData(id, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combineProperties: INodeProperties[] = [];
		for (const credentialsTypeName of credentialTypeData.extends) {
			NodeHelpers.mergeNodeProperties(
				combineProperties,
				this.getCredentialsProperties(credentialsTypeName),
			);
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}

	private resolveValue(
		parameterValue: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): unknown {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}

	private requireId(nodeCredentials: INodeCredentialsDetails, type: string): string {
		if (!nodeCredentials.id) {
			throw new UserError(
				`The credential "${nodeCredentials.name}" of type "${type}" has no id (n8n: CredentialMissingIdError).`,
			);
		}
		return nodeCredentials.id;
	}
}
