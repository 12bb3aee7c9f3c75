/** Print forms: barcode labels and waybills, their life cycle and the PDF (docs/reference/cdek-api.md §11). */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../../dev/sandbox';
import { CdekClient, DATE_TIME, request, useSandbox, waitFor } from '../../dev/sandbox/http-client';
import { readPdf } from '../../dev/util/pdf-check';

let sb: Sandbox;
let api: CdekClient;
useSandbox(
	(sandbox, client) => {
		sb = sandbox;
		api = client;
	},
	{ printReadyDelayMs: -1 },
	{ token: true },
);

const printBarcode = (body: unknown) => api.post('/print/barcodes', { body });
const formOf = async (kind: 'barcodes' | 'orders', uuid: string) =>
	(await api.get(`/print/${kind}/${uuid}`)).body;

async function downloadPdf(url: string, token: string | null) {
	const response = await fetch(url, {
		headers: token ? { authorization: `Bearer ${token}` } : {},
	});
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		bytes: Buffer.from(await response.arrayBuffer()),
	};
}

describe('life cycle', () => {
	it('accepts a barcode request (202), is READY with a url once processed, statuses oldest first', async () => {
		const { delivered } = sb.seeds;
		const created = await printBarcode({
			orders: [{ order_uuid: delivered.uuid }],
			format: 'A6',
			copy_count: 1,
			lang: 'RUS',
		});
		expect(created.status).toBe(202);
		expect(created.body).toEqual({
			entity: { uuid: expect.any(String) },
			requests: [
				{
					request_uuid: expect.any(String),
					type: 'CREATE',
					date_time: expect.stringMatching(DATE_TIME),
					state: 'ACCEPTED',
				},
			],
			related_entities: [],
		});
		const uuid = created.body.entity.uuid as string;

		const accepted = await formOf('barcodes', uuid);
		expect(accepted.entity.statuses.map((s: { code: string }) => s.code)).toEqual(['ACCEPTED']);
		expect(accepted.entity).not.toHaveProperty('url');
		expect(accepted.requests[0].state).toBe('ACCEPTED');

		expect(sb.settlePending()).toBe(1);
		const ready = await formOf('barcodes', uuid);
		expect(ready).toEqual({
			entity: {
				uuid,
				orders: [{ order_uuid: delivered.uuid }],
				copy_count: 1,
				format: 'A6',
				url: `${sb.rootUrl}/print/barcodes/${uuid}.pdf`,
				lang: 'RUS',
				statuses: [
					{ code: 'ACCEPTED', name: 'Принят', date_time: expect.stringMatching(DATE_TIME) },
					{ code: 'PROCESSING', name: 'Формируется', date_time: expect.stringMatching(DATE_TIME) },
					{ code: 'READY', name: 'Сформирован', date_time: expect.stringMatching(DATE_TIME) },
				],
			},
			requests: [expect.objectContaining({ type: 'CREATE', state: 'SUCCESSFUL' })],
			related_entities: [],
		});
		const order = (await api.get(`/orders/${delivered.uuid}`)).body;
		expect(order.related_entities).toContainEqual({
			type: 'barcode',
			uuid,
			url: ready.entity.url,
			create_time: expect.stringMatching(DATE_TIME),
		});
	});

	it('goes ACCEPTED → PROCESSING → READY by itself after printReadyDelayMs', async () => {
		sb.configure({ printReadyDelayMs: 40 });
		const created = await printBarcode({ orders: [{ order_uuid: sb.seeds.delivered.uuid }] });
		const uuid = created.body.entity.uuid as string;
		const ready = await waitFor(async () => {
			const form = await formOf('barcodes', uuid);
			return form.entity.url ? form : undefined;
		}, 'the print form to be READY');
		expect(ready.entity.statuses.map((s: { code: string }) => s.code)).toEqual([
			'ACCEPTED',
			'PROCESSING',
			'READY',
		]);
	});

	it('expires the link after printLinkTtlMs: REMOVED, no url, no file', async () => {
		sb.configure({ printLinkTtlMs: 30 });
		const { delivered } = sb.seeds;
		const uuid = (await printBarcode({ orders: [{ order_uuid: delivered.uuid }] })).body.entity
			.uuid as string;
		sb.settlePending();
		// Read at once, without HTTP: the link lives 30 ms, less than a request may take on a loaded machine.
		const url = sb.printForm(uuid)?.entity.url as string;
		expect(url).toMatch(/\.pdf$/);
		const removed = await waitFor(async () => {
			const form = await formOf('barcodes', uuid);
			return form.entity.statuses.at(-1).code === 'REMOVED' ? form : undefined;
		}, 'the print form to be REMOVED');
		expect(removed.entity).not.toHaveProperty('url');
		const file = await downloadPdf(url, await api.token());
		expect(file.status).toBe(404);
		expect(JSON.parse(file.bytes.toString()).errors[0].code).toBe(
			'v2_print_form_file_not_available',
		);
		const link = (await api.get(`/orders/${delivered.uuid}`)).body.related_entities.find(
			(entity: { uuid: string }) => entity.uuid === uuid,
		);
		expect(link).toEqual({ type: 'barcode', uuid, create_time: expect.any(String) });
	});

	it("names another API root in the url when printUrlBase is set (e.g. CDEK's http:// links)", async () => {
		sb.configure({ printUrlBase: 'http://api.cdek.ru/v2' });
		const uuid = (await printBarcode({ orders: [{ order_uuid: sb.seeds.delivered.uuid }] })).body
			.entity.uuid as string;
		sb.settlePending();
		expect((await formOf('barcodes', uuid)).entity.url).toBe(
			`http://api.cdek.ru/v2/print/barcodes/${uuid}.pdf`,
		);
	});
});

