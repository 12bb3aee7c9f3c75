/**
 * A small, valid PDF 1.4 writer for the sandbox's print forms: one page per label, text and a strip of bars, a
 * cross-reference table with exact byte offsets, so that any PDF reader opens it. The text is set in an embedded
 * Liberation Sans (pdf-font.ts) with the Cyrillic letters it uses mapped into the upper byte codes, so city names
 * print as CDEK's labels show them; the size shrinks until the longest line fits the page's width.
 */
import { deflateSync } from 'node:zlib';

import { sandboxFont, type PdfFont } from './pdf-font';

/** Page sizes in PDF points (1/72 inch) for CDEK's print formats (docs/reference/cdek-api.md §11). */
export const PAGE_SIZES: Record<string, [width: number, height: number]> = {
	A4: [595, 842],
	A5: [420, 595],
	A6: [298, 420],
	A7: [210, 298],
};

export interface PdfPage {
	/** Text lines, top to bottom; characters the font has no glyph for are shown as "?". */
	lines: string[];
	/** Digits drawn as a strip of bars under the text. */
	bars?: string;
}

/** The advance width Helvetica-like fonts give an average character, for when no font file is embedded. */
const AVERAGE_WIDTH = 556;
const FIRST_EXTRA_CODE = 128;

/** How characters become single bytes: printable ASCII as is, other characters the font has at 128 and up. */
class TextEncoding {
	readonly extras: string[] = [];

	constructor(private readonly font: PdfFont | null) {}

	private code(char: string): number {
		if (/^[\x20-\x7e]$/.test(char)) return char.charCodeAt(0);
		if (!this.font?.width(char)) return 0x3f;
		let index = this.extras.indexOf(char);
		if (index < 0 && this.extras.length < 256 - FIRST_EXTRA_CODE) {
			this.extras.push(char);
			index = this.extras.length - 1;
		}
		return index < 0 ? 0x3f : FIRST_EXTRA_CODE + index;
	}

	bytes(text: string): number[] {
		return [...text].map((char) => this.code(char));
	}

	/** The width of a line at size 1 (in 1/1000 units). */
	measure(text: string): number {
		return [...text].reduce((sum, char) => sum + (this.font?.width(char) ?? AVERAGE_WIDTH), 0);
	}

	widthOfCode(code: number): number {
		const char =
			code < FIRST_EXTRA_CODE ? String.fromCharCode(code) : this.extras[code - FIRST_EXTRA_CODE];
		return (char ? this.font?.width(char) : undefined) ?? AVERAGE_WIDTH;
	}
}

/** Text as a PDF literal string of single-byte codes, with (, ) and \ escaped. */
function literal(codes: number[]): string {
	return `(${codes.map((code) => ([0x28, 0x29, 0x5c].includes(code) ? '\\' : '') + String.fromCharCode(code)).join('')})`;
}

function pageContent(
	page: PdfPage,
	[width, height]: [number, number],
	encoding: TextEncoding,
): string {
	const margin = Math.round(width / 12);
	const widest = Math.max(1, ...page.lines.map((line) => encoding.measure(line)));
	const barHeight = Math.round(height / 8);
	const rows = page.bars ? page.lines.length + 2 : page.lines.length;
	// As large as the format suggests, but no larger than the widest line and every line (and the bars) allow.
	const size = Math.max(
		4,
		Math.min(
			Math.max(6, Math.round(width / 32)),
			Math.floor(((width - 2 * margin) * 1000 * 10) / widest) / 10,
			Math.floor(((height - 2 * margin - (page.bars ? barHeight : 0)) / rows - 4) * 10) / 10,
		),
	);
	const ops: string[] = [
		'BT',
		`/F1 ${size} Tf`,
		`${size + 4} TL`,
		`${margin} ${height - margin - size} Td`,
	];
	for (const line of page.lines) ops.push(`${literal(encoding.bytes(line))} Tj`, 'T*');
	ops.push('ET');
	if (page.bars) {
		const top = height - margin - (page.lines.length + 2) * (size + 4);
		let x = margin;
		const unit = Math.max(1, (width - 2 * margin) / (page.bars.length * 12));
		for (const digit of page.bars) {
			const thick = (Number(digit) % 3) + 1;
			ops.push(`${x.toFixed(2)} ${top - barHeight} ${(thick * unit).toFixed(2)} ${barHeight} re f`);
			x += (thick + 2) * unit * 2;
		}
	}
	return ops.join('\n');
}

