import { oneAtATimePerOrder, sentInRun } from '../../../nodes/Cdek/helpers/order-queue';

/** A piece of work that runs until the test lets it finish, recording when it started and ended. */
function gate(log: string[], name: string) {
	let open: () => void = () => undefined;
	const opened = new Promise<void>((resolve) => (open = resolve));
	const work = async () => {
		log.push(`${name} start`);
		await opened;
		log.push(`${name} end`);
		return name;
	};
	return { work, open };
}
const settle = async () => await new Promise((resolve) => setImmediate(resolve));

describe('oneAtATimePerOrder', () => {
	it('runs items naming the same order one after another, in the order they came, others alongside', async () => {
		const run = {};
		const log: string[] = [];
		const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
		const first = oneAtATimePerOrder(run, 'uuid:1', a.work);
		const second = oneAtATimePerOrder(run, 'uuid:1', b.work);
		const other = oneAtATimePerOrder(run, 'uuid:2', c.work);
		await settle();
		expect(log).toEqual(['a start', 'c start']);
		a.open();
		await settle();
		expect(log).toEqual(['a start', 'c start', 'a end', 'b start']);
		b.open();
		c.open();
		expect(await Promise.all([first, second, other])).toEqual(['a', 'b', 'c']);
	});

	it('goes on with the next item when an earlier one failed', async () => {
		const run = {};
		const failing = oneAtATimePerOrder(run, 'k', async () => {
			throw new Error('CDEK refused');
		});
		const next = oneAtATimePerOrder(run, 'k', async () => 'next');
		await expect(failing).rejects.toThrow('CDEK refused');
		await expect(next).resolves.toBe('next');
	});

	it('keeps runs apart: another run does not wait', async () => {
		const log: string[] = [];
		const held = gate(log, 'one');
		const first = oneAtATimePerOrder({}, 'k', held.work);
		await expect(oneAtATimePerOrder({}, 'k', async () => 'other run')).resolves.toBe('other run');
		held.open();
		await first;
	});
});

describe('sentInRun', () => {
	it('is one record per run', () => {
		const run = {};
		sentInRun(run).set('uuid:1', 0);
		expect(sentInRun(run).get('uuid:1')).toBe(0);
		expect(sentInRun({}).size).toBe(0);
	});
});
