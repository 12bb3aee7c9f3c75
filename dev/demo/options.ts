import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { repoRoot } from '../n8n/package-install';
import { N8N_VERSION } from '../n8n/runtime';

export interface StartOptions {
	port: number;
	examplesDir: string;
	stateDir: string;
	sandboxPort: number;
	reset: boolean;
	help: boolean;
}

export const DEFAULT_N8N_PORT = 5678;
/** Fixed so the imported credential's base URL stays valid from run to run. */
export const DEFAULT_SANDBOX_PORT = 8787;

export const USAGE = `Usage: npm start [-- options]

Builds n8n-nodes-cdek, starts the local CDEK sandbox and a real n8n ${N8N_VERSION} with the package, the
"CDEK Sandbox" and "Payment Sandbox" credentials and the example workflows. State lives in .n8n-local/ (git-ignored).

Options:
  --port <n>           n8n editor port (default ${DEFAULT_N8N_PORT})
  --sandbox-port <n>   CDEK sandbox port (default ${DEFAULT_SANDBOX_PORT})
  --examples <dir>     import the workflow JSON files of this folder (default examples/)
  --state-dir <dir>    keep n8n's database, logs and the installed package here (default .n8n-local/)
  --reset              delete the state folder first (fresh database, owner and imports)
  --help               show this help`;

function parsePort(value: string | undefined, fallback: number, flag: string): number {
	if (value === undefined) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`${flag} must be a port number (1–65535), got "${value}".`);
	return port;
}

export function parseStartOptions(argv: string[]): StartOptions {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'sandbox-port': { type: 'string' },
			examples: { type: 'string' },
			'state-dir': { type: 'string' },
			reset: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
		strict: true,
	});
	const options = {
		port: parsePort(values.port, DEFAULT_N8N_PORT, '--port'),
		sandboxPort: parsePort(values['sandbox-port'], DEFAULT_SANDBOX_PORT, '--sandbox-port'),
		examplesDir: resolve(values.examples ?? join(repoRoot, 'examples')),
		stateDir: resolve(values['state-dir'] ?? join(repoRoot, '.n8n-local')),
		reset: values.reset === true,
		help: values.help === true,
	};
	if (options.port === options.sandboxPort)
		throw new Error('--port and --sandbox-port must differ.');
	return options;
}

/**
 * What `npm start` sets in n8n's environment. CDEK works in Moscow time: "today" for a pickup date and $now in the
 * examples are Moscow's, whatever the machine's time zone (n8n's own default is America/New_York). n8n 2.x opens
 * its AI assistant ("instance-ai") after login while that module is on; the demo is about the imported workflows,
 * so the editor opens their list instead.
 */
export const DEMO_N8N_ENV: Record<string, string> = {
	GENERIC_TIMEZONE: 'Europe/Moscow',
	N8N_DISABLED_MODULES: 'instance-ai',
};
