import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../descriptions/common.description';
import type { ProxySetting } from '../transport/client';
import { parseProxyUrl } from '../transport/proxy';

/** How one execution paces its items and reaches CDEK: read once, not per item. */
export interface RunSettings {
	concurrency: number;
	batchSize: number;
	batchIntervalMs: number;
	proxy?: ProxySetting;
}

function invalid(this: IExecuteFunctions, label: string, expected: string, value: unknown): NodeOperationError {
	return new NodeOperationError(this.getNode(), `${label} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`, {
		description: `Check the "${label}" option of the node.`,
	});
}

function whole(this: IExecuteFunctions, label: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw invalid.call(this, label, `a whole number from ${min} to ${max}`, value);
	}
	return value;
}

function proxySetting(this: IExecuteFunctions, value: unknown): ProxySetting | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = typeof value === 'string' ? parseProxyUrl(value) : { problem: 'must be a URL' };
	if ('problem' in parsed) throw invalid.call(this, 'Proxy', 'a URL such as http://proxy.example.com:3128', value);
	if (parsed.auth) {
		// Node parameters are stored in the workflow as typed; a password belongs in the encrypted credential.
		throw new NodeOperationError(this.getNode(), 'Proxy must not contain a user or password here', {
			description:
				'Put a proxy that needs a password into the CDEK API credential ("Proxy"), where n8n keeps it encrypted, and leave this option empty.',
		});
	}
	return parsed;
}

export function runSettings(this: IExecuteFunctions, itemCount: number): RunSettings {
	const options = (itemCount > 0 ? this.getNodeParameter('options', 0, {}) : {}) as IDataObject;
	const batch = (options.batching as IDataObject | undefined)?.batch as IDataObject | undefined;
	return {
		concurrency: batch ? whole.call(this, 'Concurrency', batch.concurrency ?? DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY) : DEFAULT_CONCURRENCY,
		batchSize: batch ? whole.call(this, 'Items per Batch', batch.batchSize ?? 50, 1, Number.MAX_SAFE_INTEGER) : 0,
		batchIntervalMs: batch ? whole.call(this, 'Batch Interval (Ms)', batch.batchInterval ?? 1000, 0, 3_600_000) : 0,
		proxy: proxySetting.call(this, options.proxy),
	};
}
