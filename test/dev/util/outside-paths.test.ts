import { findOutsidePaths } from '../../../dev/util/outside-paths';

const scan = (path: string, text: string, others: string[] = []) =>
	findOutsidePaths([{ path, text }, ...others.map((other) => ({ path: other, text: '' }))]).map(
		(hit) => hit.text,
	);

// The examples are joined at run time: `npm run lint` scans this file too, and must not find them in it.
const joined = (...parts: string[]) => parts.join('');
const machineReference = joined('/wo', 'rk/sha', 'red/reference/x', '.md');
const homeCache = joined('/ho', 'me/dev/cache');
const missingDoc = joined('n8n-conventions', '.md');
const climbingOut = joined('../../../sha', 'red/seeds');

describe('findOutsidePaths', () => {
	it("finds absolute paths into one machine's folders", () => {
		expect(scan('dev/a.ts', `// facts in ${machineReference}\nconst p = '${homeCache}';`)).toEqual([
			machineReference,
			homeCache,
		]);
	});

	it('finds relative paths that climb out of the repository, and keeps those that stay inside', () => {
		expect(
			scan('dev/sandbox/README.md', `see ${climbingOut} and ../../docs/reference/cdek-api.md`, [
				'docs/reference/cdek-api.md',
			]),
		).toEqual([climbingOut]);
		expect(scan('nodes/Cdek/a.ts', "import { x } from '../../credentials/common/proxy';")).toEqual(
			[],
		);
	});

	it('finds Markdown files the repository does not have, but not sources cited in another repository', () => {
		expect(scan('nodes/a.ts', `// see ${missingDoc} §4 and README.md`, ['README.md'])).toEqual([
			missingDoc,
		]);
		expect(
			scan(
				'docs/notes' + '.md',
				joined('([OCO] `docs/research/notes', '.md`), repo owner/name, `docs/a', '.md`'),
			),
		).toEqual([]);
	});

	it('leaves URLs and the user cache folder alone', () => {
		expect(
			scan('README.md', 'https://api.cdek.ru/v2/orders and ~/.cache/n8n-nodes-cdek', ['README.md']),
		).toEqual([]);
	});
});
