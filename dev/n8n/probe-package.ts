/**
 * A throwaway community package ("harness probe") that proves the real-n8n harness independently of our own
 * node: one node that calls a local HTTP server through `httpRequestWithAuthentication`, one credential with
 * a header API key and a credential test request.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROBE_PACKAGE = 'n8n-nodes-harness-probe';
export const PROBE_NODE_TYPE = `${PROBE_PACKAGE}.harnessProbe`;
export const PROBE_CREDENTIAL_TYPE = 'harnessProbeApi';
/** The server answers 401 with this reason when the X-API-KEY header is wrong. */
export const PROBE_REJECTION_REASON = 'probe key rejected';

const nodeSource = `
class HarnessProbe {
	constructor() {
		this.description = {
			displayName: 'Harness Probe',
			name: 'harnessProbe',
			icon: 'file:probe.svg',
			group: ['transform'],
			version: 1,
			description: 'Calls a local HTTP server (real-n8n harness check)',
			defaults: { name: 'Harness Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: '${PROBE_CREDENTIAL_TYPE}', required: true }],
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/data' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('${PROBE_CREDENTIAL_TYPE}');
		const results = [];
		for (let i = 0; i < items.length; i++) {
			const response = await this.helpers.httpRequestWithAuthentication.call(this, '${PROBE_CREDENTIAL_TYPE}', {
				method: 'GET',
				url: credentials.baseUrl + this.getNodeParameter('path', i),
				json: true,
			});
			results.push({ json: { response } });
		}
		return [results];
	}
}
module.exports = { HarnessProbe };
`;

const credentialSource = `
class HarnessProbeApi {
	constructor() {
		this.name = '${PROBE_CREDENTIAL_TYPE}';
		this.displayName = 'Harness Probe API';
		this.properties = [
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = { type: 'generic', properties: { headers: { 'X-API-KEY': '={{$credentials.apiKey}}' } } };
		this.test = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/auth-check' } };
	}
}
module.exports = { HarnessProbeApi };
`;

const icon =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

/** Writes the compiled package where n8n scans for installed community packages. */
export function writeProbePackage(userFolder: string): string {
	const dir = join(userFolder, '.n8n', 'nodes', 'node_modules', PROBE_PACKAGE);
	mkdirSync(join(dir, 'dist', 'nodes'), { recursive: true });
	mkdirSync(join(dir, 'dist', 'credentials'), { recursive: true });
	const manifest = {
		name: PROBE_PACKAGE,
		version: '0.0.1',
		keywords: ['n8n-community-node-package'],
		n8n: {
			n8nNodesApiVersion: 1,
			nodes: ['dist/nodes/HarnessProbe.node.js'],
			credentials: ['dist/credentials/HarnessProbeApi.credentials.js'],
		},
	};
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	writeFileSync(join(dir, 'dist', 'nodes', 'HarnessProbe.node.js'), nodeSource);
	writeFileSync(join(dir, 'dist', 'nodes', 'probe.svg'), icon);
	writeFileSync(
		join(dir, 'dist', 'credentials', 'HarnessProbeApi.credentials.js'),
		credentialSource,
	);
	return dir;
}

/** Manual Trigger → Harness Probe, using the given credential. */
export function probeWorkflow(
	id: string,
	credential: { id: string; name: string },
	path = '/data',
): object {
	return {
		id,
		name: `Harness probe ${id}`,
		nodes: [
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000002',
				name: 'Probe',
				type: PROBE_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { path },
				credentials: { [PROBE_CREDENTIAL_TYPE]: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		settings: {},
	};
}
