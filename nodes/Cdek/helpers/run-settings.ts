import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../descriptions/common.description';
import type { ProxySetting } from '../transport/client';

/** How one execution paces its items and reaches CDEK: read once, not per item. */
export interface RunSettings {
	concurrency: number;
	batchSize: number;
	batchIntervalMs: number;
	proxy?: ProxySetting;
}

function proxySetting(this: IExecuteFunctions, value: unknown): ProxySetting | undefined {
	if (value === undefined || value === '') return undefined;
	let url: URL | undefined;
	try {
		url = new URL(String(value));
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
		throw new NodeOperationError(this.getNode(), 'Proxy must be a URL such as http://proxy.example.com:3128', {
			description: 'Check the "Proxy" option; leave it empty to use n8n\'s own proxy settings.',
		});
	}
	return {
		protocol: url.protocol.replace(':', ''),
		host: url.hostname,
		port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
		...(url.username ? { auth: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } } : {}),
	};
}

export function runSettings(this: IExecuteFunctions, itemCount: number): RunSettings {
	const options = (itemCount > 0 ? this.getNodeParameter('options', 0, {}) : {}) as IDataObject;
	const batch = ((options.batching as IDataObject | undefined)?.batch as IDataObject | undefined) ?? undefined;
	const whole = (value: unknown, fallback: number, min: number) =>
		typeof value === 'number' && Number.isInteger(value) && value >= min ? value : fallback;
	return {
		concurrency: batch ? whole(batch.concurrency, DEFAULT_CONCURRENCY, 1) : DEFAULT_CONCURRENCY,
		batchSize: batch ? whole(batch.batchSize, 50, 1) : 0,
		batchIntervalMs: batch ? whole(batch.batchInterval, 1000, 0) : 0,
		proxy: proxySetting.call(this, options.proxy),
	};
}
