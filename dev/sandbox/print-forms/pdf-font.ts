/**
 * The font the sandbox's PDFs embed so that Cyrillic city names print: Liberation Sans (SIL Open Font License 1.1),
 * the copy pdfjs-dist ships in `standard_fonts/` (a devDependency of this project).
 * A small TrueType reader gives what a PDF needs of it: glyph widths by character and the font's box and metrics.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PdfFont {
	/** The whole TrueType file, embedded as FontFile2. */
	file: Buffer;
	/** The advance width of a character in 1/1000 of the font size; undefined when the font has no glyph for it. */
	width(char: string): number | undefined;
	bbox: [number, number, number, number];
	ascent: number;
	descent: number;
	capHeight: number;
}

interface Table {
	offset: number;
	length: number;
}

function tables(file: Buffer): Map<string, Table> {
	const found = new Map<string, Table>();
	const count = file.readUInt16BE(4);
	for (let index = 0; index < count; index++) {
		const at = 12 + 16 * index;
		found.set(file.toString('latin1', at, at + 4), {
			offset: file.readUInt32BE(at + 8),
			length: file.readUInt32BE(at + 12),
		});
	}
	return found;
}

/** Glyph id by code point from the Windows Unicode BMP cmap (platform 3, encoding 1, format 4). */
function unicodeCmap(file: Buffer, cmap: Table): (code: number) => number {
	const subtables = file.readUInt16BE(cmap.offset + 2);
	let at: number | undefined;
	for (let index = 0; index < subtables; index++) {
		const entry = cmap.offset + 4 + 8 * index;
		if (file.readUInt16BE(entry) === 3 && file.readUInt16BE(entry + 2) === 1)
			at = cmap.offset + file.readUInt32BE(entry + 4);
	}
	if (at === undefined || file.readUInt16BE(at) !== 4)
		throw new Error('the font has no Unicode (3,1) format 4 cmap');
	const segments = file.readUInt16BE(at + 6) / 2;
	const ends = at + 14;
	const starts = ends + segments * 2 + 2;
	const deltas = starts + segments * 2;
	const rangeOffsets = deltas + segments * 2;
	return (code) => {
		for (let segment = 0; segment < segments; segment++) {
			if (file.readUInt16BE(ends + segment * 2) < code) continue;
			const start = file.readUInt16BE(starts + segment * 2);
			if (start > code) return 0;
			const delta = file.readInt16BE(deltas + segment * 2);
			const rangeAt = rangeOffsets + segment * 2;
			const rangeOffset = file.readUInt16BE(rangeAt);
			if (rangeOffset === 0) return (code + delta) & 0xffff;
			const glyph = file.readUInt16BE(rangeAt + rangeOffset + (code - start) * 2);
			return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
		}
		return 0;
	};
}

export function parseTrueType(file: Buffer): PdfFont {
	const table = tables(file);
	const need = (tag: string) => {
		const found = table.get(tag);
		if (!found) throw new Error(`the font has no ${tag} table`);
		return found;
	};
	const head = need('head').offset;
	const hhea = need('hhea').offset;
	const hmtx = need('hmtx').offset;
	const os2 = table.get('OS/2')?.offset;
	const unitsPerEm = file.readUInt16BE(head + 18);
	const scale = (value: number) => Math.round((value * 1000) / unitsPerEm);
	const metrics = file.readUInt16BE(hhea + 34);
	const glyphOf = unicodeCmap(file, need('cmap'));
	const ascent = scale(file.readInt16BE(hhea + 4));
	return {
		file,
		width(char) {
			const glyph = glyphOf(char.codePointAt(0) ?? 0);
			if (glyph === 0) return undefined;
			return scale(file.readUInt16BE(hmtx + 4 * Math.min(glyph, metrics - 1)));
		},
		bbox: [
			scale(file.readInt16BE(head + 36)),
			scale(file.readInt16BE(head + 38)),
			scale(file.readInt16BE(head + 40)),
			scale(file.readInt16BE(head + 42)),
		],
		ascent,
		descent: scale(file.readInt16BE(hhea + 6)),
		capHeight:
			os2 !== undefined && file.readUInt16BE(os2) >= 2 ? scale(file.readInt16BE(os2 + 88)) : ascent,
	};
}

let cached: PdfFont | null | undefined;

/** Liberation Sans from pdfjs-dist, read once; null when that package is not installed. */
export function sandboxFont(): PdfFont | null {
	if (cached !== undefined) return cached;
	try {
		const root = dirname(require.resolve('pdfjs-dist/package.json'));
		cached = parseTrueType(
			readFileSync(join(root, 'standard_fonts', 'LiberationSans-Regular.ttf')),
		);
	} catch {
		cached = null;
	}
	return cached;
}
