import { buildPdf } from '../../../dev/sandbox/print-forms/pdf';
import { readPdf } from '../../../dev/util/pdf-check';

describe('readPdf (the PDF check the label tests rely on)', () => {
	const pdf = buildPdf(
		[{ lines: ['CDEK number: 1109940745', 'a (quoted) \\ line'] }, { lines: [] }],
		'A6',
	);

	it('reads the page count and the text of a valid file', () => {
		expect(readPdf(pdf)).toEqual({
			version: '1.4',
			pages: 2,
			text: 'CDEK number: 1109940745\na (quoted) \\ line',
		});
	});

	it('reads Cyrillic text through the embedded font\'s ToUnicode map; without the font file it is "?"', () => {
		const lines = ['From: Москва', 'To: Санкт-Петербург, ул. Ёлочная'];
		const withFont = buildPdf([{ lines }], 'A6');
		expect(readPdf(withFont).text).toBe(lines.join('\n'));
		expect(withFont.toString('latin1')).toContain('/FontFile2');
		expect(readPdf(buildPdf([{ lines }], 'A6', null)).text).toBe(
			'From: ??????\nTo: ?????-?????????, ??. ???????',
		);
	});

	it('rejects a file whose cross-reference table points beside an object', () => {
		const text = pdf.toString('latin1');
		const shifted = text.replace(
			/^(\d{10}) 00000 n/m,
			(_, offset: string) => `${String(Number(offset) + 1).padStart(10, '0')} 00000 n`,
		);
		expect(() => readPdf(Buffer.from(shifted, 'latin1'))).toThrow(/xref entry 1 points at byte/);
	});

	it('rejects a cut file and one whose page tree lies about its count', () => {
		expect(() => readPdf(pdf.subarray(0, pdf.length / 2))).toThrow(/no %%EOF/);
		const lying = pdf.toString('latin1').replace('/Count 2', '/Count 3');
		expect(() => readPdf(Buffer.from(lying, 'latin1'))).toThrow(/counts 3 pages but lists 2/);
	});
});
