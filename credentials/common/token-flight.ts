/**
 * Coalesces token requests in this n8n process. Items running at once, or several executions, may all
 * find the cached token empty or rejected at the same moment; one request to /oauth/token serves them.
 * A caller whose refused token was already replaced by a renewal moments ago gets that new token
 * instead of fetching yet another one; a caller whose newest token was refused fetches a new one.
 */
const inFlight = new Map<string, Promise<string>>();
const latest = new Map<string, { token: string; at: number }>();
const FRESH_MS = 5000;

export async function sharedToken(
	key: string,
	current: string,
	fetchToken: () => Promise<string>,
): Promise<string> {
	const running = inFlight.get(key);
	if (running) return await running;
	const recent = latest.get(key);
	if (recent && current !== '' && current !== recent.token && Date.now() - recent.at < FRESH_MS) {
		// `current` is the token this caller's request carried; a newer one was fetched since.
		return recent.token;
	}
	const fetching = fetchToken().then((token) => {
		latest.set(key, { token, at: Date.now() });
		return token;
	});
	inFlight.set(key, fetching);
	try {
		return await fetching;
	} finally {
		inFlight.delete(key);
	}
}
