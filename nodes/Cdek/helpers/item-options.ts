import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_RETRIES } from '../transport/retry-policy';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../transport/client';
import { secondsAsMs, wholeNumber } from './validation';

export const MAX_RETRIES = 10;
export const MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMEOUT_MS / 1000);
export const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;
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
	/** Version 2: the item opens with a plain-language `summary` and `nextStep` (helpers/outcome.ts). */
	explained: boolean;
}

/**
 * How an operation names and defaults its polling options: the verdict's (version 2: parameters of their own beside
 * Wait for CDEK's Verdict) unless it polls for something else inside Options (a label).
 */
export interface PollingOptions {
	pollIntervalLabel: string;
	waitTimeoutLabel: string;
	defaultPollIntervalSeconds: number;
	inOptions: boolean;
}

const verdictPolling = (version: number): PollingOptions => ({
	pollIntervalLabel: version >= 2 ? 'Poll Interval (Seconds)' : 'Verdict Poll Interval (Seconds)',
	waitTimeoutLabel: version >= 2 ? 'Time Limit (Seconds)' : 'Verdict Time Limit (Seconds)',
	defaultPollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS,
	inOptions: version < 2,
});

/**
 * One item's checks, verdict and request options. Version 1 keeps them all in Options, Timeout in milliseconds;
 * version 2 shows the checks and the verdict as parameters of their own and counts every time in seconds.
 */
export function itemOptions(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
	polling?: PollingOptions,
): ItemOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	const inSeconds = version >= 2;
	const pollingOptions = polling ?? verdictPolling(version);
	const option = (label: string, value: unknown) => ({ node, itemIndex, label, value });
	const check = (name: string, fallback: boolean): unknown =>
		inSeconds ? this.getNodeParameter(name, itemIndex, fallback) : (options[name] ?? fallback);
	const polled = (name: string, fallback: number): unknown =>
		pollingOptions.inOptions
			? (options[name] ?? fallback)
			: this.getNodeParameter(name, itemIndex, fallback);
	return {
		timeout: inSeconds
			? secondsAsMs(
					option('Timeout (Seconds)', options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
					1,
					MAX_TIMEOUT_SECONDS,
				)
			: wholeNumber(option('Timeout', options.timeout ?? DEFAULT_TIMEOUT_MS), 1, MAX_TIMEOUT_MS),
		retries: wholeNumber(option('Retries', options.retries ?? DEFAULT_RETRIES), 0, MAX_RETRIES),
		fullResponse: options.fullResponse === true,
		preventDuplicates: check('preventDuplicates', true) !== false,
		safetyCheck: check('safetyCheck', true) !== false,
		waitForVerdict: check('waitForVerdict', false) === true,
		pollIntervalMs: secondsAsMs(
			option(
				pollingOptions.pollIntervalLabel,
				polled('pollInterval', pollingOptions.defaultPollIntervalSeconds),
			),
			0.1,
		),
		waitTimeoutMs: secondsAsMs(
			option(pollingOptions.waitTimeoutLabel, polled('waitTimeout', DEFAULT_WAIT_TIMEOUT_SECONDS)),
			1,
		),
		explained: version >= 2,
	};
}
