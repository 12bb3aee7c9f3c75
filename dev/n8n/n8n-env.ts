/** Environment and per-folder settings shared by every n8n process of one instance (CLI commands and `n8n start`). */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALHOST } from '../util/ports';
import { N8N_VERSION, runtimeEnv } from './runtime';

/** Makes n8n stop itself when the process that started it dies without stopping it. */
const EXIT_WITH_PARENT = join(__dirname, 'preload', 'exit-with-parent.cjs');

/** Turns off telemetry, banners and update checks; none of them can reach the internet here anyway. */
const QUIET_FLAGS = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
};

/** n8n keeps its data (SQLite, config, community packages) in `<N8N_USER_FOLDER>/.n8n`. */
export const n8nDataDir = (userFolder: string): string => join(userFolder, '.n8n');
export const logsDir = (userFolder: string): string => join(userFolder, 'logs');

/**
 * The key must stay the same for a user folder, so it lives where n8n itself would keep a generated one
 * (`.n8n/config`); reusing a folder therefore reuses its key.
 */
export function ensureEncryptionKey(userFolder: string): string {
	const configFile = join(n8nDataDir(userFolder), 'config');
	if (existsSync(configFile)) {
		const key = (JSON.parse(readFileSync(configFile, 'utf8')) as { encryptionKey?: string })
			.encryptionKey;
		if (key) return key;
	}
	const key = randomBytes(24).toString('base64url');
	mkdirSync(n8nDataDir(userFolder), { recursive: true });
	writeFileSync(configFile, JSON.stringify({ encryptionKey: key }, null, '\t'), { mode: 0o600 });
	return key;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A local demo login, created once per user folder (n8n wants 8+ chars with a digit and a capital letter). */
export function loadOrCreateOwner(userFolder: string, email = 'owner@example.com'): OwnerAccount {
	const file = join(userFolder, 'owner.json');
	if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as OwnerAccount;
	const owner = {
		email,
		password: `Demo-${randomBytes(6).toString('hex')}-N8n`,
		firstName: 'Demo',
		lastName: 'Owner',
	};
	mkdirSync(userFolder, { recursive: true });
	writeFileSync(file, JSON.stringify(owner, null, '\t'), { mode: 0o600 });
	return owner;
}

/** Variables inherited from jest or npm that change n8n's behaviour (NODE_ENV=test disables node loading). */
const INHERITED_BUT_HARMFUL = [
	'NODE_ENV',
	'NODE_OPTIONS',
	'JEST_WORKER_ID',
	'E2E_TESTS',
	'N8N_USER_FOLDER',
	'N8N_PORT',
];

export function n8nEnvironment(
	userFolder: string,
	extra: Record<string, string> = {},
	version = N8N_VERSION,
): NodeJS.ProcessEnv {
	const env = runtimeEnv({}, version);
	for (const name of INHERITED_BUT_HARMFUL) delete env[name];
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ensureEncryptionKey(userFolder),
		N8N_LISTEN_ADDRESS: LOCALHOST,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		...QUIET_FLAGS,
		N8N_CDEK_WATCH_PARENT: '1',
		NODE_OPTIONS: `--require "${EXIT_WITH_PARENT}"`,
		...extra,
	};
}
