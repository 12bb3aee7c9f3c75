/**
 * Coalesces token requests in this n8n process. Items running at once, or several executions, may all
 * find the cached token empty or rejected at the same moment; one request to /oauth/token serves them.
 * A caller whose refused token was already replaced by a renewal moments ago gets that new token
 * instead of fetching yet another one; a caller whose newest token was refused fetches a new one.
 *
 * The key holds a digest of everything that authenticates (see sessionFingerprint), so two credentials
 * of one account with different secure passwords never share a request or a token.
 *
 * No caller waits longer than its own limits: each waits within its own signal (its Timeout and its
 * execution's Stop); a request older than the caller's Timeout is not joined but replaced, and when the
 * caller that started a request gives up, the others ask again instead of sharing its cancellation.
 */
interface Flight {
	token: Promise<string>;
	startedAt: number;
	/** Set when the request failed because its starter gave up (Timeout or Stop), not by an answer. */
	abandoned?: boolean;
}

const inFlight = new Map<string, Flight>();
const latest = new Map<string, { token: string; at: number }>();
const FRESH_MS = 5000;

export interface TokenWait {
	/** The caller's limits: its deadline and its execution's Stop. */
	signal: AbortSignal;
	/** A request running longer than this is taken as stuck, and a new one is started. */
	maxAgeMs: number;
}

/** The promise's outcome, unless the signal aborts first (then its reason). */
async function within<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	signal.throwIfAborted();
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

function start(
	key: string,
	signal: AbortSignal,
	fetchToken: (signal: AbortSignal) => Promise<string>,
): Flight {
	const flight: Flight = { startedAt: Date.now(), token: Promise.resolve('') };
	const settle = () => {
		if (inFlight.get(key) === flight) inFlight.delete(key);
	};
	flight.token = fetchToken(signal).then(
		(token) => {
			if (inFlight.get(key) === flight) latest.set(key, { token, at: Date.now() });
			settle();
			return token;
		},
		(error: unknown) => {
			flight.abandoned = signal.aborted;
			settle();
			throw error;
		},
	);
	inFlight.set(key, flight);
	return flight;
}

export async function sharedToken(
	key: string,
	current: string,
	{ signal, maxAgeMs }: TokenWait,
	fetchToken: (signal: AbortSignal) => Promise<string>,
): Promise<string> {
	for (;;) {
		signal.throwIfAborted();
		const recent = latest.get(key);
		if (recent && current !== '' && current !== recent.token && Date.now() - recent.at < FRESH_MS) {
			// `current` is the token this caller's request carried; a newer one was fetched since.
			return recent.token;
		}
		const running = inFlight.get(key);
		const joinable = running && Date.now() - running.startedAt < maxAgeMs;
		const flight = joinable ? running : start(key, signal, fetchToken);
		const outcome = await within(flight.token, signal).then(
			(token) => ({ token }),
			(error: unknown) => ({ error }),
		);
		if ('token' in outcome) return outcome.token;
		// Given up by the caller that started it (its Timeout or Stop), not answered: ask again.
		if (flight !== running || signal.aborted || !flight.abandoned) throw outcome.error;
	}
}
