/**
 * A scripted stand-in for an OpenAI-compatible chat model: it answers `POST /v1/chat/completions` (plain JSON or
 * server-sent events when the client asks for `stream`) with the replies a test queued, in order, and records
 * every request it got (the messages, with the tool results n8n sent back, and the tools it offered). Nothing else:
 * no model, no network. A test points n8n's OpenAI Chat Model credential at `baseUrl`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { outlastingClients } from '../util/http-server';

export interface ScriptedToolCall {
	/** The tool's name as n8n offers it (the tool node's name, spaces as underscores). */
	name: string;
	arguments: Record<string, unknown>;
}

/** One reply of the model: tool calls, or the final answer. */
export type ScriptedReply = { toolCalls: ScriptedToolCall[] } | { content: string };

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
}

export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: Record<string, unknown> };
	}>;
	/** The Authorization header as received, to check the user's key reached the model. */
	authorization?: string;
}

export interface ScriptedChatModel {
	/** Ends with `/v1`, as OpenAI's Base URL does. */
	baseUrl: string;
	/** Replies for the next requests, in order; a reply may be chosen from the request it answers. */
	script(...replies: Array<ScriptedReply | ((request: ChatRequest) => ScriptedReply)>): void;
	requests(): ChatRequest[];
	/** Replies queued but not asked for yet. */
	pending(): number;
	/** Forgets the script and the recorded requests. */
	reset(): void;
	close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
};

let callCounter = 0;

function completion(reply: ScriptedReply, model: string) {
	const toolCalls =
		'toolCalls' in reply
			? reply.toolCalls.map((call) => ({
					id: `call_scripted_${++callCounter}`,
					type: 'function',
					function: { name: call.name, arguments: JSON.stringify(call.arguments) },
				}))
			: undefined;
	const message = toolCalls
		? { role: 'assistant', content: null, tool_calls: toolCalls }
		: { role: 'assistant', content: (reply as { content: string }).content };
	return {
		id: `chatcmpl-scripted-${callCounter}`,
		object: 'chat.completion',
		created: 1700000000,
		model,
		choices: [{ index: 0, message, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same completion as chunks of a stream: the whole message in one delta, then the finish reason. */
function streamed(response: ServerResponse, body: ReturnType<typeof completion>): void {
	const [choice] = body.choices;
	const message = choice.message as {
		content: string | null;
		tool_calls?: Array<Record<string, unknown>>;
	};
	const chunk = (delta: object, finishReason: string | null) =>
		`data: ${JSON.stringify({
			id: body.id,
			object: 'chat.completion.chunk',
			created: body.created,
			model: body.model,
			choices: [{ index: 0, delta, finish_reason: finishReason }],
		})}\n\n`;
	response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const toolCalls = message.tool_calls?.map((call, index) => ({ index, ...call }));
	response.write(
		chunk(
			toolCalls
				? { role: 'assistant', content: null, tool_calls: toolCalls }
				: { role: 'assistant', content: message.content },
			null,
		),
	);
	response.write(chunk({}, choice.finish_reason));
	response.write(
		`data: ${JSON.stringify({ id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model, choices: [], usage: body.usage })}\n\n`,
	);
	response.end('data: [DONE]\n\n');
}

export async function startScriptedChatModel(): Promise<ScriptedChatModel> {
	let replies: Array<ScriptedReply | ((request: ChatRequest) => ScriptedReply)> = [];
	let recorded: ChatRequest[] = [];

	const server = outlastingClients(
		createServer(async (request, response) => {
			const path = (request.url ?? '').split('?')[0];
			if (request.method === 'GET' && path === '/v1/models') {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({ object: 'list', data: [{ id: 'scripted', object: 'model' }] }),
				);
				return;
			}
			if (request.method !== 'POST' || path !== '/v1/chat/completions') {
				response.writeHead(404, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { message: `No such route: ${path}` } }));
				return;
			}
			const body = JSON.parse(await readBody(request)) as ChatRequest;
			const chat: ChatRequest = { ...body, authorization: request.headers.authorization };
			recorded.push(chat);
			const next = replies.shift();
			if (!next) {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({ error: { message: 'The scripted model has no reply left' } }),
				);
				return;
			}
			const reply = typeof next === 'function' ? next(chat) : next;
			const answer = completion(reply, body.model ?? 'scripted');
			if (body.stream === true) {
				streamed(response, answer);
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify(answer));
		}),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		script: (...next) => {
			replies.push(...next);
		},
		requests: () => recorded,
		pending: () => replies.length,
		reset: () => {
			replies = [];
			recorded = [];
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
