/**
 * Finds text that names a place outside the repository: an absolute path under a machine's own folders, a
 * relative path that climbs out of the repository, or a `.md` file the repository does not have. A clone on
 * another machine has none of those, so a comment or a message that names one points nowhere.
 */
import { posix } from 'node:path';

export interface OutsidePath {
	file: string;
	line: number;
	text: string;
	why: string;
}

/** Absolute paths into folders that belong to one machine, never to a clone (URLs are not matched). */
const MACHINE_PATH =
	/(?<![\w.:/~-])\/(?:root|home|Users|work|mnt|srv|opt|var\/lib)(?:\/[\w.@-]+)+/g;
/** A relative path with at least one `..`; where it leads is decided against the file's own folder. */
const CLIMBING_PATH = /(?<![\w.-])(?:\.\.\/)+[\w.@-]*(?:\/[\w.@-]+)*/g;
const MARKDOWN_FILE = /(?<![\w/.-])[\w./-]*?([\w-]+\.md)\b/g;
/** A file of another repository, cited as a source: "[KEY] `path`" or "repo owner/name, `path`". */
const CITED_ELSEWHERE = /(?:\]|repo [\w.-]+\/[\w.-]+,?) `$/;

export function findOutsidePaths(files: Array<{ path: string; text: string }>): OutsidePath[] {
	const markdownFiles = new Set(
		files.map((file) => posix.basename(file.path)).filter((name) => name.endsWith('.md')),
	);
	const found: OutsidePath[] = [];
	for (const { path, text } of files) {
		const folder = posix.dirname(path);
		text.split('\n').forEach((lineText, index) => {
			const report = (match: string, why: string) =>
				found.push({ file: path, line: index + 1, text: match, why });
			const reported: Array<[number, number]> = [];
			const alreadyReported = (at: number) => reported.some(([from, to]) => at >= from && at < to);
			const reportOnce = (match: string, at: number, why: string) => {
				if (alreadyReported(at)) return;
				reported.push([at, at + match.length]);
				report(match, why);
			};
			for (const { 0: match, index: at } of lineText.matchAll(MACHINE_PATH))
				reportOnce(match, at, 'an absolute path on one machine');
			for (const { 0: match, index: at } of lineText.matchAll(CLIMBING_PATH)) {
				if (posix.normalize(posix.join(folder, match)).startsWith('..'))
					reportOnce(match, at, 'a relative path that leaves the repository');
			}
			for (const { 0: match, 1: name, index: at } of lineText.matchAll(MARKDOWN_FILE)) {
				if (markdownFiles.has(name) || CITED_ELSEWHERE.test(lineText.slice(0, at))) continue;
				reportOnce(
					match,
					at + match.length - name.length,
					'a Markdown file the repository does not have',
				);
			}
		});
	}
	return found;
}
