/**
 * Hostile endpoints for the security tests: a relay in front of the CDEK sandbox that, for the requests
 * a test picks, answers on its own instead of passing them on (a redirect, an answer that never comes, a
 * body trickled byte by byte, a huge body, a text error quoting the request's headers), and a recorder:
 * the "other origin" a redirect points at, which keeps every request it receives.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outlastingClients } from '../util/http-server';

export interface SeenRequest {
	method: string;
	/** Path and query, as received. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** What the relay does instead of passing a request on. */
export type Hostility =
	| { kind: 'redirect'; status: number; location: string }
	/** No answer at all, ever: not even a status line. */
	| { kind: 'hang' }
	/** Status and headers at once, then the body one byte every `intervalMs`. */
	| { kind: 'trickle'; status: number; body: string; intervalMs: number }
	/** `bytes` of a valid JSON body, with or without a Content-Length header. */
	| { kind: 'huge'; status: number; bytes: number; declareLength: boolean }
	/** A plain-text error body that quotes the request's headers back (as some gateways do). */
	| { kind: 'echo-headers'; status: number }
	/** A JSON answer of the relay's own (e.g. a page of a list that never ends), with extra headers. */
	| { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
	/**
	 * A valid PDF of `bytes` bytes (padded with an unused stream), with or without Content-Length; answered once
	 * `when` settles, if given (e.g. once every item's download has arrived).
	 */
	| { kind: 'pdf'; bytes: number; declareLength: boolean; when?: Promise<unknown> }
	/** A recorded answer replayed as it is: a captured CDEK body, JSON or a gateway's HTML page. */
	| { kind: 'answer'; status: number; body: string; contentType: string };

export interface HostileAnswer {
	request: SeenRequest;
	hostility: Hostility['kind'];
	/** When the relay received the request (ms since the epoch). */
	at: number;
	/** The client closed the connection before the relay finished its answer. */
	clientLeft: boolean;
	/** Body bytes the relay wrote before it finished or the client left. */
	bytesWritten: number;
	/**
	 * For answers written in pieces ('huge', 'pdf'): where, in the relay's sequence of events, the answer got past
	 * FLOWING_BYTES (the client was reading it, as no idle socket buffers that much) and where it ended.
	 */
	flowingAt?: number;
	endedAt?: number;
}

/** More than a client's socket buffers hold while it is not reading (see HostileAnswer.flowingAt). */
export const FLOWING_BYTES = 12 * 1024 * 1024;

let events = 0;

/** The most answers that were being read at the same time, from their flowingAt and endedAt. */
export function peakReadAtOnce(answers: HostileAnswer[]): number {
	const marks = answers.flatMap((answer) =>
		answer.flowingAt === undefined
			? []
			: [
					{ at: answer.flowingAt, step: 1 },
					{ at: answer.endedAt ?? Infinity, step: -1 },
				],
	);
	let now = 0;
	let peak = 0;
	for (const mark of marks.sort((a, b) => a.at - b.at)) peak = Math.max(peak, (now += mark.step));
	return peak;
}

export interface HostileRelay {
	url: string;
	/** The API root to put into a credential's Base URL. */
	rootUrl: string;
	/** Every request received, passed on or not. */
	requests: SeenRequest[];
	/** The requests answered with a hostility, and how each ended. */
	answers: HostileAnswer[];
	close(): Promise<void>;
}

export interface Recorder {
	url: string;
	requests: SeenRequest[];
	close(): Promise<void>;
}

async function readRequest(req: IncomingMessage): Promise<SeenRequest> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return {
		method: String(req.method),
		url: String(req.url),
		headers: req.headers,
		body: Buffer.concat(chunks).toString('utf8'),
	};
}

