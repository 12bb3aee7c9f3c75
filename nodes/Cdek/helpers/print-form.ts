import type { IBinaryData, IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cdekErrors, explain, isCode } from '../transport/cdek-errors';
import type { CdekClient } from '../transport/client';
import { cancelledError, rejectedError } from '../transport/failures';
import { pause } from '../transport/pause';
import type { ItemOptions } from './item-options';
import { newestStatus } from './date-time';
import { canonicalStatusCode } from './status-code';
import { itemTag } from '../transport/item-tag';

/** The two print forms (docs/reference/cdek-api.md §11): the package label and the waybill (receipt). */
export const LABEL_TYPES = {
	barcode: { path: 'barcodes', name: 'barcode label', file: 'label' },
	waybill: { path: 'orders', name: 'waybill', file: 'waybill' },
} as const;
export type LabelType = keyof typeof LABEL_TYPES;

/** What the print request says besides the order: copies, and paper size and language as each form takes them. */
export function printSettings(type: LabelType, options: IDataObject): IDataObject {
	const settings: IDataObject = {};
	if (options.copies !== undefined) settings.copy_count = options.copies;
	if (type === 'barcode') {
		if (options.format !== undefined) settings.format = options.format;
		if (options.language !== undefined) settings.lang = options.language;
	} else if (options.language !== undefined) {
		settings.type = options.language === 'ENG' ? 'tpl_english' : 'tpl_russia';
	}
	return settings;
}

/**
 * The PDF's path below the API root. CDEK's `url` is followed only when it lies below the configured root itself
 * (same scheme, host and port): CDEK's links may be http:// or name another host (docs/reference/cdek-api.md §11),
 * and the download carries the token. Otherwise the documented `/print/{kind}/{uuid}.pdf` is used.
 */
export function filePath(root: string, url: unknown, type: LabelType, formUuid: string): string {
	const documented = `/print/${LABEL_TYPES[type].path}/${formUuid}.pdf`;
	if (typeof url !== 'string') return documented;
	try {
		const base = new URL(root);
		const target = new URL(url);
		const rootPath = base.pathname.replace(/\/+$/, '');
		const below = target.pathname.slice(rootPath.length);
		if (
			target.origin === base.origin &&
			target.pathname.startsWith(`${rootPath}/print/`) &&
			!target.search &&
			!target.hash &&
			!target.username &&
			!target.password
		)
			return below;
	} catch {
		// Not a URL: the documented path.
	}
	return documented;
}

export type PrintOutcome =
	| { state: 'ready'; form: IDataObject }
	| { state: 'stillProcessing'; form?: IDataObject; status: string; message: string };

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * Creates the print form for one order and waits until it is READY (docs/reference/cdek-api.md §11). An order CDEK
 * has not numbered yet (`v2_entity_not_ready`, a fresh return order) is asked for again until the time limit; an
 * INVALID form is the item's error with CDEK's codes; at the time limit the outcome says it is still processing.
 */
