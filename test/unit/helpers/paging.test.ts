import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readPages } from '../../../nodes/Cdek/helpers/paging';
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

	it('gives up with an error on a server that ignores the page number', async () => {
		const stuck = list(10, { ignorePage: true });
		await expect(read(stuck.fetch, { returnAll: true, limit: 0 })).rejects.toThrow(
			/^CDEK kept sending full pages after 10000 of them \[item 1\]$/,
		);
	});
});
