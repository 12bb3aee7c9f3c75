/**
 * Get Return Label PDF (node version 2): creates the print form, waits until it is READY, downloads the PDF with
 * the token from the API root only, and outputs the form's details with the PDF as binary data (n8n-core, sandbox).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import {
	accountCredential,
	locator,
	runCdekV2,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import type { RunResult } from '../../../dev/n8n-core/runner';
import { readPdf } from '../../../dev/util/pdf-check';
import { until } from '../../../dev/util/until';

const fast = { pollInterval: 0.1, waitTimeout: 20 };
const pdfOf = (binary: IBinaryData) => Buffer.from(binary.data, 'base64');

/** A server that records every request it gets and answers 404: nothing may reach it. */
async function recorder(): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
	const hits: string[] = [];
	const server = http.createServer((req, res) => {
		hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? '(no token)'}`);
		res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		hits,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

/** A gateway in front of the sandbox that answers every PDF download with a redirect to `location`. */
async function redirectingGateway(
	target: string,
	location: string,
): Promise<{ root: string; close: () => Promise<void> }> {
	const upstream = new URL(target);
	const server = http.createServer((req, res) => {
		if (req.url?.endsWith('.pdf')) {
			res.writeHead(302, { location: `${location}${req.url}` }).end();
			return;
		}
		const forward = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: upstream.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		root: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

describe('Order → Get Return Label PDF (n8n-core, real HTTP, sandbox)', () => {
	const sandbox = useSandbox({ printReadyDelayMs: 20 });
	const run = async (
		parameters: IDataObject,
		extra: Partial<Parameters<typeof runCdekV2>[1]> = {},
	) =>
		await runCdekV2(
			{ operation: 'getLabel', ...parameters },
			{ credentials: accountCredential(sandbox()), ...extra },
		);

	it("prints the return's barcode label by the bought order's shop number: a PDF with one page per copy, named after the return's CDEK number", async () => {
		const { alreadyClientReturned: bought, alreadyClientReturnedReturn: delivered } =
			sandbox().seeds;
		const result = await run({
			order: locator('imNumber', bought.number),
			options: { ...fast, format: 'A6', copies: 2, language: 'ENG' },
		});
		expect(result.status).toBe('success');
		const [item] = result.output('CDEK');
		expect(item.pairedItem).toEqual({ item: 0 });
		const printFormUuid = item.json.printFormUuid as string;
		expect(item.json).toEqual({
			orderUuid: delivered.uuid,
			cdekNumber: delivered.cdek_number,
			number: delivered.number,
			labelType: 'barcode',
			printFormUuid,
			fileName: `cdek-label-${delivered.cdek_number}.pdf`,
			printForm: expect.objectContaining({
				uuid: printFormUuid,
				orders: [{ order_uuid: delivered.uuid }],
				copy_count: 2,
				format: 'A6',
				lang: 'ENG',
				url: `${sandbox().rootUrl}/print/barcodes/${printFormUuid}.pdf`,
			}),
		});
		const binary = item.binary!.data;
		expect(binary).toEqual(
			expect.objectContaining({
				mimeType: 'application/pdf',
				fileName: `cdek-label-${delivered.cdek_number}.pdf`,
				fileExtension: 'pdf',
			}),
		);
		const bytes = pdfOf(binary);
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
		const pdf = readPdf(bytes);
		expect(pdf.pages).toBeGreaterThanOrEqual(1 * 2);
		expect(pdf.text).toContain(`CDEK number: ${delivered.cdek_number}`);
		expect(pdf.text).toContain(`Shop order number: ${delivered.number}`);
		expect(bytes.toString('latin1')).toContain('/MediaBox [0 0 298 420]');

		const log = sandbox()
			.requestLog()
			.filter((entry) => entry.path !== '/v2/oauth/token');
		const print = log.find((entry) => entry.method === 'POST');
		expect(print?.path).toBe('/v2/print/barcodes');
		expect(print?.body).toEqual({
			orders: [{ order_uuid: delivered.uuid }],
			copy_count: 2,
			format: 'A6',
			lang: 'ENG',
		});
		const download = log.find((entry) => entry.path.endsWith('.pdf'));
		expect(download).toEqual(
			expect.objectContaining({
				method: 'GET',
				status: 200,
				path: `/v2/print/barcodes/${printFormUuid}.pdf`,
			}),
		);
		expect(download?.headers.authorization).toBe('Bearer ***');
		expect(log[0]).toEqual(
			expect.objectContaining({
				method: 'GET',
				path: '/v2/orders',
				query: { im_number: bought.number },
			}),
		);
		expect(log[1]).toEqual(
			expect.objectContaining({ method: 'GET', path: `/v2/orders/${delivered.uuid}` }),
		);
	});

	it("prints a return order's own waybill by its CDEK number with CDEK's two copies into the named binary field", async () => {
		const { alreadyRefusedReturn: delivered2 } = sandbox().seeds;
		const result = await run({
			order: locator('cdekNumber', delivered2.cdek_number!),
			labelType: 'waybill',
			options: { ...fast, binaryPropertyName: 'label', language: 'RUS' },
		});
		const [item] = result.output('CDEK');
		expect(item.json.fileName).toBe(`cdek-waybill-${delivered2.cdek_number}.pdf`);
		expect(Object.keys(item.binary ?? {})).toEqual(['label']);
		const pdf = readPdf(pdfOf(item.binary!.label));
		expect(pdf.pages).toBe(2);
		expect(pdf.text).toContain('CDEK waybill');
		expect(
			sandbox()
				.requestLog()
				.find((entry) => entry.method === 'POST' && entry.path !== '/v2/oauth/token'),
		).toEqual(
			expect.objectContaining({
				path: '/v2/print/orders',
				body: { orders: [{ order_uuid: delivered2.uuid }], type: 'tpl_russia' },
			}),
		);
	});

	it("prints the return's label, not the order's, for SHOP-1006 once its customer's return is registered", async () => {
		const { delivered2 } = sandbox().seeds;
		expect(delivered2.number).toBe('SHOP-1006');
		const credentials = accountCredential(sandbox());
		await runCdekV2(
			{
				operation: 'createClientReturn',
				order: locator('imNumber', delivered2.number),
				tariffCode: 136,
				waitForVerdict: true,
				...fast,
			},
			{ credentials },
		);
		const returnUuid = sandbox()
			.getOrder(delivered2.uuid)!
			.related_entities.find((entity) => entity.type === 'client_return_order')!.uuid;
		const returnOrder = sandbox().getOrder(returnUuid)!.entity;
		expect(returnOrder.cdek_number).toMatch(/^\d+$/);

		const result = await runCdekV2(
			{ operation: 'getLabel', order: locator('imNumber', delivered2.number), options: fast },
			{ credentials },
		);
		const [item] = result.output('CDEK');
		expect(item.json).toEqual(
			expect.objectContaining({
				orderUuid: returnUuid,
				cdekNumber: returnOrder.cdek_number,
				number: 'SHOP-1006-CR',
				fileName: `cdek-label-${returnOrder.cdek_number}.pdf`,
			}),
		);
		const pdf = readPdf(pdfOf(item.binary!.data));
		expect(pdf.text).toContain(`CDEK number: ${returnOrder.cdek_number}`);
		expect(pdf.text).not.toContain(delivered2.cdek_number);
		expect(
			sandbox()
				.requestLog()
				.find((entry) => entry.path === '/v2/print/barcodes')?.body,
		).toEqual(expect.objectContaining({ orders: [{ order_uuid: returnUuid }] }));
	});

	it('prints nothing for an order without a return: the item fails, naming the operations that register one', async () => {
		const { delivered, alreadyClientReturned } = sandbox().seeds;
		const result = await run(
			{ order: '={{ $json.order }}', options: fast },
			{
				input: [
					{ order: locator('imNumber', delivered.number) },
					{ order: locator('imNumber', alreadyClientReturned.number) },
				],
				node: { continueOnFail: true },
			},
		);
		const [failed, printed] = result.output('CDEK');
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(failed.binary).toBeUndefined();
		expect(failed.json).toEqual({
			error: `No return registered for shop order number ${delivered.number} yet, so there is no return label to print [item 1]`,
			details: expect.objectContaining({
				description: expect.stringContaining(
					'Nothing was printed. Register the return first: "Return a Delivered Order" for a delivered order, or "Cancel or Return (Auto)"',
				),
			}),
		});
		expect(printed.pairedItem).toEqual({ item: 1 });
		expect(printed.binary?.data.mimeType).toBe('application/pdf');
		const prints = sandbox()
			.requestLog()
			.filter((entry) => entry.path === '/v2/print/barcodes');
		expect(prints.map((entry) => entry.body)).toEqual([
			expect.objectContaining({
				orders: [{ order_uuid: sandbox().seeds.alreadyClientReturnedReturn.uuid }],
			}),
		]);
	});

	it('prints the return label of a fresh client return, waiting while CDEK has not numbered the return order (v2_entity_not_ready)', async () => {
		sandbox().configure({ returnNumberDelayMs: -1 });
		const { delivered } = sandbox().seeds;
		const credentials = accountCredential(sandbox());
		const returned = await runCdekV2(
			{
				operation: 'createClientReturn',
				order: locator('imNumber', delivered.number),
				tariffCode: 136,
				waitForVerdict: true,
				...fast,
			},
			{ credentials },
		);
		const returnOrderUuid = (returned.output('CDEK')[0].json.result as IDataObject)
			.returnOrderUuid as string;
		expect(sandbox().getOrder(returnOrderUuid)?.entity.cdek_number).toBeUndefined();

		const labelRun = runCdekV2(
			{ operation: 'getLabel', order: locator('uuid', returnOrderUuid), options: fast },
			{ credentials },
		);
		await until(
			'a print request answered v2_entity_not_ready',
			async () =>
				sandbox()
					.requestLog()
					.some((entry) => entry.path === '/v2/print/barcodes' && entry.status === 400)
					? true
					: undefined,
			15000,
			20,
		);
		sandbox().settlePending();
		const result: RunResult = await labelRun;
		const [item] = result.output('CDEK');
		const returnOrder = sandbox().getOrder(returnOrderUuid)!.entity;
		expect(returnOrder.cdek_number).toMatch(/^\d+$/);
		expect(item.json).toEqual(
			expect.objectContaining({
				orderUuid: returnOrderUuid,
				cdekNumber: returnOrder.cdek_number,
				number: `${delivered.number}-CR`,
				fileName: `cdek-label-${returnOrder.cdek_number}.pdf`,
			}),
		);
		const pdf = readPdf(pdfOf(item.binary!.data));
		expect(pdf.text).toContain(`CDEK number: ${returnOrder.cdek_number}`);
		expect(pdf.text).toContain(`Shop order number: ${delivered.number}-CR`);
		const prints = sandbox()
			.requestLog()
			.filter((entry) => entry.path === '/v2/print/barcodes')
			.map((entry) => entry.status);
		expect(prints.at(-1)).toBe(202);
		expect(prints.slice(0, -1).every((status) => status === 400)).toBe(true);
	});

	it('says "still processing" at the time limit instead of failing: the form is not ready, or the order has no number yet', async () => {
		sandbox().configure({ printReadyDelayMs: -1, returnNumberDelayMs: -1 });
		const { alreadyClientReturnedReturn: delivered, delivered2 } = sandbox().seeds;
		const credentials = accountCredential(sandbox());
		const slow = await runCdekV2(
			{
				operation: 'getLabel',
				order: locator('uuid', delivered.uuid),
				options: { pollInterval: 0.2, waitTimeout: 1 },
			},
			{ credentials },
		);
		expect(slow.status).toBe('success');
		const [item] = slow.output('CDEK');
		expect(item.binary).toBeUndefined();
		expect(item.json).toEqual(
			expect.objectContaining({
				orderUuid: delivered.uuid,
				printFormUuid: expect.any(String),
				stillProcessing: true,
				status: 'ACCEPTED',
				message: expect.stringContaining(
					'CDEK has not finished the barcode label within 1 s (status ACCEPTED)',
				),
			}),
		);

		await runCdekV2(
			{
				operation: 'createClientReturn',
				order: locator('uuid', delivered2.uuid),
				tariffCode: 136,
			},
			{ credentials },
		);
		sandbox().settlePending();
		const returnOrderUuid = sandbox()
			.getOrder(delivered2.uuid)!
			.related_entities.find((entity) => entity.type === 'client_return_order')!.uuid;
		const unnumbered = await runCdekV2(
			{
				operation: 'getLabel',
				order: locator('uuid', returnOrderUuid),
				options: { pollInterval: 0.2, waitTimeout: 1 },
			},
			{ credentials },
		);
		expect(unnumbered.output('CDEK')[0].json).toEqual(
			expect.objectContaining({
				orderUuid: returnOrderUuid,
				cdekNumber: null,
				printFormUuid: null,
				stillProcessing: true,
				status: 'ORDER_NOT_NUMBERED',
				message: expect.stringContaining('v2_entity_not_ready'),
			}),
		);
	});

	it("fails the item with CDEK's code when the print form ends INVALID (matched with or without v2_)", async () => {
		const { alreadyRefusedReturn: invalid, alreadyClientReturnedReturn: delivered } =
			sandbox().seeds;
		sandbox().setStatus(invalid.uuid, 'REMOVED');
		const result = await run(
			{ order: '={{ $json.order }}', options: fast },
			{
				input: [
					{ order: locator('uuid', invalid.uuid) },
					{ order: locator('uuid', delivered.uuid) },
				],
				node: { continueOnFail: true },
			},
		);
		const [failed, printed] = result.output('CDEK');
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(failed.json).toEqual({
			error:
				'CDEK rejected the barcode label: v2_orders_number_is_empty: Entity is empty. All orders are incorrect [item 1]',
			details: expect.objectContaining({
				description: expect.stringContaining('CDEK found no order it can print for'),
				cdekErrors: [
					{
						code: 'v2_orders_number_is_empty',
						message: 'Entity is empty. All orders are incorrect',
					},
				],
			}),
		});
		expect(printed.pairedItem).toEqual({ item: 1 });
		expect(printed.binary?.data.mimeType).toBe('application/pdf');
	});

	it('never sends the token to another origin: a url naming another host is not followed, the documented path is used', async () => {
		const other = await recorder();
		try {
			sandbox().configure({ printUrlBase: `${other.url}/v2` });
			const { alreadyClientReturnedReturn: delivered } = sandbox().seeds;
			const result = await run({ order: locator('uuid', delivered.uuid), options: fast });
			const [item] = result.output('CDEK');
			expect((item.json.printForm as IDataObject).url).toBe(
				`${other.url}/v2/print/barcodes/${item.json.printFormUuid}.pdf`,
			);
			expect(readPdf(pdfOf(item.binary!.data)).pages).toBe(1);
			expect(other.hits).toEqual([]);
			expect(
				sandbox()
					.requestLog()
					.filter((entry) => entry.path.endsWith('.pdf'))
					.map((entry) => entry.status),
			).toEqual([200]);
		} finally {
			await other.close();
		}
	});

	it('does not follow a redirect of the download: the item fails and the other host gets nothing', async () => {
		const other = await recorder();
		const gateway = await redirectingGateway(sandbox().url, other.url);
		try {
			const result = await runCdekV2(
				{
					operation: 'getLabel',
					order: locator('uuid', sandbox().seeds.alreadyClientReturnedReturn.uuid),
					options: { ...fast, retries: 0 },
				},
				{ credentials: accountCredential(sandbox(), { baseUrl: gateway.root }) },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/HTTP 302/);
			expect(other.hits).toEqual([]);
		} finally {
			await gateway.close();
			await other.close();
		}
	});

	it("retries a download CDEK's gateway failed, like any read", async () => {
		sandbox().injectFault({ kind: 'status', status: 503, body: 'html', path: '.pdf', count: 1 });
		const result = await run({
			order: locator('uuid', sandbox().seeds.alreadyClientReturnedReturn.uuid),
			options: fast,
		});
		expect(readPdf(pdfOf(result.output('CDEK')[0].binary!.data)).pages).toBe(1);
		expect(
			sandbox()
				.requestLog()
				.filter((entry) => entry.path.endsWith('.pdf'))
				.map((entry) => entry.status),
		).toEqual([503, 200]);
	});

	it.each([
		[
			'a binary field with a space',
			{
				order: locator('uuid', '0d515d31-391c-4144-8b49-2c24c5eff895'),
				options: { binaryPropertyName: 'my file' },
			},
			/^Put Output File in Field must be a field name/,
		],
		[
			'a poll interval of 0',
			{
				order: locator('uuid', '0d515d31-391c-4144-8b49-2c24c5eff895'),
				options: { pollInterval: 0 },
			},
			/^Poll Interval \(Seconds\) must be a number of seconds, at least 0.1/,
		],
		[
			'a CDEK number with letters from an expression',
			{ order: "={{ { __rl: true, mode: 'cdekNumber', value: 'x1' } }}" },
			/^Order \(CDEK No.\) must be/,
		],
		[
			'an unknown label type',
			{ order: locator('uuid', '0d515d31-391c-4144-8b49-2c24c5eff895'), labelType: 'sticker' },
			/^Label Type must be "barcode" or "waybill"/,
		],
	])('rejects %s before sending anything', async (_label, parameters, message) => {
		const result = await run(parameters);
		expect(result.error?.message).toMatch(message);
		expect(sandbox().requestLog()).toEqual([]);
	});

	it("is refused by n8n itself when a typed CDEK number has letters (the locator's own check)", async () => {
		await expect(run({ order: locator('cdekNumber', 'x1') })).rejects.toThrow(
			'A CDEK number has digits only',
		);
		expect(sandbox().requestLog()).toEqual([]);
	});
});
