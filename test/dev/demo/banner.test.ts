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
		expect(text).toContain(`Account (Client ID)              ${CDEK_PUBLIC_TEST_KEYS[0]}`);
		expect(text).toContain(`Secure Password (Client Secret)  ${CDEK_PUBLIC_TEST_KEYS[1]}`);
		expect(text).toContain("CDEK's public test account, not a secret");
		expect(text).not.toContain('****');
	});

	it("lists the shop's seeded orders with shop number, CDEK number, UUID and status, one line each", () => {
		const lines = banner().split('\n');
		const header = lines.findIndex((line) => line.includes('sandbox orders'));
		expect(lines[header]).toMatch(/shop number\s+CDEK number\s+UUID\s+status$/);
		const { inTransit, delivered, notDeliveredReturn } = sandbox.seeds;
		for (const seed of [inTransit, delivered]) {
			expect(lines).toContainEqual(
				expect.stringMatching(
					new RegExp(
						`^\\s+${seed.number}\\s+${seed.cdek_number}\\s+${seed.uuid}\\s+${seed.status}$`,
					),
				),
			);
		}
		// Return orders CDEK made are not the shop's to type in.
		expect(lines.some((line) => line.includes(notDeliveredReturn.uuid))).toBe(false);
	});

	it('shows the status an order has now, not the seeded one', async () => {
		const { inTransit } = sandbox.seeds;
		sandbox.setStatus(inTransit.uuid, 'DELIVERED');
		expect(banner()).toMatch(new RegExp(`${inTransit.uuid}\\s+DELIVERED`));
	});
});
