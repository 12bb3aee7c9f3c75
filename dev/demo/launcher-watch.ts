/**
 * `kill <pid of npm>` ends npm and its `sh -c`, but nobody forwards the signal to tsx and this process, so
 * n8n and the sandbox would keep running. Watching the processes that launched us (on Linux, via /proc)
 * turns the death of any of them into a normal shutdown.
 */
import { existsSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

function launchers(): number[] {
	const chain: number[] = [];
	for (let pid = process.ppid; pid > 1 && chain.length < 4; pid = parentOf(pid) ?? 0)
		chain.push(pid);
	return chain;
}

const isAlive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
};

export function onLauncherExit(callback: (pid: number) => void): void {
	if (!existsSync('/proc/self/stat')) return;
	const watched = launchers();
	const timer = setInterval(() => {
		const gone = watched.find((pid) => !isAlive(pid) || parentOf(pid) === undefined);
		if (gone === undefined) return;
		clearInterval(timer);
		callback(gone);
	}, 1000);
	timer.unref();
}
