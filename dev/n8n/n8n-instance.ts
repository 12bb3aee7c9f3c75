/**
 * A real n8n (2.41.1 by default, or 1.123.81; Node 24, from the runtime cache) bound to one user folder: import
 * credentials and workflows, run a workflow with `n8n execute`, or serve the editor and REST API with `n8n start`.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
	cliLogFile,
	type N8nContext,
	parseRawOutput,
	runExport,
	runImport,
	runN8nCli,
} from './n8n-cli';
import { loadOrCreateOwner, n8nEnvironment, type OwnerAccount } from './n8n-env';
import {
	logTail,
	type N8nServer,
	serverLogFile,
	startN8nServer,
	type StartServerOptions,
} from './n8n-server';
import { installPackage } from './package-install';
import { registerSecret } from '../util/redact';
import { ensureRuntime, n8nVersionUnderTest, type Runtime } from './runtime';

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	/** Plain values; n8n encrypts them with the instance key on import. */
	data: object;
}

export interface ExecuteResult {
	/** 0: success; 1: the workflow failed (normal for error-path tests) or n8n could not run it. */
	exitCode: number;
	/** Set when n8n was killed by a signal (exitCode is then 1). */
	signal: NodeJS.Signals | null;
	/** The execution object printed by `--rawOutput` (`status`, `data.resultData.runData`…), if any. */
	execution: any;
	stdout: string;
	stderr: string;
}

export interface N8nInstance {
	userFolder: string;
	env: NodeJS.ProcessEnv;
	runtime: Runtime;
	owner: OwnerAccount;
	importCredentials(credentials: CredentialToImport[]): Promise<void>;
	/** What n8n stores for each credential, decrypted (`n8n export:credentials --decrypted`). */
	exportCredentials(): Promise<CredentialToImport[]>;
	/** The workflow JSON needs an `id` (15+ characters); importing the same id again updates it. */
	importWorkflow(workflow: object): Promise<void>;
	importWorkflows(workflows: object[]): Promise<void>;
	execute(workflowId: string): Promise<ExecuteResult>;
	/** `n8n start`; polls /healthz/readiness and signs the owner in (set up on first start of the folder). */
	start(options?: StartServerOptions): Promise<N8nServer>;
	/** The end of n8n's logs, secrets masked: print it when a test fails. */
	logs(chars?: number): string;
	/** Stops started servers and deletes the user folder if createN8n made it (keep it: N8N_CDEK_KEEP_USER_FOLDER=1). */
	dispose(): Promise<void>;
}

export interface CreateN8nOptions {
	/** Defaults to a new temp folder, deleted on dispose. */
	userFolder?: string;
	/** Extra variables for every n8n process of this instance. */
	env?: Record<string, string>;
	/** Build, pack and install n8n-nodes-cdek into the user folder first. */
	withPackage?: boolean;
	ownerEmail?: string;
	/** Defaults to the version under test (`N8N_CDEK_N8N_VERSION`, else 2.41.1). */
	n8nVersion?: string;
}

const SECRET_FIELD = /secret|token|password|apikey|api_key/i;

function registerCredentialSecrets(data: object): void {
	for (const [key, value] of Object.entries(data))
		if (SECRET_FIELD.test(key) && typeof value === 'string') registerSecret(value);
}

function assertWorkflowIds(workflows: object[]): void {
	for (const workflow of workflows) {
		const id = (workflow as { id?: unknown }).id;
		if (typeof id !== 'string' || id.length < 15)
			throw new Error(
				`Workflow "${(workflow as { name?: string }).name}" needs an "id" of 15+ characters to be imported and executed by id.`,
			);
	}
}

export async function createN8n(options: CreateN8nOptions = {}): Promise<N8nInstance> {
	const runtime = await ensureRuntime(options.n8nVersion ?? n8nVersionUnderTest());
	const ownsFolder = !options.userFolder;
	const userFolder = options.userFolder ?? mkdtempSync(`${tmpdir()}/n8n-cdek-`);
	mkdirSync(userFolder, { recursive: true });
	const env = n8nEnvironment(userFolder, options.env, runtime.version);
	const context: N8nContext = { userFolder, runtime, env };
	const owner = loadOrCreateOwner(userFolder, options.ownerEmail);
	const servers = new Set<N8nServer>();
	if (options.withPackage) await installPackage(userFolder);
	let disposed = false;
	const assertUsable = () => {
		if (disposed)
			throw new Error(`This n8n instance (${userFolder}) was disposed; create a new one.`);
	};

	const importWorkflows = async (workflows: object[]) => {
		assertUsable();
		assertWorkflowIds(workflows);
		await runImport(context, 'workflow', workflows);
	};

	return {
		userFolder,
		env,
		runtime,
		owner,
		async importCredentials(credentials) {
			assertUsable();
			for (const credential of credentials) registerCredentialSecrets(credential.data);
			await runImport(context, 'credentials', credentials);
		},
		async exportCredentials() {
			assertUsable();
			return await runExport(context, 'credentials');
		},
		importWorkflow: (workflow) => importWorkflows([workflow]),
		importWorkflows,
		async execute(workflowId) {
			assertUsable();
			const result = await runN8nCli(context, ['execute', `--id=${workflowId}`, '--rawOutput']);
			const execution = parseRawOutput(result.stdout) as
				| { finished?: boolean; status?: string }
				| undefined;
			// n8n 2.41.1 on Node 24 now and then dies by a signal (seen: SIGSEGV) while shutting down, after
			// printing a finished execution; the execution's own status is then the outcome.
			const crashedAfterFinishing =
				result.code === null && result.signal !== null && execution?.finished === true;
			if (crashedAfterFinishing)
				appendFileSync(
					cliLogFile(userFolder),
					`[harness] n8n exited by ${result.signal} after a finished execution; using its status\n`,
				);
			return {
				exitCode: crashedAfterFinishing
					? execution?.status === 'success'
						? 0
						: 1
					: (result.code ?? 1),
				signal: result.signal,
				execution,
				stdout: result.stdout,
				stderr: result.stderr,
			};
		},
		async start(startOptions) {
			assertUsable();
			const server = await startN8nServer(context, owner, startOptions);
			servers.add(server);
			return {
				...server,
				stop: async () => {
					servers.delete(server);
					await server.stop();
				},
			};
		},
		logs(chars = 4000) {
			return `--- ${cliLogFile(userFolder)} ---\n${logTail(cliLogFile(userFolder), chars)}\n--- ${serverLogFile(userFolder)} ---\n${logTail(serverLogFile(userFolder), chars)}`;
		},
		async dispose() {
			disposed = true;
			await Promise.all([...servers].map((server) => server.stop()));
			servers.clear();
			if (!ownsFolder) return;
			if (process.env.N8N_CDEK_KEEP_USER_FOLDER === '1')
				process.stderr.write(`[real-n8n] kept ${userFolder}\n`);
			else rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
