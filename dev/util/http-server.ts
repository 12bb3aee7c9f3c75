import type { Server } from 'node:http';

/**
 * How long our local servers keep an idle keep-alive connection: longer than any client keeps one (Node's
 * agent 5 s, fetch 4 s). At Node's default (5 s, the same as its agent) a client could reuse a connection just
 * as the server closed it, and a request failed with ECONNRESET by bad luck, mostly on a loaded machine.
 */
export const IDLE_CONNECTION_MS = 120_000;

/** The server, keeping idle connections for IDLE_CONNECTION_MS. */
export function outlastingClients<S extends Server>(server: S): S {
	server.keepAliveTimeout = IDLE_CONNECTION_MS;
	return server;
}
