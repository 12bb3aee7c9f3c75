import {
	findChromium,
	findRedisServer,
	planSystemPackages,
	type Probe,
	type SystemFacts,
} from '../../../dev/util/system-packages';

const facts = (overrides: Partial<SystemFacts>): SystemFacts => ({
	missing: [],
	isRoot: false,
	hasAptGet: true,
	canSudo: false,
	...overrides,
});

const probe = (programs: string[], env: NodeJS.ProcessEnv = {}): Probe => ({
	env: { PATH: '/usr/local/bin:/usr/bin', ...env },
	isExecutable: (path) => programs.includes(path),
});

describe('planSystemPackages', () => {
	it('does nothing when every tool is found, root or not', () => {
		expect(planSystemPackages(facts({ isRoot: true }))).toEqual({ kind: 'ready' });
		expect(planSystemPackages(facts({ hasAptGet: false }))).toEqual({ kind: 'ready' });
	});

	it("installs Debian's packages through apt-get as root", () => {
		const plan = planSystemPackages(facts({ missing: ['chromium', 'redis-server'], isRoot: true }));
		expect(plan).toEqual({
			kind: 'install',
			packages: ['chromium', 'fonts-liberation', 'redis-server'],
			commands: [
				['apt-get', 'update', '-qq'],
				[
					'env',
					'DEBIAN_FRONTEND=noninteractive',
					'apt-get',
					'install',
					'-y',
					'-qq',
					'--no-install-recommends',
					'chromium',
					'fonts-liberation',
					'redis-server',
				],
			],
		});
	});

	it('installs only what is missing', () => {
		const plan = planSystemPackages(facts({ missing: ['redis-server'], isRoot: true }));
		expect(plan.kind === 'install' && plan.packages).toEqual(['redis-server']);
	});

	it('stops at once naming the one command when not root', () => {
		const plan = planSystemPackages(facts({ missing: ['chromium', 'redis-server'] }));
		expect(plan.kind).toBe('stop');
		const message = plan.kind === 'stop' ? plan.message : '';
		expect(message).toContain(
			'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-liberation redis-server',
		);
		expect(message).toContain('chromium (the browser tests)');
		expect(message).toContain('redis-server (the n8n queue-mode e2e test)');
		expect(message).toContain('CHROMIUM_PATH');
	});

	it('does not mention CHROMIUM_PATH when only redis-server is missing', () => {
		const plan = planSystemPackages(facts({ missing: ['redis-server'] }));
		const message = plan.kind === 'stop' ? plan.message : '';
		expect(message).toContain('--no-install-recommends redis-server');
		expect(message).not.toContain('CHROMIUM_PATH');
	});

	it('installs with sudo -n on a CI machine whose sudo needs no password', () => {
		const plan = planSystemPackages(facts({ missing: ['redis-server'], canSudo: true }));
		expect(plan.kind === 'install' && plan.commands).toEqual([
			['sudo', '-n', 'apt-get', 'update', '-qq'],
			[
				'sudo',
				'-n',
				'env',
				'DEBIAN_FRONTEND=noninteractive',
				'apt-get',
				'install',
				'-y',
				'-qq',
				'--no-install-recommends',
				'redis-server',
			],
		]);
	});

	it('stops on a system without apt-get, even as root', () => {
		const plan = planSystemPackages(
			facts({ missing: ['redis-server'], isRoot: true, hasAptGet: false }),
		);
		expect(plan.kind).toBe('stop');
		expect(plan.kind === 'stop' && plan.message).toContain("your system's package manager");
	});
});

describe('finding the tools', () => {
	it('takes CHROMIUM_PATH when it is a program', () => {
		const found = findChromium(
			probe(['/usr/bin/google-chrome', '/usr/bin/chromium'], {
				CHROMIUM_PATH: '/usr/bin/google-chrome',
			}),
		);
		expect(found).toBe('/usr/bin/google-chrome');
	});

	it("falls back to Debian's chromium, then to one on PATH, when CHROMIUM_PATH is not a program", () => {
		const env = { CHROMIUM_PATH: '/nowhere/chrome' };
		expect(findChromium(probe(['/usr/bin/chromium'], env))).toBe('/usr/bin/chromium');
		expect(findChromium(probe(['/usr/local/bin/chromium'], env))).toBe('/usr/local/bin/chromium');
		expect(findChromium(probe([], env))).toBeUndefined();
	});

	it('finds redis-server where the queue-mode test looks for it', () => {
		expect(findRedisServer(probe(['/usr/local/bin/redis-server']))).toBe(
			'/usr/local/bin/redis-server',
		);
		expect(findRedisServer(probe([]))).toBeUndefined();
	});
});
