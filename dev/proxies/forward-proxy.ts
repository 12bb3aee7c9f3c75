/**
 * A local HTTP forward proxy that records every request it relays (the sandbox is plain http, so clients
 * send absolute URLs to it), optionally demanding a proxy password. As a relay (`target` set, relative
 * URLs) it can also replace CDEK's answer after CDEK has processed the request, like a failing gateway.
 */
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outlastingClients } from '../util/http-server';

export interface RelayedRequest {
	method: string;
	/** Absolute URL the request was for. */
	url: string;
	/** Decoded `user:password` of Proxy-Authorization, if sent. */
	proxyUser?: string;
	/** CDEK's status, or the status the proxy answered instead. */
	status?: number;
}

export interface ForwardProxyOptions {
	/** `user:password` the proxy requires (407 otherwise). */
	credentials?: string;
	/** Relay mode: where relative URLs go, e.g. the sandbox's `url`. */
	target?: string;
	/** Before relaying: an answer to send instead, so CDEK never sees the request; undefined relays it. */
	answerInstead?: (
		request: RelayedRequest,
	) => { status: number; contentType: string; body: string } | undefined;
	/**
	 * After CDEK answered: an answer to send instead (e.g. a gateway's 502, or CDEK's body rewritten), or
	 * undefined to pass CDEK's on.
	 */
	replaceAnswer?: (
		request: RelayedRequest,
		answer: { status: number; body: string },
	) => { status: number; contentType: string; body: string } | undefined;
}

export interface ForwardProxy {
	url: string;
	/** `http://user:password@host:port` when credentials are set. */
	urlWithCredentials: string;
	requests: RelayedRequest[];
	close(): Promise<void>;
}

function proxyUser(req: IncomingMessage): string | undefined {
	const header = req.headers['proxy-authorization'];
	const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
	return match ? Buffer.from(match[1], 'base64').toString('utf8') : undefined;
}

export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
	const requests: RelayedRequest[] = [];
	const relay = (req: IncomingMessage, res: ServerResponse) => {
		const absolute = /^https?:\/\//i.test(req.url ?? '');
		const url = absolute ? String(req.url) : `${options.target}${req.url}`;
		const seen: RelayedRequest = { method: String(req.method), url, proxyUser: proxyUser(req) };
		requests.push(seen);
		if (options.credentials && seen.proxyUser !== options.credentials) {
			seen.status = 407;
			res
				.writeHead(407, {
					'proxy-authenticate': 'Basic realm="test proxy"',
					'content-type': 'text/plain',
				})
				.end('Proxy authentication required');
			return;
		}
		const instead = options.answerInstead?.(seen);
		if (instead) {
			req.resume();
			seen.status = instead.status;
			res.writeHead(instead.status, { 'content-type': instead.contentType }).end(instead.body);
			return;
		}
		const target = new URL(url);
		const headers: Record<string, string | string[] | undefined> = {
			...req.headers,
			host: target.host,
		};
		delete headers['proxy-authorization'];
		delete headers['proxy-connection'];
		const upstream = request(
			{
				host: target.hostname,
				port: target.port,
				path: `${target.pathname}${target.search}`,
				method: req.method,
				headers,
			},
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					seen.status = answer.statusCode;
					const replaced = options.replaceAnswer?.(seen, {
						status: answer.statusCode ?? 502,
						body: Buffer.concat(chunks).toString('utf8'),
					});
					if (replaced) {
						seen.status = replaced.status;
						res
							.writeHead(replaced.status, { 'content-type': replaced.contentType })
							.end(replaced.body);
						return;
					}
					res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
				});
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	};
	const server = outlastingClients(createServer(relay));
	// HTTPS would arrive as CONNECT: refused and recorded, so a test sees a request that skipped http.
	server.on('connect', (req, socket) => {
		requests.push({
			method: 'CONNECT',
			url: String(req.url),
			proxyUser: proxyUser(req),
			status: 403,
		});
		socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	const [user, password] = (options.credentials ?? '').split(/:(.*)/s);
	return {
		url,
		urlWithCredentials: options.credentials
			? `http://${encodeURIComponent(user)}:${encodeURIComponent(password ?? '')}@127.0.0.1:${port}`
			: url,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