describe('the PDF', () => {
	it('needs the Bearer token and is a PDF with one page per order and copy, with the CDEK and shop numbers', async () => {
		const { delivered, delivered2, inTransit } = sb.seeds;
		const uuid = (
			await printBarcode({
				orders: [
					{ order_uuid: delivered.uuid },
					{ cdek_number: Number(delivered2.cdek_number) },
					{ cdek_number: inTransit.cdek_number },
				],
				copy_count: 2,
				format: 'A7',
			})
		).body.entity.uuid as string;
		sb.settlePending();
		const url = (await formOf('barcodes', uuid)).entity.url as string;

		const anonymous = await downloadPdf(url, null);
		expect(anonymous.status).toBe(401);
		expect(JSON.parse(anonymous.bytes.toString())).toEqual({
			error: 'unauthorized',
			error_description: 'Full authentication is required to access this resource',
		});

		const file = await downloadPdf(url, await api.token());
		expect(file.status).toBe(200);
		expect(file.type).toBe('application/pdf');
		expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(file.bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
		const pdf = readPdf(file.bytes);
		expect(pdf.pages).toBe(3 * 2);
		for (const seed of [delivered, delivered2, inTransit]) {
			expect(pdf.text).toContain(`CDEK number: ${seed.cdek_number}`);
			expect(pdf.text).toContain(`Shop order number: ${seed.number}`);
		}
		expect(file.bytes.toString('latin1')).toContain('/MediaBox [0 0 210 298]');
	});

	it.each(['A7', 'A6', 'A4'])(
		'prints Cyrillic city names and every line whole on %s: each line fits the page, the last one too',
		async (format) => {
			const { delivered2 } = sb.seeds;
			const uuid = (await printBarcode({ orders: [{ order_uuid: delivered2.uuid }], format })).body
				.entity.uuid as string;
			sb.settlePending();
			const url = (await formOf('barcodes', uuid)).entity.url as string;
			const bytes = (await downloadPdf(url, await api.token())).bytes;
			const pdf = readPdf(bytes);
			expect(pdf.text).toContain('From: Москва');
			expect(pdf.text).toContain('To: Санкт-Петербург');
			expect(pdf.text).not.toContain('?');
			expect(pdf.text.split('\n').slice(-2)).toEqual([`Print form ${uuid}`, 'CDEK sandbox']);

			// Every line, measured with the widths the file gives its font, ends inside the page.
			const file = bytes.toString('latin1');
			const [pageWidth] = /\/MediaBox \[0 0 (\d+) (\d+)\]/.exec(file)!.slice(1).map(Number);
			const widths = /\/FirstChar 32 \/LastChar \d+ \/Widths \[([\d ]+)\]/
				.exec(file)![1]
				.split(' ')
				.map(Number);
			const content = /stream\n(BT\n[\s\S]*?\nET)\n/.exec(file)![1];
			const size = Number(/\/F1 ([\d.]+) Tf/.exec(content)![1]);
			const left = Number(/\n(\d+) [\d.]+ Td/.exec(content)![1]);
			const lines = [...content.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((match) =>
				match[1].replace(/\\(.)/g, '$1'),
			);
			expect(lines.length).toBe(9);
			for (const line of lines) {
				const advance = [...line].reduce((sum, char) => sum + widths[char.charCodeAt(0) - 32], 0);
				expect(left + (advance * size) / 1000).toBeLessThanOrEqual(pageWidth);
			}
		},
	);

	it("is a waybill with CDEK's default of two copies from POST /print/orders, orders given as one object", async () => {
		const { delivered } = sb.seeds;
		const created = await api.post('/print/orders', {
			body: { orders: { cdek_number: delivered.cdek_number } },
		});
		expect(created.status).toBe(202);
		const uuid = created.body.entity.uuid as string;
		sb.settlePending();
		const form = await formOf('orders', uuid);
		expect(form.entity).toEqual(
			expect.objectContaining({
				orders: [{ cdek_number: delivered.cdek_number }],
				copy_count: 2,
				type: 'tpl_russia',
				url: `${sb.rootUrl}/print/orders/${uuid}.pdf`,
			}),
		);
		expect(form.entity).not.toHaveProperty('format');
		const pdf = readPdf((await downloadPdf(form.entity.url, await api.token())).bytes);
		expect(pdf.pages).toBe(2);
		expect(pdf.text).toContain('CDEK waybill');
		expect((await api.get(`/print/barcodes/${uuid}`)).status).toBe(404);
	});

	it('lets faults apply to the download', async () => {
		const uuid = (await printBarcode({ orders: [{ order_uuid: sb.seeds.delivered.uuid }] })).body
			.entity.uuid as string;
		sb.settlePending();
		const url = (await formOf('barcodes', uuid)).entity.url as string;
		sb.injectFault({ kind: 'status', status: 503, body: 'html', path: '.pdf' });
		expect((await downloadPdf(url, await api.token())).status).toBe(503);
		sb.injectFault({ kind: 'malformed-json', path: '.pdf' });
		const cut = await downloadPdf(url, await api.token());
		expect(cut.status).toBe(200);
		expect(() => readPdf(cut.bytes)).toThrow(/Not a valid PDF/);
		expect(readPdf((await downloadPdf(url, await api.token())).bytes).pages).toBe(1);
	});
});

describe('orders that cannot be printed', () => {
	it('ends INVALID with the measured v2_orders_number_is_empty when no order can be printed', async () => {
		const { invalid } = sb.seeds;
		const uuid = (await printBarcode({ orders: [{ order_uuid: invalid.uuid }] })).body.entity
			.uuid as string;
		sb.settlePending();
		const form = await formOf('barcodes', uuid);
		expect(form.entity.statuses.map((s: { code: string }) => s.code)).toEqual([
			'ACCEPTED',
			'PROCESSING',
			'INVALID',
		]);
		expect(form.entity).not.toHaveProperty('url');
		expect(form.requests[0]).toEqual(
			expect.objectContaining({
				state: 'INVALID',
				errors: [
					{
						code: 'v2_orders_number_is_empty',
						additional_code: '0x1E0EBE20',
						message: 'Entity is empty. All orders are incorrect',
					},
				],
				warnings: [{ code: 'v2_order_invalid', message: `Order is invalid ${invalid.uuid}` }],
			}),
		);
		const file = await downloadPdf(`${sb.rootUrl}/print/barcodes/${uuid}.pdf`, await api.token());
		expect(file.status).toBe(404);
	});

	it('prints the valid orders of a mixed request and warns about the others', async () => {
		const { delivered, removed } = sb.seeds;
		const unknown = '11111111-2222-4333-8444-555555555555';
		const uuid = (
			await printBarcode({
				orders: [
					{ order_uuid: delivered.uuid },
					{ order_uuid: removed.uuid },
					{ order_uuid: unknown },
				],
			})
		).body.entity.uuid as string;
		sb.settlePending();
		const form = await formOf('barcodes', uuid);
		expect(form.requests[0].state).toBe('SUCCESSFUL');
		expect(form.requests[0].warnings.map((w: { message: string }) => w.message)).toEqual([
			`Order is invalid ${removed.uuid}`,
			`Order is invalid ${unknown}`,
		]);
		expect(readPdf((await downloadPdf(form.entity.url, await api.token())).bytes).pages).toBe(1);
	});

	it('refuses orders without a CDEK number yet (v2_entity_not_ready) until CDEK numbered them', async () => {
		sb.configure({ returnNumberDelayMs: -1 });
		const { delivered } = sb.seeds;
		await api.post(`/orders/${delivered.uuid}/clientReturn`, { body: { tariff_code: 136 } });
		sb.settlePending();
		const returnUuid = (await api.get(`/orders/${delivered.uuid}`)).body.related_entities.find(
			(entity: { type: string }) => entity.type === 'client_return_order',
		).uuid as string;
		const fresh = (await api.get(`/orders/${returnUuid}`)).body.entity;
		expect(fresh).not.toHaveProperty('cdek_number');
		expect(fresh.statuses[0].code).toBe('ACCEPTED');

		const early = await printBarcode({ orders: [{ order_uuid: returnUuid }] });
		expect([early.status, early.body]).toEqual([
			400,
			{ errors: [{ code: 'v2_entity_not_ready', message: 'v2_entity_not_ready' }], warnings: [] },
		]);
		expect(sb.settlePending()).toBe(1);
		const numbered = (await api.get(`/orders/${returnUuid}`)).body.entity;
		expect(numbered.cdek_number).toMatch(/^\d+$/);
		expect(numbered.statuses[0].code).toBe('CREATED');
		expect((await printBarcode({ orders: [{ order_uuid: returnUuid }] })).status).toBe(202);
	});
});

describe('request validation (simplified envelope, nothing created)', () => {
	type Order = { order_uuid: string };
	it.each<[string, (order: Order) => unknown, string]>([
		['broken JSON', () => '{"orders":', 'v2_bad_request'],
		['no orders', () => ({}), 'v2_field_is_empty'],
		['empty orders', () => ({ orders: [] }), 'v2_field_is_empty'],
		['an order without uuid or number', () => ({ orders: [{}] }), 'v2_order_number_empty'],
		['a malformed uuid', () => ({ orders: [{ order_uuid: 'nope' }] }), 'v2_invalid_format'],
		[
			'a CDEK number with letters',
			() => ({ orders: [{ cdek_number: '12a' }] }),
			'v2_invalid_format',
		],
		['format A3', (order) => ({ orders: [order], format: 'A3' }), 'v2_invalid_format'],
		['lang DEU', (order) => ({ orders: [order], lang: 'DEU' }), 'v2_invalid_format'],
		['zero copies', (order) => ({ orders: [order], copy_count: 0 }), 'v2_invalid_value_type'],
		[
			'101 orders',
			(order) => ({ orders: Array.from({ length: 101 }, () => order) }),
			'v2_print_orders_limit',
		],
	])('%s → 400 %s', async (_label, body, code) => {
		const reply = await printBarcode(body({ order_uuid: sb.seeds.delivered.uuid }));
		expect(reply.status).toBe(400);
		expect(reply.body.errors[0].code).toBe(code);
		expect(sb.counters().requestsByRoute['POST /v2/print/barcodes']).toBe(1);
		const printed = (await request(`${sb.controlUrl}/print-forms`, 'GET')).body;
		expect(printed).toEqual([]);
	});

	it('accepts 100 orders in one request', async () => {
		const orders = sb.addOrders(100, 'DELIVERED').map((o) => ({ order_uuid: o.uuid }));
		expect((await printBarcode({ orders })).status).toBe(202);
	});

	it('answers an unknown print form with v2_entity_not_found', async () => {
		const reply = await api.get('/print/barcodes/11111111-2222-4333-8444-555555555555');
		expect(reply.status).toBe(404);
		expect(reply.body.requests[0].errors[0].code).toBe('v2_entity_not_found');
	});
});

describe('PRINT_FORM webhook', () => {
	it('delivers the print form uuid, type and url (no order) once READY', async () => {
		const received: unknown[] = [];
		const receiver = http.createServer((req, res) => {
			let raw = '';
			req.on('data', (chunk) => (raw += chunk));
			req.on('end', () => {
				received.push(JSON.parse(raw));
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			await api.post('/webhooks', { body: { type: 'PRINT_FORM', url } });
			const uuid = (await printBarcode({ orders: [{ order_uuid: sb.seeds.delivered.uuid }] })).body
				.entity.uuid as string;
			sb.settlePending();
			await waitFor(() => received.length === 1, 'the PRINT_FORM delivery');
			expect(received[0]).toEqual({
				type: 'PRINT_FORM',
				date_time: expect.stringMatching(DATE_TIME),
				uuid,
				attributes: { type: 'BARCODE', url: `${sb.rootUrl}/print/barcodes/${uuid}.pdf` },
			});
			expect(sb.webhookDeliveries()[0]).toEqual(
				expect.objectContaining({ type: 'PRINT_FORM', print_form_uuid: uuid }),
			);
		} finally {
			receiver.closeAllConnections();
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});
