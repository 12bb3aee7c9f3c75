/** `n8n start` as a child process: readiness, the owner login, and a cookie-authenticated REST client. */
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RestResponse } from './n8n-rest';
import { ExplainedError, explainOutput, portBusyHint } from '../util/failure-hints';
import type { N8nContext } from './n8n-cli';
import {
	type CredentialTestResult,
	type EditorRunOptions,
	loadedCredentialTypes,
	loadedNodeTypes,
	type RestCall,
	runWorkflowFromEditor,
	testCredential,
} from './n8n-rest';
import { logsDir, type OwnerAccount } from './n8n-env';
import { assertPortFree, findFreePort, LOCALHOST } from '../util/ports';
import { spawnInGroup, stopProcessGroup } from '../util/processes';
import { redact } from '../util/redact';

export interface N8nServer {
	url: string;
	/** The n8n version serving, e.g. 2.41.1. */
	version: string;
	/** Process (and process group) id of `n8n start`. */
	pid: number;
	/** Resolves with the exit code when n8n exits (after stop(), or on its own). */
	exited: Promise<number | null>;
	owner: { email: string; password: string };
	cookie: string;
	logFile: string;
	/** `path` is appended to `url` as is, e.g. `/rest/workflows` or `/types/nodes.json`. */
	rest(method: string, path: string, body?: unknown): Promise<RestResponse>;
	/** The editor's "Test" button on a credential (see n8n-rest.ts for the endpoint). */
	testCredential(credential: {
		id?: string;
		name?: string;
		type: string;
		data: object;
	}): Promise<CredentialTestResult>;
	/** The editor's "Execute workflow" button; resolves with the finished execution (`status`, parsed `data`). */
	runWorkflow(workflowId: string, options?: EditorRunOptions): Promise<any>;
	nodeTypes(): Promise<string[]>;
	credentialTypes(): Promise<string[]>;
	stop(): Promise<void>;
}

export interface StartServerOptions {
	port?: number;
	/** Named in the "port busy" error, e.g. `--port`. */
	portFlag?: string;
	readinessTimeoutMs?: number;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const serverLogFile = (userFolder: string): string =>
	join(logsDir(userFolder), 'n8n-start.log');

export function logTail(file: string, chars = 4000): string {
	return existsSync(file) ? redact(readFileSync(file, 'utf8').slice(-chars)) : '(no log yet)';
}

async function request(
	url: string,
	method: string,
	body: unknown,
	cookie?: string,
): Promise<RestResponse & { setCookie: string[] }> {
	const response = await fetch(url, {
		method,
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(cookie ? { cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(120000),
	});
	const text = await response.text();
	const isJson = (response.headers.get('content-type') ?? '').includes('json');
	return {
		status: response.status,
		body: isJson && text ? JSON.parse(text) : text,
		setCookie: response.headers.getSetCookie(),
	};
}

function authCookie(setCookie: string[]): string | undefined {
	return setCookie
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
}

/** First start of a user folder: owner setup; later starts: login. Both answer with the `n8n-auth` cookie. */
async function signInOwner(url: string, owner: OwnerAccount): Promise<string> {
	const settings = await request(`${url}/rest/settings`, 'GET', undefined);
	const needsSetup = settings.body?.data?.userManagement?.showSetupOnFirstLoad === true;
	const response = needsSetup
		? await request(`${url}/rest/owner/setup`, 'POST', owner)
		: await request(`${url}/rest/login`, 'POST', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
	const cookie = authCookie(response.setCookie);
	if (response.status !== 200 || !cookie)
		throw new ExplainedError(
			`n8n ${needsSetup ? 'owner setup' : 'login'} as ${owner.email} failed (HTTP ${response.status}).`,
			needsSetup
				? 'Cause: n8n rejected the owner account. Fix: see the response below.'
				: 'Cause: the owner password was changed in the editor. Fix: start again with a fresh state folder (e.g. `npm start -- --reset`).',
			redact(JSON.stringify(response.body)).slice(0, 1000),
		);
	return cookie;
}

async function waitUntilReady(
	url: string,
	exited: Promise<unknown>,
	timeoutMs: number,
): Promise<'ready' | 'exited' | 'timeout'> {
	let finished: 'exited' | undefined;
	void exited.then(() => (finished = 'exited'));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (finished) return finished;
		try {
			const readiness = await fetch(`${url}/healthz/readiness`, {
				signal: AbortSignal.timeout(5000),
			});
			// n8n 1.x reports ready a moment before it serves its REST API (/rest/login answers 404 until then).
			const settings =
				readiness.status === 200
					? await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) })
					: undefined;
			if (settings?.status === 200 && (await settings.json().catch(() => undefined))?.data)
				return 'ready';
		} catch {
			// Not listening yet.
		}
		await delay(300);
	}
	return 'timeout';
}

export async function startN8nServer(
	context: N8nContext,
	owner: OwnerAccount,
	options: StartServerOptions = {},
): Promise<N8nServer> {
	const port = options.port ?? (await findFreePort());
	await assertPortFree(port, 'n8n', options.portFlag);
	const url = `http://${LOCALHOST}:${port}`;
	const logFile = serverLogFile(context.userFolder);
	mkdirSync(logsDir(context.userFolder), { recursive: true });
	appendFileSync(logFile, `\n=== n8n start on ${url} at ${new Date().toISOString()} ===\n`);
	// n8n writes straight to the file: through a pipe, it would spin on EPIPE once this process died.
	const logFd = openSync(logFile, 'a');
	const child = spawnInGroup(context.runtime.nodeBin, [context.runtime.n8nBin, 'start'], {
		cwd: context.userFolder,
		env: {
			...context.env,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await findFreePort()),
		},
		stdio: ['ignore', logFd, logFd],
	});
	closeSync(logFd);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	const stop = () => stopProcessGroup(child, 20000);

	try {
		const state = await waitUntilReady(url, exited, options.readinessTimeoutMs ?? 180000);
		if (state !== 'ready') {
			const tail = logTail(logFile);
			const busyPort = /EADDRINUSE[^\n]*?:(\d+)/.exec(tail)?.[1];
			const hint = busyPort
				? portBusyHint(Number(busyPort), Number(busyPort) === port ? options.portFlag : undefined)
				: explainOutput(tail, { cacheDir: context.userFolder });
			throw new ExplainedError(
				state === 'exited'
					? `n8n exited before it was ready (exit ${await exited}).`
					: `n8n was not ready at ${url} after ${(options.readinessTimeoutMs ?? 180000) / 1000}s.`,
				hint,
				`Log: ${logFile}\n--- last output ---\n${tail}`,
			);
		}
		const cookie = await signInOwner(url, owner);
		const rest: RestCall = async (method, path, body) => {
			const { status, body: responseBody } = await request(`${url}${path}`, method, body, cookie);
			return { status, body: responseBody };
		};
		return {
			url,
			version: context.runtime.version,
			pid: child.pid ?? 0,
			exited,
			owner: { email: owner.email, password: owner.password },
			cookie,
			logFile,
			rest,
			testCredential: (credential) => testCredential(rest, credential),
			runWorkflow: (workflowId, runOptions) =>
				runWorkflowFromEditor(rest, context.runtime, workflowId, runOptions),
			nodeTypes: () => loadedNodeTypes(rest),
			credentialTypes: () => loadedCredentialTypes(rest),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
