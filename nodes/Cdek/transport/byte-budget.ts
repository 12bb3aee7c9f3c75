/**
 * Bytes one run may hold in files at once (label PDFs being downloaded and handed to n8n), shared by every item in
 * flight: a download reserves its size before reading the body and gives it back once n8n has the file. Items that
 * do not fit wait their turn, first come first served; none fails for want of room, since one file never exceeds
 * the budget (MAX_FILE_BYTES is below it).
 */
export class ByteBudget {
	private used = 0;
	private readonly waiting: Array<{ bytes: number; grant: () => void }> = [];

	constructor(readonly limit: number) {}

	get inUse(): number {
		return this.used;
	}

	/** Waits until `bytes` fit (or `signal` aborts), then holds them; the function returned gives them back. */
	async reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
		const size = Math.min(Math.max(0, bytes), this.limit);
		if (this.waiting.length === 0 && this.used + size <= this.limit) return this.hold(size);
		signal?.throwIfAborted();
		return await new Promise<() => void>((resolve, reject) => {
			const entry = {
				bytes: size,
				grant: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve(this.hold(size));
				},
			};
			const onAbort = () => {
				const index = this.waiting.indexOf(entry);
				if (index >= 0) this.waiting.splice(index, 1);
				reject(signal?.reason);
				this.grantWaiting();
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiting.push(entry);
		});
	}

	private hold(bytes: number): () => void {
		this.used += bytes;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.used -= bytes;
			this.grantWaiting();
		};
	}

	private grantWaiting(): void {
		while (this.waiting.length > 0 && this.used + this.waiting[0].bytes <= this.limit) {
			(this.waiting.shift() as { grant: () => void }).grant();
		}
	}
}
