/** `npm run sandbox`: argument parsing and a real start/stop of the CLI process. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from '../../dev/sandbox/cli-args';
import { request } from '../../dev/sandbox/http-client';
import { PATIENCE_MS } from '../../dev/util/until';

describe('parseArgs', () => {
	it('reads the documented flags in both "--flag value" and "--flag=value" forms', () => {
		expect(
			parseArgs([
				'--port',
				'8787',
				'--settle-delay=50',
				'--latency',
				'5',
				'--token-ttl',
				'60',
				'--host',
				'0.0.0.0',
				'--log',
			]),
		).toEqual({
			port: 8787,
			settleDelayMs: 50,
			latencyMs: 5,
			tokenTtlSeconds: 60,
			host: '0.0.0.0',
			accessLog: true,
		});
	});

	it('rejects unknown flags and non-numeric values', () => {
		expect(() => parseArgs(['--prot', '1'])).toThrow('Unknown option --prot');
		expect(() => parseArgs(['--port', 'abc'])).toThrow('--port must be an integer');
		expect(() => parseArgs(['--latency'])).toThrow('--latency needs a value');
	});
});

describe('CLI process', () => {
	it('prints the root URL, test keys and seeds, serves requests, and exits on SIGINT', async () => {
		const root = path.resolve(__dirname, '../..');
		const child = spawn(
			process.execPath,
			[
				'--require',
				require.resolve('tsx/cjs'),
				'scripts/sandbox.ts',
				'--port',
				'0',
				'--settle-delay',
				'10',
			],
			{
				cwd: root,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (out += chunk));
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code)),
		);
		try {
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`CLI did not start:\n${out}`)),
					PATIENCE_MS,
				);
				child.stdout.on('data', () => {
					if (out.includes('Press Ctrl-C')) {
						clearTimeout(timer);
						resolve();
					}
				});
			});
			const rootUrl = /API root \(credential baseUrl\): (\S+)/.exec(out)?.[1] as string;
			expect(rootUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
			expect(out).toContain('client_id:     wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP');
			expect(out).toMatch(
				/delivered\s+00d21d33-ea52-4b49-aac1-b24de9e55ea4\s+1109940745\s+SHOP-1005\s+DELIVERED/,
			);
			const token = await request(`${rootUrl}/oauth/token`, 'POST', {
				form: {
					grant_type: 'client_credentials',
					client_id: 'wqGwiQx0gg8mLtiEKsUinjVSICCjtTEP',
					client_secret: 'RmAmgvSgSl1yirlz9QupbzOJVqhCxcP5',
				},
			});
			expect(token.status).toBe(200);
		} finally {
			child.kill('SIGINT');
		}
		expect(await exited).toBe(0);
	});
});
