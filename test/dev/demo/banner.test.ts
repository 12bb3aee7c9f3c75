import { formatBanner } from '../../../dev/demo/banner';
import type { BannerInput } from '../../../dev/demo/banner';
import { startSandbox, type Sandbox } from '../../../dev/sandbox';
import { CDEK_PUBLIC_TEST_KEYS } from '../../../credentials/common/session-token';

describe("npm start's banner", () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: -1 });
	});
	afterAll(() => sandbox.stop());

	const input = (): BannerInput => ({
		editorUrl: 'http://127.0.0.1:5678',
		owner: { email: 'demo@n8n-nodes-cdek.local', password: 'pw' },
		credential: { name: 'CDEK Sandbox', ...sandbox.testKeys },
		returnWebhook: { header: 'X-Key', key: 'k', url: 'http://127.0.0.1:5678/webhook/x' },
		examples: [],
		orders: Object.values(sandbox.currentSeeds()),
		sandbox,
		stateDir: '/tmp/state',
		logFiles: [],
		readyInMs: 1000,
	});
	const banner = (): string => formatBanner(input());

	it("prints where MCP clients connect, with the token, and that the AI chat needs the user's own model key", () => {
		const text = formatBanner({
			...input(),
			mcp: { url: 'http://127.0.0.1:5678/mcp/cdek-returns', token: 'tok-123' },
		});
		expect(text).toContain('MCP server      http://127.0.0.1:5678/mcp/cdek-returns');
		expect(text).toContain('Authorization: Bearer tok-123');
		expect(text).toContain('needs your own model key');
		expect(banner()).not.toContain('MCP server');
	});

	it("prints CDEK's public test account in full and says it is public", () => {
		const text = banner();
		expect(sandbox.testKeys).toEqual({
			clientId: CDEK_PUBLIC_TEST_KEYS[0],
			clientSecret: CDEK_PUBLIC_TEST_KEYS[1],
		});
		expect(text).toContain(`Client ID (Account)              ${CDEK_PUBLIC_TEST_KEYS[0]}`);
		expect(text).toContain(`Client Secret (Secure Password)  ${CDEK_PUBLIC_TEST_KEYS[1]}`);
		expect(text).toContain("CDEK's public test account, not a secret");
		expect(text).not.toContain('****');
	});

	it("lists the shop's seeded orders with shop number, CDEK number, UUID and status, one line each", () => {
		const lines = banner().split('\n');
		const header = lines.findIndex((line) => line.includes('sandbox orders'));
		expect(lines[header]).toMatch(
			/shop number\s+CDEK number\s+UUID\s+status when started \(CDEK code\)$/,
		);
		const { inTransit, delivered, notDeliveredReturn, alreadyClientReturnedReturn } = sandbox.seeds;
		expect(lines).toContainEqual(
			expect.stringMatching(
				new RegExp(
					`^\\s+${delivered.number}\\s+${delivered.cdek_number}\\s+${delivered.uuid}\\s+Вручен \\(DELIVERED\\)$`,
				),
			),
		);
		expect(lines).toContainEqual(
			expect.stringMatching(new RegExp(`^\\s+${inTransit.number}\\s.*\\(${inTransit.status}\\)$`)),
		);
		// Return orders CDEK made, after a refusal or a customer's return, are not the shop's to type in.
		for (const ret of [notDeliveredReturn, alreadyClientReturnedReturn])
			expect(lines.some((line) => line.includes(ret.uuid))).toBe(false);
		expect(banner()).toContain(
			'the examples change them; control/info above shows each status now',
		);
	});

	it('shows the status an order has now, not the seeded one', async () => {
		const { inTransit } = sandbox.seeds;
		sandbox.setStatus(inTransit.uuid, 'DELIVERED');
		expect(banner()).toMatch(new RegExp(`${inTransit.uuid}\\s+Вручен \\(DELIVERED\\)`));
	});
});
