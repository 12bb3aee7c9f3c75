import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LIST_BUDGET, pageDigest, readPages } from '../../../nodes/Cdek/helpers/paging';
import type { Page } from '../../../nodes/Cdek/helpers/paging';

const context = { getNode: () => ({ name: 'CDEK' }) } as unknown as IExecuteFunctions;

/** A list of `total` entries served in 0-based pages; records which pages were asked for. */
function list(total: number, { headers = false, ignorePage = false } = {}) {
	const asked: Array<[number, number]> = [];
	const fetch = async (page: number, size: number): Promise<Page> => {
		asked.push([page, size]);
		const start = ignorePage ? 0 : page * size;
		const entries: IDataObject[] = Array.from(
			{ length: Math.max(0, Math.min(size, total - start)) },
			(_, i) => ({ n: start + i }),
		);
		return { entries, ...(headers ? { totalPages: Math.ceil(total / size) } : {}) };
	};
	return { asked, fetch };
}
const read = async (
	fetch: (page: number, size: number) => Promise<Page>,
	size: { returnAll: boolean; limit: number },
) => await readPages.call(context, 0, size, 10, fetch);

describe('readPages', () => {
	it('Return All reads until a short page, or an empty one when the total is a multiple of the page', async () => {
		const short = list(25);
		expect(await read(short.fetch, { returnAll: true, limit: 0 })).toHaveLength(25);
		expect(short.asked).toEqual([
			[0, 10],
			[1, 10],
			[2, 10],
		]);
		const exact = list(20);
		expect(await read(exact.fetch, { returnAll: true, limit: 0 })).toHaveLength(20);
		expect(exact.asked.map(([page]) => page)).toEqual([0, 1, 2]);
	});

	it('stops at X-Total-Pages without asking for the empty page after it', async () => {
		const withTotals = list(20, { headers: true });
		expect(await read(withTotals.fetch, { returnAll: true, limit: 0 })).toHaveLength(20);
		expect(withTotals.asked.map(([page]) => page)).toEqual([0, 1]);
	});

	it('a Limit within one page is one request of exactly that size', async () => {
		const small = list(25);
		expect((await read(small.fetch, { returnAll: false, limit: 7 })).map((e) => e.n)).toEqual([
			0, 1, 2, 3, 4, 5, 6,
		]);
		expect(small.asked).toEqual([[0, 7]]);
	});

	it('a larger Limit reads full pages only until it is reached', async () => {
		const many = list(100);
		const found = await read(many.fetch, { returnAll: false, limit: 15 });
		expect(found.map((e) => e.n)).toEqual(Array.from({ length: 15 }, (_, i) => i));
		expect(many.asked).toEqual([
			[0, 10],
			[1, 10],
		]);
	});

	it('stops on a page it has seen before (a server that ignores the page number), naming what to do', async () => {
		const stuck = list(10, { ignorePage: true });
		const reading = read(stuck.fetch, { returnAll: true, limit: 0 });
		await expect(reading).rejects.toThrow(
			/^CDEK sent page 2 of the list with the same entries as page 1, so the list would never end \[item 1\]$/,
		);
		await expect(reading).rejects.toMatchObject({
			description: expect.stringContaining('set a Limit or narrow the list with filters'),
		});
		expect(stuck.asked.map(([page]) => page)).toEqual([0, 1]);
	});

	it('stops when the run has read its budget of list entries, though every page is new', async () => {
		const endless = list(Number.MAX_SAFE_INTEGER);
		const budget = { bytes: 0, entries: 0 };
		const reading = readPages.call(
			context,
			0,
			{ returnAll: true, limit: 0 },
			10_000,
			endless.fetch,
			budget,
		);
		await expect(reading).rejects.toThrow(
			/^The lists of this run grew past 64 MB or 200,000 entries, the most one run of the node holds \(\d+ MB, 210,000 entries\) \[item 1\]$/,
		);
		expect(endless.asked).toHaveLength(LIST_BUDGET.entries / 10_000 + 1);
	});

	it("shares the budget between a run's items: one item's list counts against the next", async () => {
		const budget = { bytes: 0, entries: 0 };
		const many = list(150_000);
		await readPages.call(context, 0, { returnAll: true, limit: 0 }, 10_000, many.fetch, budget);
		expect(budget.entries).toBe(150_000);
		const again = list(150_000);
		await expect(
			readPages.call(context, 1, { returnAll: true, limit: 0 }, 10_000, again.fetch, budget),
		).rejects.toThrow(/the most one run of the node holds .* \[item 2\]$/);
	});

	it('stops when the pages grow past the budget in bytes', async () => {
		const big = 'x'.repeat(100_000);
		let asked = 0;
		const fetch = async (page: number, size: number): Promise<Page> => {
			asked++;
			return {
				entries: Array.from({ length: size }, (_, i) => ({ n: page * size + i, big })),
			};
		};
		await expect(
			readPages.call(context, 0, { returnAll: true, limit: 0 }, 100, fetch),
		).rejects.toThrow(/grew past 64 MB/);
		// 100 entries of ~100 KB a page: the budget is spent on the 7th page.
		expect(asked).toBe(7);
	});
});

describe('pageDigest', () => {
	it('is the same for the same page and differs for another page of the list', () => {
		const page = (from: number) => Array.from({ length: 3 }, (_, i) => ({ n: from + i }));
		expect(pageDigest(page(0), 100)).toBe(pageDigest(page(0), 100));
		expect(pageDigest(page(0), 100)).not.toBe(pageDigest(page(3), 100));
		expect(pageDigest(page(0), 100)).not.toBe(pageDigest(page(0), 101));
	});
});
