/**
 * `npm start`: a local demo of n8n-nodes-cdek in real n8n. Builds the package, starts the CDEK sandbox in
 * this process, installs (or reuses) the cached Node 24 + n8n runtime, installs the packed package into
 * .n8n-local/, imports the "CDEK Sandbox" credential and examples/*.json, starts n8n and prints where to
 * log in. Ctrl-C stops n8n and the sandbox. See `npm start -- --help`.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '../dev/sandbox';
import { ExplainedError, portBusyHint } from '../dev/util/failure-hints';
import { createLogger, formatSeconds } from '../dev/util/log';
import { createN8n, type N8nInstance } from '../dev/n8n/n8n-instance';
import { logsDir } from '../dev/n8n/n8n-env';
import { DEMO_N8N_ENV } from '../dev/demo/options';
import type { N8nServer } from '../dev/n8n/n8n-server';
import {
	ensurePackageBuilt,
	installedPackageDir,
	installPackage,
	packageFingerprint,
} from '../dev/n8n/package-install';
import { assertPortFree } from '../dev/util/ports';
import { formatBanner } from '../dev/demo/banner';
import {
	type ExampleWorkflow,
	importFingerprint,
	loadExamples,
	loadOrCreateMcpToken,
	loadOrCreateReturnWebhookKey,
	MCP_BEARER_CREDENTIAL,
	MCP_PATH,
	mcpBearerCredential,
	PAYMENT_CREDENTIAL,
	paymentCredential,
	RETURN_WEBHOOK_CREDENTIAL,
	RETURN_WEBHOOK_HEADER,
	returnWebhookCredential,
	sandboxCredential,
} from '../dev/demo/examples';
import { parseStartOptions, type StartOptions, USAGE } from '../dev/demo/options';
import { installShutdown, type Shutdown } from '../dev/demo/shutdown';
import { readDemoState, writeDemoState } from '../dev/demo/state';

const DEMO_OWNER_EMAIL = 'demo@n8n-nodes-cdek.local';
const CDEK_NODE_TYPE = 'n8n-nodes-cdek.cdek';
const log = createLogger('start');

async function startDemoSandbox(port: number, stateDir: string): Promise<Sandbox> {
	const logFile = join(logsDir(stateDir), 'sandbox.log');
	try {
		return await startSandbox({ port, log: (line) => appendFileSync(logFile, `${line}\n`) });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
			throw new ExplainedError(
				`Cannot start the CDEK sandbox on port ${port}.`,
				portBusyHint(port, '--sandbox-port'),
			);
		throw error;
	}
}

async function installPackageIfChanged(stateDir: string): Promise<void> {
	const state = readDemoState(stateDir);
	const fingerprint = packageFingerprint();
	if (state.packageInstalled === fingerprint) return log('package unchanged since the last run');
	await installPackage(stateDir);
	writeDemoState(stateDir, { ...readDemoState(stateDir), packageInstalled: fingerprint });
	log(`installed the packed package into ${installedPackageDir(stateDir)}`);
}

async function importIfChanged(
	n8n: N8nInstance,
	sandbox: Sandbox,
	examplesDir: string,
	stateDir: string,
): Promise<ExampleWorkflow[]> {
	const credentials = [
		sandboxCredential(sandbox.rootUrl, sandbox.testKeys),
		paymentCredential(sandbox.options().paymentToken),
		returnWebhookCredential(loadOrCreateReturnWebhookKey(stateDir)),
		mcpBearerCredential(loadOrCreateMcpToken(stateDir)),
	];
	const examples = loadExamples(examplesDir, sandbox.url);
	const fingerprint = importFingerprint(credentials, examples);
	if (readDemoState(stateDir).imported === fingerprint) {
		log(`credentials and ${examples.length} example workflow(s) unchanged since the last run`);
		return examples;
	}
	log(
		`importing the ${credentials.map((credential) => `"${credential.name}"`).join(', ')} credentials and ${examples.length} example workflow(s)…`,
	);
	await n8n.importCredentials(credentials);
	if (examples.length > 0) await n8n.importWorkflows(examples.map((example) => example.workflow));
	writeDemoState(stateDir, { ...readDemoState(stateDir), imported: fingerprint });
	return examples;
}

/** Imports are skipped when unchanged; if something was deleted in the editor, re-import on the next run. */
async function checkImportsStillThere(
	server: N8nServer,
	examples: ExampleWorkflow[],
	stateDir: string,
): Promise<void> {
	const missing: string[] = [];
	for (const example of examples)
		if ((await server.rest('GET', `/rest/workflows/${example.id}`)).status !== 200)
			missing.push(`workflow "${example.name}"`);
	if ((await server.rest('GET', '/rest/credentials/cdekSandboxCred1')).status !== 200)
		missing.push('credential "CDEK Sandbox"');
	for (const credential of [PAYMENT_CREDENTIAL, RETURN_WEBHOOK_CREDENTIAL, MCP_BEARER_CREDENTIAL])
		if ((await server.rest('GET', `/rest/credentials/${credential.id}`)).status !== 200)
			missing.push(`credential "${credential.name}"`);
	if (missing.length === 0) return;
	writeDemoState(stateDir, { ...readDemoState(stateDir), imported: undefined });
	log(
		`note: ${missing.join(', ')} no longer in n8n (deleted in the editor?); the next \`npm start\` imports them again`,
	);
}

