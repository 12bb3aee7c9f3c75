import { sleep } from 'n8n-workflow';

/** Short slices, so that a cancelled execution stops waiting within a quarter of a second. */
const SLICE_MS = 250;

/** Waits `ms` unless the execution is cancelled first; resolves false when it was. */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		if (signal?.aborted) return false;
		await sleep(Math.min(SLICE_MS, end - Date.now()));
	}
	return !signal?.aborted;
}