export async function makePrintForm(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	type: LabelType,
	orderUuid: string,
	settings: IDataObject,
	options: ItemOptions,
): Promise<PrintOutcome> {
	const deadline = Date.now() + options.waitTimeoutMs;
	const signal = this.getExecutionCancelSignal();
	const path = `/print/${LABEL_TYPES[type].path}`;
	const wait = async (what: string) => {
		const left = deadline - Date.now();
		if (left <= 0) return false;
		if (!(await pause(Math.min(options.pollIntervalMs, left), signal)))
			throw cancelledError(this.getNode(), {
				method: 'GET',
				url: `${client.root}${what}`,
				itemIndex,
			});
		return true;
	};

	let formUuid: string | undefined;
	while (!formUuid) {
		const created = await client.request(
			itemIndex,
			{ method: 'POST', path, body: { orders: [{ order_uuid: orderUuid }], ...settings } },
			{
				...options,
				expectedErrors: ['v2_entity_not_ready', 'entity_not_ready'],
				// A second print form costs nothing and is never shown: after a lost answer, ask again.
				findApplied: async () => undefined,
			},
		);
		const notReady = cdekErrors(created.body).some((error) =>
			isCode(error.code, 'entity_not_ready'),
		);
		if (!notReady) {
			formUuid = String((created.body.entity as IDataObject | undefined)?.uuid ?? '');
			if (!formUuid)
				throw new NodeOperationError(
					this.getNode(),
					`CDEK accepted the ${LABEL_TYPES[type].name} request without a print form UUID ${itemTag(itemIndex)}`,
					{ itemIndex, description: `Request: POST ${client.root}${path}` },
				);
		} else if (!(await wait(path))) {
			return {
				state: 'stillProcessing',
				status: 'ORDER_NOT_NUMBERED',
				message: `CDEK has not given the order a number within ${seconds(options.waitTimeoutMs)}, and a ${LABEL_TYPES[type].name} needs one (v2_entity_not_ready). A return order is numbered shortly after it is created: run this again in a few minutes.`,
			};
		}
	}

	for (;;) {
		const { body } = await client.request(
			itemIndex,
			{ method: 'GET', path: `${path}/${formUuid}` },
			options,
		);
		const form = (body.entity as IDataObject | undefined) ?? {};
		// Print forms list their statuses oldest first (measured), all three often within one second.
		const status = canonicalStatusCode(newestStatus(form.statuses, 'last')?.code) ?? 'ACCEPTED';
		if (status === 'READY') return { state: 'ready', form };
		if (status === 'INVALID') throw invalidForm(this, itemIndex, type, body);
		if (status === 'REMOVED')
			throw new NodeOperationError(
				this.getNode(),
				`CDEK removed the ${LABEL_TYPES[type].name} ${formUuid} before it could be downloaded ${itemTag(itemIndex)}`,
				{ itemIndex, description: 'Its link expired. Run this again to print a new one.' },
			);
		if (!(await wait(`${path}/${formUuid}`))) {
			return {
				state: 'stillProcessing',
				form,
				status,
				message: `CDEK has not finished the ${LABEL_TYPES[type].name} within ${seconds(options.waitTimeoutMs)} (status ${status}). Nothing is lost: run this again later, or raise the Time Limit.`,
			};
		}
	}
}

function invalidForm(
	context: IExecuteFunctions,
	itemIndex: number,
	type: LabelType,
	body: IDataObject,
): NodeApiError {
	const errors = cdekErrors(body);
	const error = rejectedError(context.getNode(), itemIndex, LABEL_TYPES[type].name, {
		errors: errors as unknown as IDataObject[],
	});
	error.description = `${explain(errors, 200)} CDEK marked the print form INVALID; nothing was printed.`;
	return error;
}

/**
 * The PDF, with the token, from below the API root only, handed to n8n as the item's binary data; anything but a PDF
 * is an error. Its bytes count against the run's file budget until n8n has them (CdekFile.release).
 */
export async function downloadPdf(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	type: LabelType,
	form: IDataObject,
	options: ItemOptions,
	fileName: string,
): Promise<IBinaryData> {
	const path = filePath(client.root, form.url, type, String(form.uuid));
	const file = await client.download(itemIndex, path, options);
	try {
		if (file.body.subarray(0, 5).toString('latin1') !== '%PDF-') {
			throw new NodeOperationError(
				this.getNode(),
				`CDEK sent the ${LABEL_TYPES[type].name} as something that is not a PDF (${String(file.headers['content-type'] ?? 'no content type')}) ${itemTag(itemIndex)}`,
				{ itemIndex, description: `Request: GET ${client.root}${path}` },
			);
		}
		return await this.helpers.prepareBinaryData(file.body, fileName, 'application/pdf');
	} finally {
		file.release();
	}
}
