import { newestStatus } from '../../../nodes/Cdek/helpers/date-time';
import { filePath, printSettings } from '../../../nodes/Cdek/helpers/print-form';
import { isCode } from '../../../nodes/Cdek/transport/cdek-errors';

const form = '72753031-9cab-476e-b091-50d4c511afd2';

describe('filePath: the PDF is fetched from below the configured API root only', () => {
	it("follows CDEK's url when it lies below the root", () => {
		expect(
			filePath(
				'https://api.edu.cdek.ru/v2',
				`https://api.edu.cdek.ru/v2/print/barcodes/${form}.pdf`,
				'barcode',
				form,
			),
		).toBe(`/print/barcodes/${form}.pdf`);
		expect(
			filePath(
				'http://127.0.0.1:8787/v2/',
				`http://127.0.0.1:8787/v2/print/orders/x.pdf`,
				'waybill',
				form,
			),
		).toBe('/print/orders/x.pdf');
	});

	it.each([
		[
			'http:// where the root is https (measured in CDEK examples)',
			`http://api.cdek.ru/v2/print/barcodes/${form}.pdf`,
		],
		['another host', `https://evil.example/v2/print/barcodes/${form}.pdf`],
		['another port', `https://api.cdek.ru:8443/v2/print/barcodes/${form}.pdf`],
		[
			'a host that only starts like the root',
			`https://api.cdek.ru.evil.example/v2/print/barcodes/${form}.pdf`,
		],
		['a user in the url', `https://user@api.cdek.ru/v2/print/barcodes/${form}.pdf`],
		['a path outside /print', 'https://api.cdek.ru/v2/oauth/token'],
		['a path that climbs out of /print', 'https://api.cdek.ru/v2/print/../oauth/token'],
		['an encoded climb', 'https://api.cdek.ru/v2/print/%2e%2e/oauth/token'],
		['a query', `https://api.cdek.ru/v2/print/barcodes/${form}.pdf?to=evil`],
		['no url', undefined],
		['not a URL', 'print me'],
	])('builds the documented path for %s', (_label, url) => {
		expect(filePath('https://api.cdek.ru/v2', url, 'barcode', form)).toBe(
			`/print/barcodes/${form}.pdf`,
		);
	});
});

describe('printSettings', () => {
	it('sends copies, paper size and language as each form takes them (docs/reference/cdek-api.md §11)', () => {
		expect(printSettings('barcode', { copies: 2, format: 'A6', language: 'ENG' })).toEqual({
			copy_count: 2,
			format: 'A6',
			lang: 'ENG',
		});
		expect(printSettings('waybill', { copies: 3, format: 'A6', language: 'ENG' })).toEqual({
			copy_count: 3,
			type: 'tpl_english',
		});
		expect(printSettings('waybill', { language: 'RUS' })).toEqual({ type: 'tpl_russia' });
		expect(printSettings('barcode', {})).toEqual({});
	});
});

describe('isCode', () => {
	it('matches CDEK codes with or without the v2_ prefix', () => {
		expect(isCode('orders_number_is_empty', 'orders_number_is_empty')).toBe(true);
		expect(isCode('v2_orders_number_is_empty', 'orders_number_is_empty')).toBe(true);
		expect(isCode('orders_number_is_empty', 'v2_orders_number_is_empty')).toBe(true);
		expect(isCode('v2_entity_not_ready', 'entity_not_found')).toBe(false);
		expect(isCode('xv2_orders_number_is_empty', 'orders_number_is_empty')).toBe(false);
	});
});

describe("a print form's current status", () => {
	it('is the last listed on a tie: its statuses come oldest first, often within one second (docs/reference/cdek-api.md §11)', () => {
		const second = '2024-10-21T21:27:30+03:00';
		const statuses = [
			{ code: 'ACCEPTED', date_time: second },
			{ code: 'PROCESSING', date_time: second },
			{ code: 'READY', date_time: second },
		];
		expect(newestStatus(statuses, 'last')?.code).toBe('READY');
		expect(newestStatus(statuses)?.code).toBe('ACCEPTED');
		expect(
			newestStatus([{ code: 'READY', date_time: second }, { code: 'ACCEPTED' }], 'last')?.code,
		).toBe('READY');
		expect(
			newestStatus(
				[
					{ code: 'ACCEPTED', date_time: '2024-10-21T21:27:29+03:00' },
					{ code: 'READY', date_time: second },
					{ code: 'PROCESSING', date_time: '2024-10-21T21:27:29+03:00' },
				],
				'last',
			)?.code,
		).toBe('READY');
	});
});
