import { NodeApiError } from 'n8n-workflow';

import { answerError, noAnswerError } from '../../../nodes/Cdek/transport/failures';
import { node } from '../support';

const request = { method: 'POST', url: 'https://api.cdek.ru/v2/orders/u/refusal', itemIndex: 2 };

describe('answerError', () => {
	it("puts CDEK's code, text and the HTTP status in the message", () => {
		const error = answerError(node, request, {
			statusCode: 404,
			headers: {},
			body: {
				requests: [
					{
						type: 'GET',
						state: 'INVALID',
						errors: [{ code: 'v2_entity_not_found', message: 'Entity is not found by uuid u' }],
					},
				],
			},
		});
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'CDEK: v2_entity_not_found: Entity is not found by uuid u (HTTP 404) [item 3]',
		);
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('no order with this UUID');
		expect(error.description).toContain('POST https://api.cdek.ru/v2/orders/u/refusal');
		expect(error.context.itemIndex).toBe(2);
	});

	it("shows CDEK's reason on a 401 instead of n8n's generic line", () => {
		const error = answerError(node, request, {
			statusCode: 401,
			headers: {},
			body: {
				requests: [
					{
						type: 'AUTH',
						state: 'INVALID',
						errors: [{ code: 'v2_token_expired', message: 'Access token is expired: x' }],
					},
				],
			},
		});
		expect(error.message).toContain('v2_token_expired: Access token is expired');
		expect(error.message).not.toContain('Authorization failed');
	});

	it('gives a readable message for an HTML 502 page', () => {
		const html =
			'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>';
		const error = answerError(node, request, { statusCode: 502, headers: {}, body: html });
		expect(error.message).toBe(
			'CDEK answered HTTP 502 with an HTML page ("502 Bad Gateway") instead of JSON [item 3]',
		);
		expect(error.description).toContain('temporarily unavailable');
	});

	it('warns that a success with an unreadable body may have been applied', () => {
		const error = answerError(node, request, {
			statusCode: 202,
			headers: {},
			body: '{"entity":{"uu',
		});
		expect(error.message).toContain('a body that is not JSON');
		expect(error.description).toContain('may have been registered');
	});
});

describe('answerError: answers too large to read', () => {
	const download = {
		method: 'GET',
		url: 'https://api.cdek.ru/v2/print/barcodes/u.pdf',
		itemIndex: 0,
	};
	it('states the 20 MB a file may have, and that a read registered nothing', () => {
		const error = answerError(node, download, {
			statusCode: 200,
			headers: {},
			body: undefined,
			tooLarge: true,
			sizeLimit: 20 * 1024 * 1024,
			file: true,
		});
		expect(error.message).toBe(
			'CDEK answered HTTP 200 with more than 20 MB, more than the node reads from one file [item 1]',
		);
		expect(error.description).toContain('Nothing was registered: this was a read (GET)');
		expect(error.description).not.toContain('may have been registered');
	});

	it('states the 2 MB of an API answer; only a request that changes something may have been registered', () => {
		const answer = { statusCode: 200, headers: {}, body: undefined, tooLarge: true };
		const read = answerError(node, { ...request, method: 'GET' }, answer);
		expect(read.message).toBe(
			'CDEK answered HTTP 200 with more than 2 MB, more than the node reads from one answer [item 3]',
		);
		expect(read.description).toContain('Nothing was registered');
		const write = answerError(node, request, answer);
		expect(write.description).toContain('The request may have been registered');
		const harmless = answerError(node, { ...request, method: 'DELETE', idempotent: true }, answer);
		expect(harmless.description).toContain('sending it again does no harm');
		expect(harmless.description).not.toContain('may have been registered');
	});

	it('says a read with a body that is not JSON registered nothing', () => {
		const error = answerError(
			node,
			{ ...request, method: 'GET' },
			{ statusCode: 200, headers: {}, body: '{"entity":{"uu' },
		);
		expect(error.description).toContain('Nothing was registered');
		expect(error.description).not.toContain('may have been registered');
	});
});

describe('noAnswerError', () => {
	it('names a timeout with the configured limit', () => {
		const error = noAnswerError(
			node,
			request,
			{ code: 'ECONNABORTED', message: 'timeout of 50ms exceeded' },
			50,
		);
		expect(error.message).toBe('CDEK did not answer within 50 ms [item 3]');
		expect(error.description).toContain('look the order up before sending it again');
	});

	it('keeps the raw network code out of the message so n8n does not replace it', () => {
		const error = noAnswerError(
			node,
			request,
			{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
			1000,
		);
		expect(error.message).toBe('CDEK refused the connection [item 3]');
		expect(error.description).toContain('ECONNREFUSED');
	});

	it('names the host it tried and points at the Proxy field when the host name is unknown', () => {
		const error = noAnswerError(
			node,
			{ ...request, url: 'https://api.cdek.ru/v2/orders/x' },
			{ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.cdek.ru' },
			1000,
		);
		expect(error.message).toBe('The CDEK host name could not be resolved [item 3]');
		expect(error.description).toContain(
			"The host name api.cdek.ru could not be found. Check that the n8n server can reach api.cdek.ru (its internet connection, DNS, firewall). If it reaches the internet only through a proxy, enter the proxy in the credential's Proxy field",
		);
	});

	it('with a proxy, says the request went through it and which field to correct', () => {
		const error = noAnswerError(
			node,
			{ ...request, url: 'https://api.cdek.ru/v2/orders/x', proxy: 'proxy.example:3128' },
			{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
			1000,
		);
		expect(error.description).toContain(
			"Through the proxy proxy.example:3128, api.cdek.ru refused the connection. Check that the proxy is running and can reach api.cdek.ru, or correct the credential's Proxy field.",
		);
	});

	it('passes credential problems through with their own words', () => {
		const error = noAnswerError(
			node,
			request,
			{ message: 'CDEK rejected the Account and Secure Password (invalid_client, HTTP 401).' },
			1000,
		);
		expect(error.message).toBe(
			'CDEK rejected the Account and Secure Password (invalid_client, HTTP 401). [item 3]',
		);
	});
});
