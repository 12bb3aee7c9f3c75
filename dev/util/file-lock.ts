/** A cross-process lock (an atomic mkdir holding the owner's pid), freed if its owner died. */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from './log';

const isAlive = (pid: number): boolean => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
};

function lockOwner(lockDir: string): number {
	try {
		return Number(readFileSync(join(lockDir, 'pid'), 'utf8')) || 0;
	} catch {
		return 0;
	}
}

function isAbandoned(lockDir: string): boolean {
	const owner = lockOwner(lockDir);
	if (owner) return !isAlive(owner);
	try {
		return Date.now() - statSync(lockDir).mtimeMs > 10000; // created, but its owner never wrote a pid
	} catch {
		return false;
	}
}

/** @param waiting what to tell the user while another process holds the lock. */
export async function withFileLock<T>(
	lockDir: string,
	waiting: string,
	log: Logger,
	work: () => Promise<T>,
): Promise<T> {
	mkdirSync(dirname(lockDir), { recursive: true });
	let lastNotice = 0;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (isAbandoned(lockDir)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - lastNotice > 15000) {
				const owner = lockOwner(lockDir);
				log(`${waiting}${owner ? ` (pid ${owner})` : ''}; waiting for it…`);
				lastNotice = Date.now();
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