async function listen(server: Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The other origin: records what it receives and answers like a token endpoint would, to tempt a client on. */
export async function startRecorder(): Promise<Recorder> {
	const requests: SeenRequest[] = [];
	const server = outlastingClients(
		createServer((req, res) => {
			void readRequest(req).then((seen) => {
				requests.push(seen);
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end(JSON.stringify({ access_token: 'recorder-token', entity: { uuid: 'recorded' } }));
			});
		}),
	);
	const url = await listen(server);
	return { url, requests, close: async () => await closeServer(server) };
}

function answer(
	res: ServerResponse,
	seen: SeenRequest,
	hostility: Hostility,
	record: HostileAnswer,
	timers: Set<NodeJS.Timeout>,
	left: () => boolean,
): void {
	if (left()) record.clientLeft = true;
	res.on('close', () => {
		if (!res.writableFinished) record.clientLeft = true;
	});
	const write = (bytes: string) => {
		record.bytesWritten += Buffer.byteLength(bytes);
		res.write(bytes);
	};
	switch (hostility.kind) {
		case 'redirect':
			res.writeHead(hostility.status, { location: hostility.location }).end();
			return;
		case 'hang':
			return;
		case 'trickle': {
			res.writeHead(hostility.status, { 'content-type': 'application/json' });
			let sent = 0;
			const timer = setInterval(() => {
				if (res.destroyed) return clearInterval(timer);
				write(hostility.body[sent++]);
				if (sent === hostility.body.length) {
					clearInterval(timer);
					res.end();
				}
			}, hostility.intervalMs);
			timers.add(timer);
			return;
		}
		case 'huge': {
			const filler = 'x'.repeat(hostility.bytes - 20);
			const body = `{"filler":"${filler}"}`.padEnd(hostility.bytes, ' ');
			writeSlowly(res, record, 'application/json', Buffer.from(body), hostility);
			return;
		}
		case 'pdf':
			void (hostility.when ?? Promise.resolve()).then(() =>
				writeSlowly(res, record, 'application/pdf', paddedPdf(hostility.bytes), {
					status: 200,
					declareLength: hostility.declareLength,
				}),
			);
			return;
		case 'json':
			res
				.writeHead(hostility.status, {
					'content-type': 'application/json',
					...hostility.headers,
				})
				.end(JSON.stringify(hostility.body));
			return;
		case 'answer':
			record.bytesWritten += Buffer.byteLength(hostility.body);
			res
				.writeHead(hostility.status, { 'content-type': hostility.contentType })
				.end(hostility.body);
			return;
		case 'echo-headers':
			res.writeHead(hostility.status, { 'content-type': 'text/plain' }).end(
				`Request rejected by gateway. ${Object.entries(seen.headers)
					.map(([name, value]) => `${name}: ${String(value)}`)
					.join('\n')}`,
			);
	}
}

/** In 64 KiB pieces, each after the previous one drained, so a client that stops reading is seen. */
function writeSlowly(
	res: ServerResponse,
	record: HostileAnswer,
	contentType: string,
	body: Buffer,
	{ status, declareLength }: { status: number; declareLength: boolean },
): void {
	res.writeHead(status, {
		'content-type': contentType,
		...(declareLength ? { 'content-length': String(body.length) } : {}),
	});
	let offset = 0;
	const ended = () => (record.endedAt ??= ++events);
	res.once('close', ended);
	const next = () => {
		while (offset < body.length && !res.destroyed) {
			const piece = body.subarray(offset, offset + 65536);
			offset += piece.length;
			record.bytesWritten += piece.length;
			if (record.bytesWritten > FLOWING_BYTES) record.flowingAt ??= ++events;
			if (!res.write(piece)) return void res.once('drain', next);
		}
		if (!res.destroyed) res.end(ended);
	};
	next();
}

/** Large PDFs are built once per size: a benchmark asks for the same 19 MB file a hundred times. */
const pdfs = new Map<number, Buffer>();

/** A one-page PDF whose size is made up to `bytes` by an unused stream object (readers skip it). */
export function paddedPdf(bytes: number): Buffer {
	const cached = pdfs.get(bytes);
	if (cached) return cached;
	const head =
		'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] >> endobj\n';
	const tail = '\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
	const fill = Math.max(0, bytes - head.length - tail.length - 40);
	const stream = `4 0 obj << /Length ${fill} >> stream\n`;
	const pdf = Buffer.alloc(Math.max(bytes, head.length + stream.length + tail.length), 0x20);
	pdf.write(head + stream, 0, 'latin1');
	pdf.write(tail, pdf.length - tail.length, 'latin1');
	if (pdfs.size < 4) pdfs.set(bytes, pdf);
	return pdf;
}

/**
 * A relay to `target` (the sandbox's url) that answers the requests `hostile` picks on its own; the others
 * pass on unchanged.
 */
export async function startHostileRelay(
	target: string,
	hostile: (request: SeenRequest) => Hostility | undefined,
): Promise<HostileRelay> {
	const requests: SeenRequest[] = [];
	const answers: HostileAnswer[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const server = outlastingClients(
		createServer((req, res) => {
			// A client may give up while its body is still being read, before answer() listens for it.
			let gone = false;
			res.on('close', () => {
				if (!res.writableFinished) gone = true;
			});
			void readRequest(req).then((seen) => {
				requests.push(seen);
				const hostility = hostile(seen);
				if (hostility) {
					const record = {
						request: seen,
						hostility: hostility.kind,
						at: Date.now(),
						clientLeft: false,
						bytesWritten: 0,
					};
					answers.push(record);
					answer(res, seen, hostility, record, timers, () => gone);
					return;
				}
				const to = new URL(target);
				const upstream = httpRequest(
					{
						host: to.hostname,
						port: to.port,
						path: seen.url,
						method: seen.method,
						headers: { ...seen.headers, host: to.host },
					},
					(reply) => {
						res.writeHead(reply.statusCode ?? 502, reply.headers);
						reply.pipe(res);
					},
				);
				upstream.on('error', () => res.destroy());
				upstream.end(seen.body);
			});
		}),
	);
	const url = await listen(server);
	return {
		url,
		rootUrl: `${url}/v2`,
		requests,
		answers,
		close: async () => {
			for (const timer of timers) clearInterval(timer);
			await closeServer(server);
		},
	};
}
