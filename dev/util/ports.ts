import { createServer } from 'node:net';
import { ExplainedError, portBusyHint } from './failure-hints';

export const LOCALHOST = '127.0.0.1';

/** A port the OS considers free right now (it could still be taken before use; callers bind soon after). */
export function findFreePort(host = LOCALHOST): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, host, () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

export function isPortFree(port: number, host = LOCALHOST): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', (error: NodeJS.ErrnoException) =>
			error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
		);
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/** @param flag the command-line flag that picks another port, named in the error. */
export async function assertPortFree(
	port: number,
	what: string,
	flag?: string,
	host = LOCALHOST,
): Promise<void> {
	if (!(await isPortFree(port, host)))
		throw new ExplainedError(`Cannot start ${what} on ${host}:${port}.`, portBusyHint(port, flag));
}
