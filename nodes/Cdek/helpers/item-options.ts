import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_RETRIES } from '../transport/retry-policy';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../transport/client';
import { secondsAsMs, wholeNumber } from './validation';

export const MAX_RETRIES = 10;
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 120;
/** CDEK makes a print form within about a second (docs/reference/cdek-api.md §11). */
export const DEFAULT_LABEL_POLL_INTERVAL_SECONDS = 2;

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

/** How an operation names and defaults its polling options ("Verdict …" unless it polls for something else). */
export interface PollingOptions {
	pollIntervalLabel: string;
	waitTimeoutLabel: string;
	defaultPollIntervalSeconds: number;
}

const VERDICT_POLLING: PollingOptions = {
	pollIntervalLabel: 'Verdict Poll Interval (Seconds)',
	waitTimeoutLabel: 'Verdict Time Limit (Seconds)',
	defaultPollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS,
};

export function itemOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	polling: PollingOptions = VERDICT_POLLING,
): ItemOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const option = (label: string, value: unknown) => ({ node, itemIndex, label, value });
	return {
		timeout: wholeNumber(
			option('Timeout', options.timeout ?? DEFAULT_TIMEOUT_MS),
			1,
			MAX_TIMEOUT_MS,
		),
		retries: wholeNumber(option('Retries', options.retries ?? DEFAULT_RETRIES), 0, MAX_RETRIES),
		fullResponse: options.fullResponse === true,
		preventDuplicates: options.preventDuplicates !== false,
		safetyCheck: options.safetyCheck !== false,
		waitForVerdict: options.waitForVerdict === true,
		pollIntervalMs: secondsAsMs(
			option(polling.pollIntervalLabel, options.pollInterval ?? polling.defaultPollIntervalSeconds),
			0.1,
		),
		waitTimeoutMs: secondsAsMs(
			option(polling.waitTimeoutLabel, options.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_SECONDS),
			1,
		),
	};
}
