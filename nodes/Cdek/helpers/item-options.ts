import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_RETRIES } from '../transport/retry-policy';
import { DEFAULT_TIMEOUT_MS } from '../transport/client';
import { secondsAsMs, wholeNumber } from './validation';

export const MAX_RETRIES = 10;
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 120;

/** The Options collection of one item, checked. */
export interface ItemOptions {
	timeout: number;
	retries: number;
	fullResponse: boolean;
	preventDuplicates: boolean;
	safetyCheck: boolean;
	waitForVerdict: boolean;
	pollIntervalMs: number;
	waitTimeoutMs: number;
}

export function itemOptions(this: IExecuteFunctions, itemIndex: number): ItemOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const option = (label: string, value: unknown) => ({ node, itemIndex, label, value });
	return {
		timeout: wholeNumber(option('Timeout', options.timeout ?? DEFAULT_TIMEOUT_MS), 1),
		retries: wholeNumber(option('Retries', options.retries ?? DEFAULT_RETRIES), 0, MAX_RETRIES),
		fullResponse: options.fullResponse === true,
		preventDuplicates: options.preventDuplicates !== false,
		safetyCheck: options.safetyCheck !== false,
		waitForVerdict: options.waitForVerdict === true,
		pollIntervalMs: secondsAsMs(
			option(
				'Verdict Poll Interval (Seconds)',
				options.pollInterval ?? DEFAULT_POLL_INTERVAL_SECONDS,
			),
			0.1,
		),
		waitTimeoutMs: secondsAsMs(
			option('Verdict Time Limit (Seconds)', options.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_SECONDS),
			1,
		),
	};
}
