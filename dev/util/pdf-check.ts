/**
 * Reads a PDF the way a reader starts to: the header, the end marker, `startxref`, the cross-reference table (every
 * entry must point at its object), the trailer's catalog and page tree. Returns the page count and the text shown
 * with `Tj` (uncompressed content streams, as the sandbox writes them), its byte codes turned into characters by the
 * font's uncompressed `/ToUnicode` map where it has one (Cyrillic letters); throws with the reason for a broken file.
 */
export interface PdfSummary {
	version: string;
	/** `/Count` of the page tree, checked against the page objects. */
	pages: number;
	/** The literal strings of every `Tj` in the pages' content streams, page by page, joined by new lines. */
	text: string;
}

function fail(reason: string): never {
	throw new Error(`Not a valid PDF: ${reason}`);
}

function objectBody(file: string, offsets: Map<number, number>, id: number): string {
	const offset = offsets.get(id);
	if (offset === undefined) fail(`object ${id} is not in the cross-reference table`);
	const end = file.indexOf('endobj', offset);
	return file.slice(offset, end);
}

const reference = (body: string, key: string): number | undefined => {
	const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(body);
	return match ? Number(match[1]) : undefined;
};

/** The `bfchar` entries of every ToUnicode CMap in the file: byte code → text. */
function toUnicodeMap(file: string): Map<number, string> {
	const map = new Map<number, string>();
	for (const block of file.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
		for (const [, code, target] of block[1].matchAll(/<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,})>/g))
			map.set(
				parseInt(code, 16),
				String.fromCodePoint(...(target.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16))),
			);
	return map;
}

export function readPdf(buffer: Buffer | Uint8Array): PdfSummary {
	const file = Buffer.from(buffer).toString('latin1');
	const header = /^%PDF-(\d\.\d)/.exec(file);
	if (!header) fail('no %PDF- header');
	if (!/%%EOF\s*$/.test(file)) fail('no %%EOF at the end');
	const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(file);
	if (!startxref) fail('no startxref before %%EOF');
	const xrefAt = Number(startxref[1]);
	if (file.slice(xrefAt, xrefAt + 4) !== 'xref')
		fail(`startxref ${xrefAt} does not point at "xref"`);
	const table = /^xref\s+(\d+)\s+(\d+)\s+/.exec(file.slice(xrefAt));
	if (!table) fail('unreadable xref section header');
	const [first, count] = [Number(table[1]), Number(table[2])];
	const entries = file.slice(xrefAt + table[0].length).split(/\r?\n/);
	const offsets = new Map<number, number>();
	for (let index = 0; index < count; index++) {
		const entry = /^(\d{10}) (\d{5}) ([nf])\s*$/.exec(entries[index] ?? '');
		if (!entry) fail(`xref entry ${first + index} is malformed`);
		if (entry[3] !== 'n') continue;
		const id = first + index;
		const offset = Number(entry[1]);
		if (!file.startsWith(`${id} 0 obj`, offset))
			fail(`xref entry ${id} points at byte ${offset}, where object ${id} does not start`);
		offsets.set(id, offset);
	}
	const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(file);
	if (!trailer) fail('no trailer');
	const rootId = reference(trailer[1], 'Root');
	if (rootId === undefined) fail('the trailer has no /Root');
	const pagesId = reference(objectBody(file, offsets, rootId), 'Pages');
	if (pagesId === undefined) fail('the catalog has no /Pages');
	const tree = objectBody(file, offsets, pagesId);
	const declared = Number(/\/Count\s+(\d+)/.exec(tree)?.[1] ?? NaN);
	const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(tree)?.[1] ?? '').matchAll(/(\d+)\s+0\s+R/g)].map(
		(match) => Number(match[1]),
	);
	if (!(declared >= 0) || kids.length !== declared)
		fail(`the page tree counts ${declared} pages but lists ${kids.length}`);
	const contents: string[] = [];
	for (const kid of kids) {
		const page = objectBody(file, offsets, kid);
		if (!/\/Type\s*\/Page\b(?!s)/.test(page)) fail(`page ${kid} is not a /Page object`);
		const contentsId = reference(page, 'Contents');
		if (contentsId !== undefined) {
			const stream = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(
				objectBody(file, offsets, contentsId),
			);
			contents.push(stream?.[1] ?? '');
		}
	}
	const unicode = toUnicodeMap(file);
	const text = contents
		.flatMap((content) => [...content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)])
		.map((match) =>
			[...match[1].replace(/\\(.)/g, '$1')]
				.map((char) => unicode.get(char.charCodeAt(0)) ?? char)
				.join(''),
		)
		.join('\n');
	return { version: header[1], pages: declared, text };
}
