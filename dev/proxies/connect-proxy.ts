/**
 * A local HTTPS proxy that records which host each CONNECT asks for and refuses it, so tests can see
 * which CDEK host a credential chose without any network.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
	url: string;
	targets: string[];
	close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
	const targets: string[] = [];
	const server = createServer((_req, res) => res.writeHead(405).end());
	server.on('connect', (req, socket) => {
		targets.push(String(req.url));
		socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		targets,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Runs `body` with HTTPS_PROXY pointing at the proxy, restoring the environment afterwards. */
export async function withHttpsProxy<T>(proxy: ConnectProxy, body: () => Promise<T>): Promise<T> {
	const saved = {
		HTTPS_PROXY: process.env.HTTPS_PROXY,
		https_proxy: process.env.https_proxy,
		NO_PROXY: process.env.NO_PROXY,
	};
	process.env.HTTPS_PROXY = proxy.url;
	delete process.env.https_proxy;
	delete process.env.NO_PROXY;
	try {
		return await body();
	} finally {
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	}
}
