/**
 * CDEK sandbox: a local emulator of CDEK integration API v2 (docs/reference/cdek-api.md) plus a payment platform refund API,
 * for tests, e2e runs in real n8n, benchmarks and the demo. Node stdlib only.
 *
 *   const sandbox = await startSandbox({ settleDelayMs: 20 });
 *   // credential baseUrl = sandbox.rootUrl, keys = sandbox.testKeys, orders = sandbox.seeds.delivered.uuid …
 *   await sandbox.stop();
 */
import type { AddressInfo } from 'node:net';
import { TEST_KEYS } from './auth/auth';
import { SandboxCore } from './core';
import { createSandboxServer } from './server';
import type { Sandbox, SandboxOptions } from './common/types';

export * from './common/types';
export { TEST_KEYS } from './auth/auth';
export { SEED_NAMES } from './orders/seeds';
export { SPECIAL_PAYMENT_ORDERS, DEFAULT_PAYMENT_TOKEN } from './payment/payment';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const core = new SandboxCore(options);
	let url = '';
	const urls = () => ({
		url,
		rootUrl: `${url}/v2`,
		controlUrl: `${url}/_sandbox`,
		paymentUrl: `${url}/payment`,
	});
	const server = createSandboxServer(core, urls);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(core.options.port, core.options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const host = core.options.host.includes(':') ? `[${core.options.host}]` : core.options.host;
	url = `http://${host}:${port}`;

	let stopped: Promise<void> | undefined;
	const sandbox: Sandbox = {
		...urls(),
		get seeds() {
			return core.seeds;
		},
		currentSeeds: () => core.currentSeeds(),
		testKeys: { ...TEST_KEYS },
		counters: () => core.counters.snapshot(),
		requestLog: () => core.log.since(0),
		clearLog: () => core.log.clear(),
		reset: (opts) => core.reset(opts),
		injectFault: (f) => core.faults.add(f),
		injectRandomFaults: (spec) => core.faults.addRandom(spec),
		clearFaults: () => core.faults.clear(),
		heldRequests: () => core.holds.list(),
		releaseHeld: () => core.holds.release(),
		expireTokens: () => core.auth.expireAll(),
		setStatus: (uuid, code, reasonCode) => void core.setStatus(uuid, code, reasonCode),
		addOrders: (count, status, opts) => core.addOrders(count, status, opts),
		addOrder: (opts) => core.addOrder(opts),
		getOrder: (uuid) => core.order(uuid),
		settlePending: () => core.settlePending(),
		printForm: (uuid) => {
			const form = core.printForms.get(uuid);
			return form ? core.printForms.render(form) : undefined;
		},
		getIntake: (uuid) => {
			const record = core.intakes.get(uuid);
			return record
				? { entity: core.intakes.render(record), requests: record.requests.map((r) => ({ ...r })) }
				: undefined;
		},
		paymentRefunds: () => core.payment.list(),
		webhookDeliveries: () => core.webhooks.deliveries(),
		redeliverWebhook: (id) => void core.webhooks.redeliver(id),
		configure: (partial) => core.configure(partial),
		options: () => ({ ...core.options }),
		stop: () =>
			(stopped ??= new Promise<void>((resolve) => {
				core.stop();
				server.close(() => resolve());
				server.closeAllConnections();
			})),
	};
	return sandbox;
}
