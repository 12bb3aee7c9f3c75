import { forEachItem } from '../../../nodes/Cdek/helpers/item-pool';

const settings = { concurrency: 3, batchSize: 0, batchIntervalMs: 0, stop: () => false };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachItem', () => {
	it('runs every item once, at most `concurrency` at a time, starting in index order', async () => {
		const started: number[] = [];
		let running = 0;
		let peak = 0;
		await forEachItem(10, settings, async (index) => {
			started.push(index);
			peak = Math.max(peak, ++running);
			await tick();
			running--;
		});
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(peak).toBe(3);
	});

	it('stops starting items once told to', async () => {
		const started: number[] = [];
		let stop = false;
		await forEachItem(10, { ...settings, concurrency: 1, stop: () => stop }, async (index) => {
			started.push(index);
			if (index === 2) stop = true;
		});
		expect(started).toEqual([0, 1, 2]);
	});

	it('waits between batches and stops when the execution is cancelled', async () => {
		const controller = new AbortController();
		const started: number[] = [];
		const begin = Date.now();
		await forEachItem(
			6,
			{
				concurrency: 2,
				batchSize: 2,
				batchIntervalMs: 200,
				signal: controller.signal,
				stop: () => false,
			},
			async (index) => {
				started.push(index);
				if (index === 3) controller.abort();
			},
		);
		expect(started).toEqual([0, 1, 2, 3]);
		expect(Date.now() - begin).toBeGreaterThanOrEqual(190);
	});
});
