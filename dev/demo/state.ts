/**
 * What the last `npm start` put into the state folder, so that a re-run skips unchanged work. Kept next to
 * n8n's database: deleting that folder also forgets what was imported into it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { n8nDataDir } from '../n8n/n8n-env';

export interface DemoState {
	/** Fingerprint of the installed package build. */
	packageInstalled?: string;
	/** Fingerprint of the imported credential and examples. */
	imported?: string;
}

const stateFile = (stateDir: string) => join(n8nDataDir(stateDir), 'demo-state.json');

export function readDemoState(stateDir: string): DemoState {
	const file = stateFile(stateDir);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoState) : {};
}

export function writeDemoState(stateDir: string, state: DemoState): void {
	writeFileSync(stateFile(stateDir), JSON.stringify(state, null, '\t'));
}
