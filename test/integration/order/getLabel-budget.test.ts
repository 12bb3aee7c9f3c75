/**
 * Get Return Label PDF with large files (n8n-core, sandbox behind a relay that answers every PDF download with a
 * file of its own): items in flight share one budget of bytes, so ten 19 MB PDFs are read a few at a time, every
 * item waiting for room rather than failing; a file over the 20 MB cap fails naming that cap, and says that the
 * download, a read, registered nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { accountCredential, runCdekV2, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { peakReadAtOnce, startHostileRelay } from '../../../dev/proxies/hostile-relay';
import type { HostileRelay, Hostility, SeenRequest } from '../../../dev/proxies/hostile-relay';

const MB = 1024 * 1024;
const fast = { pollInterval: 0.1, waitTimeout: 20 };
const locator = (uuid: string) => ({ __rl: true, mode: 'uuid', value: uuid });

describe('Get Return Label PDF: large files share a budget (n8n-core, sandbox behind a relay)', () => {
	const sandbox = useSandbox({ printReadyDelayMs: 20 });
	let relay: HostileRelay;
	let hostile: (seen: SeenRequest) => Hostility | undefined;
	beforeEach(async () => {
		hostile = () => undefined;
		relay = await startHostileRelay(sandbox().url, (seen) => hostile(seen));
	});
	afterEach(async () => await relay.close());

	const labels = async (uuids: string[], node: IDataObject = {}) =>
		await runCdekV2(
			{ operation: 'getLabel', order: '={{ $json.order }}', options: fast },
			{
				input: uuids.map((uuid) => ({ order: locator(uuid) })),
				credentials: accountCredential(sandbox(), { baseUrl: relay.rootUrl }),
				node,
			},
		);
	/** Delivered orders whose customers' returns are registered: the label printed is the return's. */
	const returnedOrders = async (count: number) => {
		const orders = sandbox().addOrders(count, 'DELIVERED');
		const returned = await runCdekV2(
			{
				operation: 'createClientReturn',
				order: '={{ $json.order }}',
				tariffCode: 136,
				waitForVerdict: true,
				...fast,
			},
			{
				input: orders.map((order) => ({ order: locator(order.uuid) })),
				credentials: accountCredential(sandbox()),
			},
		);
		expect(returned.status).toBe('success');
		return orders;
	};
	/** Every download gets a PDF of `bytes`; with `together`, only once that many downloads have arrived. */
	const pdfs = (bytes: number, declareLength = true, together = 1) => {
		let arrived = 0;
		let allHere: () => void = () => undefined;
		const when = new Promise<void>((resolve) => (allHere = resolve));
		hostile = (seen) => {
			if (!seen.url.endsWith('.pdf')) return undefined;
			if (++arrived >= together) allHere();
			return { kind: 'pdf', bytes, declareLength, when };
		};
	};

	it.each([
		['declared by Content-Length', true, 3],
		['sent without a length', false, 3],
	])(
		'ten 19 MB PDFs (%s): all ten arrive, at most three read at once',
		async (_how, declareLength, atOnce) => {
			// All ten downloads are answered at once: without a budget, all ten would be read at once.
			pdfs(19 * MB, declareLength, 10);
			const orders = await returnedOrders(10);
			const result = await labels(orders.map((order) => order.uuid));

			expect(result.status).toBe('success');
			const items = result.output('CDEK');
			expect(items).toHaveLength(10);
			for (const item of items) expect(item.binary?.data?.bytes).toBeGreaterThanOrEqual(19 * MB);
			expect(relay.answers.filter((answer) => answer.hostility === 'pdf')).toHaveLength(10);
			expect(peakReadAtOnce(relay.answers)).toBeLessThanOrEqual(atOnce);
			expect(peakReadAtOnce(relay.answers)).toBeGreaterThan(0);
		},
	);

	it.each([
		['declared by Content-Length', true],
		['sent without a length', false],
	])(
		'a 21 MB PDF (%s): an error naming the 20 MB cap, saying nothing was registered',
		async (_how, declareLength) => {
			pdfs(21 * MB, declareLength);
			const result = await labels([sandbox().seeds.alreadyClientReturned.uuid]);

			expect(result.error?.message).toBe(
				'CDEK answered HTTP 200 with more than 20 MB, more than the node reads from one file [item 1]',
			);
			expect(result.error?.description).toContain('Nothing was registered: this was a read (GET)');
			expect(result.error?.description).not.toContain('may have been registered');
		},
	);
});
