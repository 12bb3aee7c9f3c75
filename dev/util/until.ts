/**
 * How long a test waits for what a system reaches by itself before calling it lost. A guard against a hang,
 * not a speed check: a loaded 2-core machine takes many times longer than an idle one, and waiting longer
 * costs nothing when the thing happens.
 */
export const PATIENCE_MS = 60_000;

/**
 * Polls `probe` until it gives a value other than `undefined`: for what a system reaches by itself (settling,
 * a publication, a webhook delivery), never a timing assertion.
 */
export async function until<T>(
	what: string,
	probe: () => Promise<T | undefined> | T | undefined,
	timeoutMs = PATIENCE_MS,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
