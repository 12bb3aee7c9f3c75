/**
 * A request's Timeout as a signal that aborts when the time is up, whatever the request is doing then
 * (connecting, waiting, reading the last byte). The clock can be held while the request waits for a
 * token, which has a Timeout of its own, and restarted for the full time once it has one.
 */
export class Deadline {
	private readonly controller = new AbortController();
	/** Bumped on every hold or restart: only the timer of the latest start may end the request. */
	private generation = 0;

	constructor(private readonly ms: number) {
		this.restart();
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	get passed(): boolean {
		return this.controller.signal.aborted;
	}

	/** The full time again, from now. */
	restart(): void {
		const generation = ++this.generation;
		AbortSignal.timeout(this.ms).addEventListener(
			'abort',
			(event) => {
				if (generation === this.generation && !this.passed)
					this.controller.abort((event.target as AbortSignal).reason);
			},
			{ once: true },
		);
	}

	hold(): void {
		this.generation++;
	}
}
