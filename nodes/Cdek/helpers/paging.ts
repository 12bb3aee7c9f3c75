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

/**
 * What the lists of one run may hold together, whatever a server sends: CDEK's largest list, every place in Russia
 * (some 150 000 entries, about 50 MB of JSON), fits; a server that keeps sending new pages stops here, not when the
 * process runs out of memory (1 MB of list JSON takes about 1.5 MB of memory as objects).
 */
export const LIST_BUDGET = { bytes: 64 * 1024 * 1024, entries: 200_000 };

/** What the lists of one run have read so far: shared by its items, as their outputs are kept together. */
export interface ListBudget {
	bytes: number;
	entries: number;
}

/** One per run: the client is created once per execution. */
const runBudgets = new WeakMap<object, ListBudget>();

export function listBudgetOf(run: object): ListBudget {
	let budget = runBudgets.get(run);
	if (!budget) runBudgets.set(run, (budget = { bytes: 0, entries: 0 }));
	return budget;
}

/**
 * A page's fingerprint: how many entries, how long its JSON is, and a hash (FNV-1a) of its first and last entries.
 * Pages of a real list never share all three; a server that ignores `page` repeats them exactly.
 */
export function pageDigest(entries: IDataObject[], jsonLength: number): string {
	const ends = `${JSON.stringify(entries[0])}|${JSON.stringify(entries[entries.length - 1])}`;
	let hash = 0x811c9dc5;
	for (let index = 0; index < ends.length; index++) {
		hash ^= ends.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return `${entries.length}:${jsonLength}:${(hash >>> 0).toString(16)}`;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const count = (entries: number) => entries.toLocaleString('en-US');
const nextSteps =
	'To read less, set a Limit or narrow the list with filters (e.g. City Code or Type), or split the input into several runs.';

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
 * was read. Never asks for a page it does not need. A page that repeats an earlier one (a server that ignores
 * `page`), and the run's lists (`budget`) growing past LIST_BUDGET, end the reading with an error.
 */
export async function readPages(
	this: IExecuteFunctions,
	itemIndex: number,
	{ returnAll, limit }: ListSize,
	pageSize: number,
	fetchPage: (page: number, size: number) => Promise<Page>,
	budget: ListBudget = { bytes: 0, entries: 0 },
): Promise<IDataObject[]> {
	const size = returnAll ? pageSize : Math.min(limit, pageSize);
	const wanted = returnAll ? Infinity : limit;
	const found: IDataObject[] = [];
	const seen = new Map<string, number>();
	for (let page = 0; ; page++) {
		const { entries, totalPages } = await fetchPage(page, size);
		const kept = entries.slice(0, wanted - found.length);
		const bytes = JSON.stringify(kept).length;
		const digest = pageDigest(kept, bytes);
		const earlier = seen.get(digest);
		if (earlier !== undefined && kept.length > 0)
			throw repeatedPage(this, itemIndex, page, earlier);
		seen.set(digest, page);
		budget.bytes += bytes;
		budget.entries += kept.length;
		if (budget.bytes > LIST_BUDGET.bytes || budget.entries > LIST_BUDGET.entries)
			throw overBudget(this, itemIndex, page, budget);
		for (const entry of kept) found.push(entry);
		const last = entries.length < size || (totalPages !== undefined && page + 1 >= totalPages);
		if (found.length >= wanted || last) return found;
	}
}

function repeatedPage(
	context: IExecuteFunctions,
	itemIndex: number,
	page: number,
	earlier: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`CDEK sent page ${page + 1} of the list with the same entries as page ${earlier + 1}, so the list would never end ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description: `The node stopped reading after ${page + 1} pages. Something between n8n and CDEK (the address in "Base URL", a proxy or gateway) seems to ignore the page number: check "Base URL" in the credential. ${nextSteps}`,
		},
	);
}

function overBudget(
	context: IExecuteFunctions,
	itemIndex: number,
	page: number,
	budget: ListBudget,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`The lists of this run grew past ${megabytes(LIST_BUDGET.bytes)} or ${count(LIST_BUDGET.entries)} entries, the most one run of the node holds (${megabytes(budget.bytes)}, ${count(budget.entries)} entries) ${itemTag(itemIndex)}`,
		{
			itemIndex,
			description: `The node stopped reading after page ${page + 1} of this item's list instead of running n8n out of memory. ${nextSteps} CDEK's largest list (every place in Russia) fits within this; a list that keeps growing means something in front of CDEK keeps sending pages: check "Base URL" in the credential.`,
		},
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

export function listPlan(
	this: IExecuteFunctions,
	itemIndex: number,
	version: number,
	qs: IDataObject,
): ListPlan {
	return {
		qs,
		size: readListSize.call(this, itemIndex),
		simple: this.getNodeParameter('simple', itemIndex, true) !== false,
		options: itemOptions.call(this, itemIndex, version),
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
		listBudgetOf(client),
	);
	return entries.map((entry) => ({ json: simple ? simplify(entry) : entry }));
}
