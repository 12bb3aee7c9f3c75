/**
 * Requests a `hold` fault keeps waiting until the test lets them go: a deterministic "CDEK has not answered
 * yet", where a `delay` would race the client's clock. A test waits until the requests it expects are held
 * (so it knows exactly what the client has sent), acts (Stop, a Timeout, another client), then releases them.
 */
import type { ServerResponse } from 'node:http';
import type { HeldRequest } from './types';

/** 'released': go on and answer; 'dropped': a reset or stop ended the wait, close without applying. */
export type HoldOutcome = 'released' | 'dropped';

interface Entry extends HeldRequest {
	end: (outcome: HoldOutcome) => void;
}

export class Holds {
	private readonly entries: Entry[] = [];
	private stopped = false;

	/** Waits until release (or a reset/stop); notes when the client closes the connection meanwhile. */
	wait(method: string, path: string, res: ServerResponse): Promise<HoldOutcome> {
		if (this.stopped) return Promise.resolve('dropped');
		return new Promise((resolve) => {
			const entry: Entry = {
				method,
				path,
				clientGone: false,
				end: (outcome) => {
					this.entries.splice(this.entries.indexOf(entry), 1);
					resolve(outcome);
				},
			};
			res.once('close', () => (entry.clientGone = true));
			this.entries.push(entry);
		});
	}

	list(): HeldRequest[] {
		return this.entries.map(({ method, path, clientGone }) => ({ method, path, clientGone }));
	}

	release(): number {
		return this.end('released');
	}

	/** A reset: requests held for the previous test are closed, not applied to the restored state. */
	drop(): number {
		return this.end('dropped');
	}

	stop(): void {
		this.stopped = true;
		this.drop();
	}

	private end(outcome: HoldOutcome): number {
		const all = [...this.entries];
		for (const entry of all) entry.end(outcome);
		return all.length;
	}
}
