/**
 * Benchmark workflows: Start → "Make orders" (POST /_sandbox/orders/bulk: fresh in-transit orders on every
 * run, so one imported workflow can run many times) → "One per order" (Split Out) → "Refusals", the node
 * under test. Only "Refusals" differs between variants; its runData executionTime is the figure we compare.
 */
export const TARGET_NODE = 'Refusals';
/** An in-transit status: the Safety Check lets a refusal through. */
export const ORDER_STATUS = 'SENT_TO_RECIPIENT_CITY';

type Json = Record<string, unknown>;

export interface CredentialRef {
	id: string;
	name: string;
}

export type Variant =
	| {
			kind: 'cdek';
			credential: CredentialRef;
			checks: boolean;
			batching?: { batchSize: number; concurrency: number; batchInterval: number };
			disabled?: boolean;
	  }
	| { kind: 'httpHeaderAuth'; credential: CredentialRef; rootUrl: string }
	| { kind: 'httpInlineHeader'; token: string; rootUrl: string };

function targetNode(variant: Variant): Json {
	const base = { name: TARGET_NODE, position: [880, 300] };
	if (variant.kind === 'cdek') {
		const options: Json = {};
		if (!variant.checks) Object.assign(options, { safetyCheck: false, preventDuplicates: false });
		if (variant.batching) options.batching = { batch: variant.batching };
		return {
			...base,
			type: 'n8n-nodes-cdek.cdek',
			typeVersion: 1,
			parameters: {
				resource: 'order',
				operation: 'createRefusal',
				orderUuid: '={{ $json.uuid }}',
				options,
			},
			credentials: { cdekApi: variant.credential },
			...(variant.disabled ? { disabled: true } : {}),
		};
	}
	const request = {
		...base,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
	};
	const url = `=${variant.rootUrl}/orders/{{ $json.uuid }}/refusal`;
	if (variant.kind === 'httpHeaderAuth') {
		return {
			...request,
			parameters: {
				method: 'POST',
				url,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				options: {},
			},
			credentials: { httpHeaderAuth: variant.credential },
		};
	}
	return {
		...request,
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${variant.token}` }],
			},
			options: {},
		},
	};
}

export function refusalWorkflow(
	id: string,
	controlUrl: string,
	count: number,
	variant: Variant,
): Json {
	const nodes: Json[] = [
		{
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [220, 300],
			parameters: {},
		},
		{
			name: 'Make orders',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [440, 300],
			parameters: {
				method: 'POST',
				url: `${controlUrl}/orders/bulk`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify({ count, status: ORDER_STATUS }),
				options: {},
			},
		},
		{
			name: 'One per order',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [660, 300],
			parameters: { fieldToSplitOut: 'orders', options: {} },
		},
		targetNode(variant),
	];
	const chain = nodes.map((node) => node.name as string);
	const connections: Json = {};
	chain
		.slice(1)
		.forEach(
			(to, index) =>
				(connections[chain[index]] = { main: [[{ node: to, type: 'main', index: 0 }]] }),
		);
	return {
		id,
		name: `bench: ${id}`,
		nodes: nodes.map((node, index) => ({ id: `${id}-${index}`, ...node })),
		connections,
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
