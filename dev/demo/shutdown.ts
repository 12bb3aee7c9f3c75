/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP stop everything `npm start` started, newest first, then exit. A second
 * signal (after a grace period, so one Ctrl-C relayed twice by npm and tsx does not count) kills at once.
 * So does the death of the npm/tsx processes that launched us (see launcher-watch.ts).
 */
import type { Logger } from '../util/log';
import { killAllProcessGroupsNow, stopAllProcessGroups } from '../util/processes';
import { onLauncherExit } from './launcher-watch';

export interface Shutdown {
	/** Registers something to stop on exit; stopped in reverse order of registration. */
	onStop(stop: () => Promise<void>): void;
	/** Stops everything and exits with `exitCode`. */
	exit(exitCode: number): Promise<never>;
	/** True once a signal or exit() began stopping everything. */
	readonly stopping: boolean;
}

export function installShutdown(log: Logger): Shutdown {
	const stops: Array<() => Promise<void>> = [];
	let stopping: Promise<never> | undefined;
	let firstSignalAt = 0;

	const exit = (exitCode: number): Promise<never> =>
		(stopping ??= (async () => {
			for (const stop of stops.reverse()) {
				try {
					await stop();
				} catch (error) {
					log(`while stopping: ${(error as Error).message}`);
				}
			}
			await stopAllProcessGroups(5000);
			log('everything started by npm start is stopped');
			process.exit(exitCode);
		})());

	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (!firstSignalAt) {
				firstSignalAt = Date.now();
				log(`${signal}: stopping n8n and the sandbox…`);
				void exit(0);
			} else if (Date.now() - firstSignalAt > 2000) {
				log(`${signal} again: killing everything now`);
				killAllProcessGroupsNow();
				process.exit(1);
			}
		});
	}
	onLauncherExit((pid) => {
		if (firstSignalAt) return;
		firstSignalAt = Date.now();
		log(`the process that launched npm start (pid ${pid}) is gone: stopping n8n and the sandbox…`);
		void exit(0);
	});
	return {
		onStop: (stop) => void stops.push(stop),
		exit,
		get stopping() {
			return stopping !== undefined;
		},
	};
}
