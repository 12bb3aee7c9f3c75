import { ByteBudget } from '../../../nodes/Cdek/transport/byte-budget';

/** Settles what can settle now (granted reservations run their continuations). */
const settle = async () => await new Promise((resolve) => setImmediate(resolve));

describe('ByteBudget', () => {
	it('grants what fits at once and makes the rest wait, first come first served', async () => {
		const budget = new ByteBudget(60);
		const granted: string[] = [];
		const take = (name: string, bytes: number) =>
			budget.reserve(bytes).then((release) => {
				granted.push(name);
				return release;
			});
		const a = take('a', 20);
		const b = take('b', 30);
		const c = take('c', 20);
		const d = take('d', 5);
		await settle();
		expect(granted).toEqual(['a', 'b']);
		expect(budget.inUse).toBe(50);
		// d would fit, but c came first: nobody is overtaken for ever.
		(await a)();
		await settle();
		expect(granted).toEqual(['a', 'b', 'c', 'd']);
		expect(budget.inUse).toBe(55);
		(await b)();
		(await c)();
		(await d)();
		expect(budget.inUse).toBe(0);
	});

	it('gives back once however often release is called', async () => {
		const budget = new ByteBudget(10);
		const release = await budget.reserve(10);
		release();
		release();
		expect(budget.inUse).toBe(0);
		const again = await budget.reserve(10);
		expect(budget.inUse).toBe(10);
		again();
	});

	it('counts a reservation larger than the budget as the whole budget, so it waits rather than fails', async () => {
		const budget = new ByteBudget(10);
		const first = await budget.reserve(4);
		let big = false;
		const waiting = budget.reserve(50).then((release) => {
			big = true;
			return release;
		});
		await settle();
		expect(big).toBe(false);
		first();
		(await waiting)();
		expect(big).toBe(true);
		expect(budget.inUse).toBe(0);
	});

	it('a waiting reservation ends with the signal (Stop), and the ones behind it move up', async () => {
		const budget = new ByteBudget(10);
		const held = await budget.reserve(8);
		const stop = new AbortController();
		const stopped = budget.reserve(5, stop.signal);
		let small = false;
		const behind = budget.reserve(2).then((release) => {
			small = true;
			return release;
		});
		await settle();
		expect(small).toBe(false);
		stop.abort(new Error('stopped'));
		await expect(stopped).rejects.toThrow('stopped');
		(await behind)();
		expect(small).toBe(true);
		held();
		expect(budget.inUse).toBe(0);
	});
});
