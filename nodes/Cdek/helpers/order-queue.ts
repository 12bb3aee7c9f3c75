/**
 * Items of one run that name the same order, one after another: each waits until every earlier item of the run
 * that named that order has finished, so the later ones see what the earlier ones did (a pickup CDEK has queued,
 * a refusal in flight) instead of racing them. Items naming other orders go on in parallel. `run` is what one
 * execution shares: its CdekClient.
 */
const queues = new WeakMap<object, Map<string, Promise<void>>>();

export async function oneAtATimePerOrder<T>(
	run: object,
	orderKey: string,
	work: () => Promise<T>,
): Promise<T> {
	let keys = queues.get(run);
	if (!keys) queues.set(run, (keys = new Map()));
	const before = keys.get(orderKey) ?? Promise.resolve();
	const mine = before.then(work);
	const done = mine.then(
		() => undefined,
		() => undefined,
	);
	keys.set(orderKey, done);
	try {
		return await mine;
	} finally {
		if (keys.get(orderKey) === done) keys.delete(orderKey);
	}
}

/** What one run has sent, per order: the item (0-based) that sent it. */
const sentByRun = new WeakMap<object, Map<string, number>>();

export function sentInRun(run: object): Map<string, number> {
	let sent = sentByRun.get(run);
	if (!sent) sentByRun.set(run, (sent = new Map()));
	return sent;
}
