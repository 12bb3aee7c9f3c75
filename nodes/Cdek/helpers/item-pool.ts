import { pause } from '../transport/pause';

export interface PoolOptions {
	/** Items in flight at once. */
	concurrency: number;
	/** Items per batch; 0 = all items in one batch. */
	batchSize: number;
	/** Pause between batches, in milliseconds. */
	batchIntervalMs: number;
	signal?: AbortSignal;
	/** Checked before each item starts: true stops starting new ones (a fatal error happened). */
	stop: () => boolean;
}

/**
 * Runs `work(index)` for every item index, at most `concurrency` at a time, batch after batch. Items
 * start in index order; results are the caller's to place by index, so output order never changes.
 */
export async function forEachItem(
	count: number,
	options: PoolOptions,
	work: (index: number) => Promise<void>,
): Promise<void> {
	const batchSize = options.batchSize > 0 ? options.batchSize : count;
	for (let start = 0; start < count; start += batchSize) {
		if (
			start > 0 &&
			options.batchIntervalMs > 0 &&
			!(await pause(options.batchIntervalMs, options.signal))
		)
			return;
		const end = Math.min(count, start + batchSize);
		let next = start;
		const lane = async () => {
			while (next < end && !options.stop() && !options.signal?.aborted) {
				await work(next++);
			}
		};
		await Promise.all(Array.from({ length: Math.min(options.concurrency, end - start) }, lane));
		if (options.stop() || options.signal?.aborted) return;
	}
}
