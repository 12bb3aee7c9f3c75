/**
 * A small, valid PDF 1.4 writer for the sandbox's print forms: one page per label, Helvetica text and a strip of
 * bars, a cross-reference table with exact byte offsets, so that any PDF reader opens it.
 */

/** Page sizes in PDF points (1/72 inch) for CDEK's print formats (docs/reference/cdek-api.md §11). */
export const PAGE_SIZES: Record<string, [width: number, height: number]> = {
	A4: [595, 842],
	A5: [420, 595],
	A6: [298, 420],
	A7: [210, 298],
};

export interface PdfPage {
	/** Text lines, top to bottom; characters outside printable ASCII are shown as "?". */
	lines: string[];
	/** Digits drawn as a strip of bars under the text. */
	bars?: string;
}

/** Text as a PDF literal string: printable ASCII only, with (, ) and \ escaped. */
function literal(text: string): string {
	const ascii = text.replace(/[^\x20-\x7e]/g, '?');
	return `(${ascii.replace(/[\\()]/g, (char) => `\\${char}`)})`;
}

function pageContent(page: PdfPage, [width, height]: [number, number]): string {
	const size = Math.max(6, Math.round(width / 32));
	const margin = Math.round(width / 12);
	const ops: string[] = [
		'BT',
		`/F1 ${size} Tf`,
		`${size + 4} TL`,
		`${margin} ${height - margin} Td`,
	];
	for (const line of page.lines) ops.push(`${literal(line)} Tj`, 'T*');
	ops.push('ET');
	if (page.bars) {
		const top = height - margin - (page.lines.length + 2) * (size + 4);
		const barHeight = Math.round(height / 8);
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

/** The PDF file: catalog, page tree, one font, and a page plus content stream per entry of `pages`. */
export function buildPdf(pages: PdfPage[], format: string): Buffer {
	const size = PAGE_SIZES[format] ?? PAGE_SIZES.A4;
	const bodies: string[] = [];
	const pageIds = pages.map((_, index) => 4 + index * 2);
	bodies[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	bodies[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	bodies[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	pages.forEach((page, index) => {
		const id = pageIds[index];
		const content = pageContent(page, size);
		bodies[id] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size[0]} ${size[1]}] ` +
			`/Resources << /Font << /F1 3 0 R >> >> /Contents ${id + 1} 0 R >>`;
		bodies[id + 1] =
			`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
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
