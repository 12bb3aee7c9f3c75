import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseProxyUrl } from '../../../credentials/common/proxy';
import type { ProxySetting } from '../../../credentials/common/proxy';
import { secondsAsMs, wholeNumber } from './validation';
import type { ParameterValue } from './validation';

export const DEFAULT_CONCURRENCY = 100;
export const MAX_CONCURRENCY = 200;

/** How one execution paces its items and reaches CDEK: read once, not per item. */
export interface RunSettings {
	concurrency: number;
	batchSize: number;
	batchIntervalMs: number;
	proxy?: ProxySetting;
}

function proxySetting(this: IExecuteFunctions, value: unknown): ProxySetting | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = typeof value === 'string' ? parseProxyUrl(value) : { problem: 'must be a URL' };
	if ('problem' in parsed) {
		// Never echoed: a proxy typed without its scheme may still carry a password (user:pass@host).
		throw new NodeOperationError(
			this.getNode(),
			'Proxy must be a URL such as http://proxy.example.com:3128, starting with http:// or https://',
			{
				description:
					'Check the "Proxy" option of the node (its value is not shown here, as it may hold a password). A proxy that needs a password belongs in the CDEK API credential ("Proxy").',
			},
		);
	}
	if (parsed.auth) {
		// Node parameters are stored in the workflow as typed; a password belongs in the encrypted credential.
		throw new NodeOperationError(this.getNode(), 'Proxy must not contain a user or password here', {
			description:
				'Put a proxy that needs a password into the CDEK API credential ("Proxy"), where n8n keeps it encrypted, and leave this option empty.',
		});
	}
	return parsed;
}

const MAX_BATCH_INTERVAL_MS = 3_600_000;

/** The pause between batches: version 1 counts it in milliseconds, version 2 in seconds. */
function batchInterval(
	this: IExecuteFunctions,
	batch: IDataObject,
	setting: (label: string, value: unknown) => ParameterValue,
	version: number,
): number {
	if (version < 2) {
		return wholeNumber(
			setting('Batch Interval (Ms)', batch.batchInterval ?? 1000),
			0,
			MAX_BATCH_INTERVAL_MS,
		);
	}
	return secondsAsMs(
		setting('Batch Pause (Seconds)', batch.batchIntervalSeconds ?? 1),
		0,
		MAX_BATCH_INTERVAL_MS / 1000,
	);
}

export function runSettings(
	this: IExecuteFunctions,
	itemCount: number,
	version: number,
): RunSettings {
	const options = (itemCount > 0 ? this.getNodeParameter('options', 0, {}) : {}) as IDataObject;
	const batch = (options.batching as IDataObject | undefined)?.batch as IDataObject | undefined;
	const setting = (label: string, value: unknown) => ({ node: this.getNode(), label, value });
	return {
		concurrency: batch
			? wholeNumber(
					setting('Concurrency', batch.concurrency ?? DEFAULT_CONCURRENCY),
					1,
					MAX_CONCURRENCY,
				)
			: DEFAULT_CONCURRENCY,
		batchSize: batch ? wholeNumber(setting('Items per Batch', batch.batchSize ?? 50), 1) : 0,
		batchIntervalMs: batch ? batchInterval.call(this, batch, setting, version) : 0,
		proxy: proxySetting.call(this, options.proxy),
	};
}
