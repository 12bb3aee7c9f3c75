import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CdekClient, CdekRequest, RequestOptions } from '../transport/client';
import { answerError } from '../transport/failures';
import { itemOptions } from './item-options';
import type { ItemOptions } from './item-options';
import { wholeNumber } from './validation';
import { itemTag } from '../transport/item-tag';

/** Return All, or at most Limit entries. */
export interface ListSize {
	returnAll: boolean;
	limit: number;
}

export interface Page {
	entries: IDataObject[];
	/** From X-Total-Pages where CDEK sends it (offices, docs/reference/cdek-api.md §14); cities send none (§15). */
	totalPages?: number;
}

/** Far beyond any real list (Russia has some 150 000 CDEK places, 150 pages of 1 000): a server that ignores `page`. */
const MAX_PAGES = 10_000;

export function readListSize(this: IExecuteFunctions, itemIndex: number): ListSize {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll
		? 0
		: wholeNumber(
				{
					node: this.getNode(),
					itemIndex,
					label: 'Limit',
					value: this.getNodeParameter('limit', itemIndex, 50),
				},
				1,
			);
	return { returnAll, limit };
}

/**
 * Reads a 0-based paged list. With a Limit no larger than a page, one request of exactly that size; else
 * full pages until Limit is reached, a page comes back short or empty, or the last page (X-Total-Pages)
 * was read. Never asks for a page it does not need.
 */
export async function readPages(
	this: IExecuteFunctions,
	itemIndex: number,
	{ returnAll, limit }: ListSize,
	pageSize: number,
	fetchPage: (page: number, size: number) => Promise<Page>,
): Promise<IDataObject[]> {
	const size = returnAll ? pageSize : Math.min(limit, pageSize);
	const wanted = returnAll ? Infinity : limit;
	const found: IDataObject[] = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const { entries, totalPages } = await fetchPage(page, size);
		found.push(...entries.slice(0, wanted - found.length));
		const last = entries.length < size || (totalPages !== undefined && page + 1 >= totalPages);
		if (found.length >= wanted || last) return found;
	}
	throw new NodeOperationError(
		this.getNode(),
		`CDEK kept sending full pages after ${MAX_PAGES} of them ${itemTag(itemIndex)}`,
		{ itemIndex, description: 'Set a Limit, or narrow the list with filters.' },
	);
}

/** X-Total-Pages as a number, when CDEK sent one. */
export function totalPages(headers: IDataObject): number | undefined {
	const value = Number(headers['x-total-pages']);
	return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** One page of a bare-array list; anything but an array is CDEK's error (or an answer we cannot read). */
export async function fetchPage(
	this: IExecuteFunctions,
	client: CdekClient,
	itemIndex: number,
	request: CdekRequest,
	options: RequestOptions,
): Promise<Page> {
	const response = await client.requestListResponse(itemIndex, request, options);
	if (!Array.isArray(response.body)) {
		const summary = { method: request.method, url: `${client.root}${request.path}`, itemIndex };
		throw answerError(this.getNode(), summary, response);
	}
	const entries = response.body.filter(
		(entry): entry is IDataObject => typeof entry === 'object' && entry !== null,
	);
	return { entries, totalPages: totalPages(response.headers) };
}

/** What a "Get Many" item needs: CDEK's query, how many entries, simplified or raw, the request options. */
export interface ListPlan {
	qs: IDataObject;
	size: ListSize;
	simple: boolean;
	options: ItemOptions;
}

export function listPlan(this: IExecuteFunctions, itemIndex: number, qs: IDataObject): ListPlan {
	return {
		qs,
		size: readListSize.call(this, itemIndex),
		simple: this.getNodeParameter('simple', itemIndex, true) !== false,
		options: itemOptions.call(this, itemIndex),
	};
}

/** A "Get Many" list: CDEK's pages of `path`, one output per entry, simplified unless Simplify is off. */
export async function readList(
	this: IExecuteFunctions,
	client: CdekClient,
	itemIndex: number,
	{
		path,
		pageSize,
		simplify,
	}: { path: string; pageSize: number; simplify: (entry: IDataObject) => IDataObject },
	{ qs, size, simple, options }: ListPlan,
): Promise<Array<{ json: IDataObject }>> {
	const entries = await readPages.call(
		this,
		itemIndex,
		size,
		pageSize,
		async (page, perPage) =>
			await fetchPage.call(
				this,
				client,
				itemIndex,
				{ method: 'GET', path, qs: { ...qs, size: perPage, page } },
				options,
			),
	);
	return entries.map((entry) => ({ json: simple ? simplify(entry) : entry }));
}
