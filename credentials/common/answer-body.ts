/**
 * Reads an answer that n8n hands over as a stream (requests use `encoding: 'stream'`), so that the
 * package, not the HTTP library, decides how much it reads and for how long: at most MAX_ANSWER_BYTES
 * per answer (a hundred items in flight must not hold a hundred huge pages), and never past the
 * request's deadline or the execution's Stop, however slowly the bytes trickle in.
 */

/** CDEK's answers are a few kilobytes; an order with hundreds of items stays far below this. */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** A file (a label PDF for up to 100 orders) may be larger than any JSON answer. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const ANSWER_TOO_LARGE = 'ETOOLARGE';

interface ByteStream {
	on(event: 'data', listener: (chunk: Uint8Array | string) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	destroy(error?: Error): unknown;
}

function isByteStream(body: unknown): body is ByteStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as ByteStream).on === 'function' &&
		typeof (body as ByteStream).destroy === 'function'
	);
}

export function answerTooLarge(limit = MAX_ANSWER_BYTES): Error & { code: string } {
	const error = new Error(`the answer is larger than ${limit / 1024 / 1024} MB`) as Error & {
		code: string;
	};
	error.code = ANSWER_TOO_LARGE;
	return error;
}

/** A declared Content-Length above the limit: refused before reading a byte. */
export function declaresTooMuch(headers: Record<string, unknown>, limit = MAX_ANSWER_BYTES) {
	const length = Number(headers['content-length']);
	return Number.isFinite(length) && length > limit;
}

async function collect(
	stream: ByteStream,
	signal: AbortSignal,
	limit: number,
	expected?: number,
): Promise<Uint8Array> {
	return await new Promise<Uint8Array>((resolve, reject) => {
		// With the size declared, the bytes go straight into one buffer: a file is held once, not twice.
		const whole =
			expected !== undefined && expected <= limit ? new Uint8Array(expected) : undefined;
		const chunks: Uint8Array[] = [];
		let size = 0;
		let done = false;
		const finish = (error?: unknown) => {
			if (done) return;
			done = true;
			signal.removeEventListener('abort', onAbort);
			if (error !== undefined) {
				stream.destroy();
				reject(error);
				return;
			}
			if (whole && chunks.length === 0) return resolve(whole.subarray(0, size));
			const bytes = new Uint8Array(size);
			let offset = 0;
			if (whole) {
				bytes.set(whole.subarray(0, expected));
				offset = expected as number;
			}
			for (const chunk of chunks) {
				bytes.set(chunk, offset);
				offset += chunk.length;
			}
			resolve(bytes);
		};
		const onAbort = () => finish(signal.reason);
		if (signal.aborted) return finish(signal.reason);
		signal.addEventListener('abort', onAbort, { once: true });
		stream.on('data', (chunk) => {
			const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
			const offset = size;
			size += bytes.length;
			if (size > limit) return finish(answerTooLarge(limit));
			if (whole && size <= whole.length) whole.set(bytes, offset);
			else if (whole && offset < whole.length) {
				// More than declared: what fits stays in place, the rest is kept after it.
				whole.set(bytes.subarray(0, whole.length - offset), offset);
				chunks.push(bytes.slice(whole.length - offset));
			} else chunks.push(bytes);
		});
		stream.on('end', () => finish());
		stream.on('error', (error) => finish(error));
		stream.on('close', () => finish(new Error('socket hang up')));
	});
}

/**
 * The answer body as n8n's `json: true` would give it (parsed JSON, else the text, '' when empty), read
 * from the stream within the limit and the signal. Bodies that are not streams are returned as they are.
 */
export async function readAnswerBody(
	body: unknown,
	signal: AbortSignal,
	limit = MAX_ANSWER_BYTES,
): Promise<unknown> {
	if (!isByteStream(body)) return body;
	const text = new TextDecoder().decode(await collect(body, signal, limit));
	if (text.trim() === '') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** A file's bytes, read from the stream within the limit and the signal; `expected` is its declared size. */
export async function readAnswerBytes(
	body: unknown,
	signal: AbortSignal,
	limit = MAX_FILE_BYTES,
	expected?: number,
): Promise<unknown> {
	if (!isByteStream(body)) return body;
	const bytes = await collect(body, signal, limit, expected);
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Lets go of an answer nobody will read, so its connection is freed. */
export function discardAnswerBody(body: unknown): void {
	if (isByteStream(body)) body.destroy();
}
