/**
 * What keeps one exchange with CDEK within its limits: the request's own deadline handed to n8n the
 * only way n8n takes one, and the answer read within the deadline, the execution's Stop and a size cap.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	ANSWER_TOO_LARGE,
	MAX_ANSWER_BYTES,
	MAX_FILE_BYTES,
	declaresTooMuch,
	discardAnswerBody,
	readAnswerBody,
	readAnswerBytes,
} from '../../../credentials/common/answer-body';
import type { HttpAnswer } from './failures';

/**
 * The context as n8n's httpRequestWithAuthentication sees it, with `signal` as the execution's cancel
 * signal: n8n puts that signal on the request (replacing any the request brings), so the request's own
 * deadline has to arrive the same way. Everything else is the context itself.
 */
export function withCancelSignal<Context extends object>(
	context: Context,
	signal: AbortSignal,
): Context {
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getExecutionCancelSignal') return () => signal;
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
		has(target, property) {
			return property === 'getExecutionCancelSignal' || Reflect.has(target, property);
		},
	});
}

/** Holds `bytes` of the run's file budget until the function it gives is called (see ByteBudget). */
export type ReserveBytes = (bytes: number) => Promise<() => void>;

/**
 * An answer with its body read within the limits (size, deadline, Stop); a body too large is dropped.
 * A file (`binary`) that arrived is kept as bytes, up to MAX_FILE_BYTES, once `reserve` has made room for its
 * declared size (else the cap); the answer's `release` gives that room back. Its error answers read as JSON.
 */
export async function readAnswer(
	statusCode: number,
	headers: IDataObject | undefined,
	body: unknown,
	signal: AbortSignal,
	{ binary = false, reserve }: { binary?: boolean; reserve?: ReserveBytes } = {},
): Promise<HttpAnswer> {
	const answer: HttpAnswer = { statusCode, headers: headers ?? {}, body: undefined };
	const file = binary && statusCode < 300;
	const limit = file ? MAX_FILE_BYTES : MAX_ANSWER_BYTES;
	const unread = (tooLarge: boolean): HttpAnswer => {
		discardAnswerBody(body);
		return tooLarge ? { ...answer, tooLarge, sizeLimit: limit, file } : answer;
	};
	if (statusCode >= 300 && statusCode < 400) return unread(false);
	if (declaresTooMuch(answer.headers, limit)) return unread(true);
	const declared = Number(answer.headers['content-length']);
	const expected = Number.isInteger(declared) && declared >= 0 ? declared : undefined;
	let release: (() => void) | undefined;
	if (file && reserve) {
		const reserved = await reserve(expected ?? limit).then(
			(held) => ({ held }),
			(error: unknown) => ({ error }),
		);
		// Stopped while waiting for room: the answer is never read.
		if ('error' in reserved) {
			discardAnswerBody(body);
			throw reserved.error;
		}
		release = reserved.held;
	}
	const reading = file
		? readAnswerBytes(body, signal, limit, expected)
		: readAnswerBody(body, signal);
	const read = await reading.then(
		(parsed) => ({ parsed }),
		(error: unknown) => ({ error }),
	);
	if ('parsed' in read) return { ...answer, body: read.parsed, ...(release ? { release } : {}) };
	release?.();
	if ((read.error as { code?: string }).code === ANSWER_TOO_LARGE) return unread(true);
	throw read.error;
}
