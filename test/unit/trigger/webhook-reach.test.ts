import { unreachableWebhookHost } from '../../../nodes/Cdek/trigger/webhook-reach';

describe('webhook URLs CDEK cannot reach from the internet', () => {
	it.each([
		['http://localhost:5678/webhook/abc/webhook', 'localhost'],
		['http://127.0.0.1:5678/webhook-test/abc/webhook', '127.0.0.1'],
		['http://192.168.1.20:5678/webhook/abc/webhook', '192.168.1.20'],
		['http://10.0.0.5/webhook/abc/webhook', '10.0.0.5'],
		['http://172.20.0.3:5678/webhook/abc/webhook', '172.20.0.3'],
		['http://169.254.10.1/webhook/abc/webhook', '169.254.10.1'],
		['http://[::1]:5678/webhook/abc/webhook', '[::1]'],
		['http://[fd00::1]/webhook/abc/webhook', '[fd00::1]'],
		['http://n8n:5678/webhook/abc/webhook', 'n8n'],
		['http://shop-n8n.local/webhook/abc/webhook', 'shop-n8n.local'],
	])('%s → %s', (url, host) => {
		expect(unreachableWebhookHost(url)).toBe(host);
	});

	it.each([
		'https://n8n.example.com/webhook/abc/webhook',
		'https://203.0.113.7/webhook/abc/webhook',
		'http://172.32.0.1/webhook/abc/webhook',
		'not a url',
	])('%s may be public', (url) => {
		expect(unreachableWebhookHost(url)).toBeUndefined();
	});
});
