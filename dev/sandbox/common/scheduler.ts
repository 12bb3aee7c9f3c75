/**
 * Every timer the sandbox starts goes through here, so stop() can clear them all.
 * Timers are unref'd: pending settles or webhook retries never keep a test process alive.
 */
export class Scheduler {
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly sleepers = new Set<() => void>();
	private stopped = false;

	after(ms: number, fn: () => void): NodeJS.Timeout | undefined {
		if (this.stopped) return undefined;
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				fn();
			},
			Math.max(0, ms),
		);
		timer.unref();
		this.timers.add(timer);
		return timer;
	}

	cancel(timer: NodeJS.Timeout | undefined): void {
		if (!timer) return;
		clearTimeout(timer);
		this.timers.delete(timer);
	}

	/** Resolves after `ms`, or at once when the scheduler is stopped. */
	sleep(ms: number): Promise<void> {
		if (ms <= 0 || this.stopped) return Promise.resolve();
		return new Promise((resolve) => {
			const wake = () => {
				this.sleepers.delete(wake);
				this.cancel(timer);
				resolve();
			};
			this.sleepers.add(wake);
			const timer = this.after(ms, wake);
		});
	}

	stop(): void {
		this.stopped = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const wake of [...this.sleepers]) wake();
	}
}
