/**
 * Baseline (1): the same refusals as plain undici requests from this process, no n8n. One token request,
 * then per order either POST /refusal alone or GET /orders/{uuid} + POST /refusal (what the node does with
 * Safety Check / Prevent Duplicates on), `concurrency` orders at a time. Every answer body is read and parsed.
 */
import { Agent, request } from 'undici';

export interface RawJob {
	rootUrl: string;
	clientId: string;
	clientSecret: string;
	uuids: string[];
	/** Orders in flight at once; Infinity = all at once (as n8n's HTTP Request node does). */
	concurrency: number;
	readFirst: boolean;
}

export interface RawResult {
	ms: number;
	requests: number;
}

async function call(
	dispatcher: Agent,
	url: string,
	method: 'GET' | 'POST',
	headers: Record<string, string>,
	body?: string,
): Promise<unknown> {
	const response = await request(url, { method, headers, body, dispatcher });
	const parsed = await response.body.json();
	if (response.statusCode >= 300)
		throw new Error(
			`${method} ${url}: HTTP ${response.statusCode} ${JSON.stringify(parsed).slice(0, 300)}`,
		);
	return parsed;
}

export async function runRawJob(job: RawJob): Promise<RawResult> {
	const dispatcher = new Agent({ connections: null });
	try {
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: job.clientId,
			client_secret: job.clientSecret,
		});
		const token = (await call(
			dispatcher,
			`${job.rootUrl}/oauth/token`,
			'POST',
			{ 'content-type': 'application/x-www-form-urlencoded' },
			form.toString(),
		)) as {
			access_token: string;
		};
		const auth = { authorization: `Bearer ${token.access_token}` };
		// Timed from here: in n8n, the node reuses the token stored in the credential after its first run.
		const started = performance.now();
		let next = 0;
		let requests = 0;
		const lane = async () => {
			while (next < job.uuids.length) {
				const uuid = job.uuids[next++];
				if (job.readFirst) {
					await call(dispatcher, `${job.rootUrl}/orders/${uuid}`, 'GET', auth);
					requests++;
				}
				await call(dispatcher, `${job.rootUrl}/orders/${uuid}/refusal`, 'POST', auth);
				requests++;
			}
		};
		const lanes = Math.min(job.concurrency, job.uuids.length);
		await Promise.all(Array.from({ length: lanes }, lane));
		return { ms: performance.now() - started, requests };
	} finally {
		await dispatcher.close();
	}
}
