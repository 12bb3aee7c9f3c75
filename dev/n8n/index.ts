/**
 * Real n8n 2.41.1 for e2e tests (implementation beside it in dev/n8n/, shared with `npm start`). n8n always runs as
 * an asynchronous child process, so a CDEK sandbox served by the test process keeps answering while a
 * workflow runs. Logs go to files in the instance's user folder; `withN8nLogs` attaches them to a failure.
 */
import type { ExecuteResult, N8nInstance } from './n8n-instance';

export { createN8n } from './n8n-instance';
export type {
	CreateN8nOptions,
	CredentialToImport,
	ExecuteResult,
	N8nInstance,
} from './n8n-instance';
export type { N8nServer } from './n8n-server';
export type {
	CredentialTestResult,
	EditorRunOptions,
	OptionListRequest,
	RestResponse,
} from './n8n-rest';
export { loadOptionList } from './n8n-rest';
export { ensurePackageBuilt, installedPackageDir, installPackage } from './package-install';
export { ensureRuntime } from './runtime';

/** Node and credential type names of our package once installed in real n8n. */
export const CDEK_NODE_TYPE = 'n8n-nodes-cdek.cdek';
export const CDEK_TRIGGER_TYPE = 'n8n-nodes-cdek.cdekTrigger';
export const CDEK_CREDENTIAL_TYPE = 'cdekApi';

/**
 * Wraps a test body so that a failure carries the end of n8n's logs (never printed otherwise):
 * `it('…', withN8nLogs(() => n8n, async () => { … }))`.
 */
export function withN8nLogs(
	instance: () => N8nInstance | undefined,
	body: () => Promise<void>,
): () => Promise<void> {
	return async () => {
		try {
			await body();
		} catch (error) {
			const logs = instance()?.logs();
			if (logs && error instanceof Error) error.message += `\n\n${logs}`;
			throw error;
		}
	};
}

/**
 * `n8n execute` that also keeps everything n8n printed, unmasked (the harness masks secrets only in its own
 * log files), for tests that scan it for secrets.
 */
export function recordingExecute(instance: () => N8nInstance | undefined): {
	printed: string[];
	execute: (id: string) => Promise<ExecuteResult>;
} {
	const printed: string[] = [];
	const execute = async (id: string): Promise<ExecuteResult> => {
		const n8n = instance();
		if (!n8n) throw new Error('n8n is not set up');
		const result = await n8n.execute(id);
		printed.push(result.stdout, result.stderr);
		return result;
	};
	return { printed, execute };
}