async function assertNodeLoaded(server: N8nServer): Promise<void> {
	const response = await server.rest('POST', '/rest/node-types', {
		nodeInfos: [{ name: CDEK_NODE_TYPE, version: 1 }],
	});
	// The description comes back under its short name ("cdek"); an unknown type fails the request instead.
	const loaded =
		response.status === 200 && typeof response.body?.data?.[0]?.displayName === 'string';
	if (!loaded)
		throw new ExplainedError(
			`n8n started, but the node ${CDEK_NODE_TYPE} is not loaded.`,
			'Cause: n8n could not load the package (see the log). Fix: check `npm run build` output and the node for load errors.',
			`Log: ${server.logFile}`,
		);
}

async function run(options: StartOptions, shutdown: Shutdown): Promise<void> {
	const started = Date.now();
	const { stateDir } = options;
	await assertPortFree(options.port, 'n8n', '--port');
	await assertPortFree(options.sandboxPort, 'the CDEK sandbox', '--sandbox-port');
	if (options.reset) {
		log(`--reset: deleting ${stateDir}`);
		rmSync(stateDir, { recursive: true, force: true });
	}
	mkdirSync(logsDir(stateDir), { recursive: true });

	const [, n8n] = await Promise.all([
		ensurePackageBuilt(),
		createN8n({ userFolder: stateDir, ownerEmail: DEMO_OWNER_EMAIL, env: DEMO_N8N_ENV }),
	]);
	const sandbox = await startDemoSandbox(options.sandboxPort, stateDir);
	shutdown.onStop(() => sandbox.stop());
	log(`CDEK sandbox listening on ${sandbox.url}`);

	await installPackageIfChanged(stateDir);
	const examples = await importIfChanged(n8n, sandbox, options.examplesDir, stateDir);

	log(`starting n8n on http://127.0.0.1:${options.port}…`);
	const n8nStarted = Date.now();
	const server = await n8n.start({ port: options.port, portFlag: '--port' });
	shutdown.onStop(() => server.stop());
	log(`n8n ready in ${formatSeconds(Date.now() - n8nStarted)}`);
	await assertNodeLoaded(server);
	await checkImportsStillThere(server, examples, stateDir);

	console.log(
		formatBanner({
			editorUrl: server.url,
			owner: server.owner,
			credential: { name: 'CDEK Sandbox', ...sandbox.testKeys },
			returnWebhook: {
				header: RETURN_WEBHOOK_HEADER,
				key: loadOrCreateReturnWebhookKey(stateDir),
				url: `${server.url}/webhook/cdek-client-return`,
			},
			mcp: { url: `${server.url}/mcp/${MCP_PATH}`, token: loadOrCreateMcpToken(stateDir) },
			examples,
			orders: Object.values(sandbox.currentSeeds()),
			sandbox,
			stateDir,
			logFiles: [server.logFile, join(logsDir(stateDir), 'sandbox.log')],
			readyInMs: Date.now() - started,
		}),
	);

	const exitCode = await server.exited;
	if (shutdown.stopping) return;
	throw new ExplainedError(
		`n8n exited unexpectedly (exit ${exitCode}).`,
		'Cause: see the end of the n8n log. Fix: run `npm start` again; if it keeps failing, `npm start -- --reset`.',
		`Log: ${server.logFile}`,
	);
}

async function main(): Promise<void> {
	let options: StartOptions;
	try {
		options = parseStartOptions(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (options.help) return console.log(USAGE);
	const shutdown = installShutdown(log);
	try {
		await run(options, shutdown);
	} catch (error) {
		if (!shutdown.stopping) console.error(`\n✖ ${(error as Error).message}`);
		await shutdown.exit(1);
	}
}

void main();