const hex = (value: number, digits: number) =>
	value.toString(16).toUpperCase().padStart(digits, '0');
const glyphName = (char: string) => `/uni${hex(char.codePointAt(0) ?? 0x3f, 4)}`;

/** Readers map the codes back to Unicode with this, for search, copy and text extraction. */
function toUnicodeCmap(extras: string[]): string {
	const chars = extras.map(
		(char, index) =>
			`<${hex(FIRST_EXTRA_CODE + index, 2)}> <${hex(char.codePointAt(0) ?? 0x3f, 4)}>`,
	);
	return [
		'/CIDInit /ProcSet findresource begin',
		'12 dict begin',
		'begincmap',
		'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
		'/CMapName /Adobe-Identity-UCS def',
		'/CMapType 2 def',
		'1 begincodespacerange',
		'<00> <FF>',
		'endcodespacerange',
		'1 beginbfrange',
		'<20> <7E> <0020>',
		'endbfrange',
		...(chars.length ? [`${chars.length} beginbfchar`, ...chars, 'endbfchar'] : []),
		'endcmap',
		'CMapName currentdict /CMap defineresource pop',
		'end',
		'end',
	].join('\n');
}

const stream = (dictionary: string, data: string) =>
	`<< ${dictionary}/Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

/** The font objects from id 3 on: the embedded TrueType font, or Helvetica when no font file is installed. */
function fontObjects(font: PdfFont | null, encoding: TextEncoding): string[] {
	if (!font)
		return ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
	const last = FIRST_EXTRA_CODE + encoding.extras.length - 1;
	const lastChar = Math.max(0x7e, last);
	const widths: number[] = [];
	for (let code = 0x20; code <= lastChar; code++) widths.push(encoding.widthOfCode(code));
	const differences = encoding.extras.length
		? `/Differences [${FIRST_EXTRA_CODE} ${encoding.extras.map(glyphName).join(' ')}] `
		: '';
	const packed = deflateSync(font.file).toString('latin1');
	return [
		`<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSans /FirstChar 32 /LastChar ${lastChar} ` +
			`/Widths [${widths.join(' ')}] ` +
			`/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding ${differences}>> ` +
			'/FontDescriptor 4 0 R /ToUnicode 5 0 R >>',
		`<< /Type /FontDescriptor /FontName /LiberationSans /Flags 32 /FontBBox [${font.bbox.join(' ')}] ` +
			`/ItalicAngle 0 /Ascent ${font.ascent} /Descent ${font.descent} /CapHeight ${font.capHeight} ` +
			'/StemV 80 /FontFile2 6 0 R >>',
		stream('', toUnicodeCmap(encoding.extras)),
		stream(`/Filter /FlateDecode /Length1 ${font.file.length} `, packed),
	];
}

/** The PDF file: catalog, page tree, the font, and a page plus content stream per entry of `pages`. */
export function buildPdf(pages: PdfPage[], format: string, font = sandboxFont()): Buffer {
	const size = PAGE_SIZES[format] ?? PAGE_SIZES.A4;
	const encoding = new TextEncoding(font);
	const contents = pages.map((page) => pageContent(page, size, encoding));
	const bodies: string[] = [];
	bodies[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	fontObjects(font, encoding).forEach((object, index) => (bodies[3 + index] = object));
	const firstPage = bodies.length;
	const pageIds = pages.map((_, index) => firstPage + index * 2);
	bodies[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	contents.forEach((content, index) => {
		const id = pageIds[index];
		bodies[id] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size[0]} ${size[1]}] ` +
			`/Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
		bodies[id + 1] = stream('', content);
	});

	// The second line's bytes above 127 tell readers the file is binary, as the PDF specification suggests.
	let file = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	for (let id = 1; id < bodies.length; id++) {
		offsets[id] = Buffer.byteLength(file, 'latin1');
		file += `${id} 0 obj\n${bodies[id]}\nendobj\n`;
	}
	const xref = Buffer.byteLength(file, 'latin1');
	file += `xref\n0 ${bodies.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < bodies.length; id++)
		file += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	file += `trailer\n<< /Size ${bodies.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(file, 'latin1');
}
