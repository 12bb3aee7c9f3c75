/**
 * n8n 2.41.1 queue mode on one machine, for test/e2e/queue-mode.test.ts: a private Redis (Debian's
 * redis-server on 127.0.0.1, a random port, no persistence) and `n8n worker` processes next to the main
 * `n8n start` of an instance. Main and workers share the instance's user folder, i.e. its SQLite database
 * and encryption key (n8n warns that SQLite is not supported for scaling; production uses PostgreSQL).
 *
 * Settings read from n8n's dist code: EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST / _PORT (both main and
 * worker); the worker's health server (QUEUE_HEALTH_CHECK_ACTIVE, _PORT, N8N_WORKER_SERVER_ADDRESS) answers
 * /healthz/readiness once it is connected to the database and Redis. Production executions (webhooks,
 * triggers) are queued for workers; manual runs from the editor stay on main unless
 * OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true; `n8n execute` always runs in its own process.
 */
import { execFile } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { N8nInstance } from './n8n-instance';
import { logTail } from './n8n-server';
import { findFreePort, LOCALHOST } from '../util/ports';
import { spawnInGroup, stopProcessGroup, waitForExit } from '../util/processes';

export const REDIS_INSTALL_HINT =
	"n8n queue mode needs Redis: install Debian's package with `sudo apt-get install -y redis-server` (the test starts and stops its own server on a random port; no service needs to run).";

export interface RedisServer {
	port: number;
	stop(): Promise<void>;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function redisServerBinary(): Promise<string> {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
		try {
			await promisify(execFile)(candidate, ['--version']);
			return candidate;
		} catch {
			// Not there; try the next one.
		}
	}
	throw new Error(REDIS_INSTALL_HINT);
}

/** A throw-away Redis: in memory only, bound to 127.0.0.1, gone with its process. */
export async function startRedis(): Promise<RedisServer> {
	const binary = await redisServerBinary();
	const port = await findFreePort();
	const child = spawnInGroup(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			LOCALHOST,
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
		],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`redis-server did not start:\n${output}`)),
			20000,
		);
		const collect = (text: string) => {
			output += text;
			if (/Ready to accept connections/.test(output)) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.setEncoding('utf8').on('data', collect);
		child.stderr?.setEncoding('utf8').on('data', collect);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`redis-server exited (${code}):\n${output}`));
		});
	});
	return { port, stop: () => stopProcessGroup(child, 5000) };
}

/** Environment for every n8n process of a queue-mode instance (main, workers, CLI commands). */
export function queueModeEnv(redis: RedisServer): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: LOCALHOST,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
	};
}

export interface N8nWorker {
	pid: number;
	logFile: string;
	/** The worker's log, secrets masked. */
	log(): string;
	stop(): Promise<void>;
}

/** `n8n worker` on the instance's user folder; resolves once its readiness endpoint answers 200. */
export async function startWorker(instance: N8nInstance, name = 'worker'): Promise<N8nWorker> {
	const healthPort = await findFreePort();
	const logFile = join(instance.userFolder, 'logs', `n8n-${name}.log`);
	mkdirSync(join(instance.userFolder, 'logs'), { recursive: true });
	// Straight to a file: a pipe would break once this process is gone.
	const fd = openSync(logFile, 'a');
	const child = spawnInGroup(instance.runtime.nodeBin, [instance.runtime.n8nBin, 'worker'], {
		cwd: instance.userFolder,
		env: {
			...instance.env,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: LOCALHOST,
			N8N_RUNNERS_BROKER_PORT: String(await findFreePort()),
		},
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	let exited = false;
	void waitForExit(child).then(() => (exited = true));
	const stop = () => stopProcessGroup(child, 20000);
	const deadline = Date.now() + 180000;
	while (Date.now() < deadline && !exited) {
		try {
			const response = await fetch(`http://${LOCALHOST}:${healthPort}/healthz/readiness`, {
				signal: AbortSignal.timeout(5000),
			});
			if (response.status === 200)
				return { pid: child.pid ?? 0, logFile, log: () => logTail(logFile, 20000), stop };
		} catch {
			// Not listening yet.
		}
		await delay(300);
	}
	await stop();
	throw new Error(
		`n8n worker was not ready (${exited ? 'it exited' : 'timeout'}).\n${logTail(logFile)}`,
	);
}
