/**
 * Return All against a server in front of CDEK that never ends a list (n8n-core, sandbox behind a hostile relay):
 * one that ignores `page` and repeats a full page, one that sends a new full page for every page asked for, and one
 * whose pages go on past its own X-Total-Pages. Each run ends with a clear error (or at the last page), having
 * asked for a bounded number of pages, and the process goes on.
 */
import type { INodeParameters } from 'n8n-workflow';

import { accountCredential, runCdek, useSandbox } from '../../../dev/n8n-core/cdek-fixture';
import { startHostileRelay } from '../../../dev/proxies/hostile-relay';
import { syntheticCityPage } from '../../../dev/proxies/synthetic-cities';
import type { HostileRelay, Hostility, SeenRequest } from '../../../dev/proxies/hostile-relay';

describe('lists that never end (n8n-core, sandbox behind a hostile relay)', () => {
	const sandbox = useSandbox();
	let relay: HostileRelay;
	let hostile: (seen: SeenRequest) => Hostility | undefined;
	beforeEach(async () => {
		hostile = () => undefined;
		relay = await startHostileRelay(sandbox().url, (seen) => hostile(seen));
	});
	afterEach(async () => await relay.close());

	const listRequests = (path: string) =>
		relay.requests.filter((seen) => seen.url.startsWith(`/v2${path}?`));
	const query = (seen: SeenRequest) => new URL(seen.url, relay.url).searchParams;
	const allCities = async (parameters: INodeParameters = {}) =>
		await runCdek(
			{ resource: 'city', operation: 'getMany', returnAll: true, ...parameters },
			{ credentials: accountCredential(sandbox(), { baseUrl: relay.rootUrl }) },
		);

	it('a server that ignores the page number: stops at the repeated page, saying so and what to do', async () => {
		hostile = (seen) =>
			seen.url.startsWith('/v2/location/cities?')
				? { kind: 'json', status: 200, body: syntheticCityPage(0, Number(query(seen).get('size'))) }
				: undefined;
		const result = await allCities();

		expect(result.error?.message).toBe(
			'CDEK sent page 2 of the list with the same entries as page 1, so the list would never end [item 1]',
		);
		expect(result.error?.description).toContain('set a Limit or narrow the list with filters');
		expect(result.error?.description).toContain('check "Base URL"');
		expect(listRequests('/location/cities')).toHaveLength(2);
	});

	it('a server that sends a new full page forever: stops when the run has read its budget', async () => {
		hostile = (seen) => {
			if (!seen.url.startsWith('/v2/location/cities?')) return undefined;
			const page = Number(query(seen).get('page'));
			return {
				kind: 'json',
				status: 200,
				body: syntheticCityPage(page, Number(query(seen).get('size'))),
			};
		};
		const result = await allCities({ simple: false });

		expect(result.error?.message).toMatch(
			/^The lists of this run grew past 64 MB or 200,000 entries, the most one run of the node holds \(\d+ MB, [\d,]+ entries\) \[item 1\]$/,
		);
		expect(result.error?.description).toContain('set a Limit or narrow the list with filters');
		// 1 000 cities of ~330 bytes a page: the budget's 64 MB is spent within some 210 pages, never thousands.
		const asked = listRequests('/location/cities').length;
		expect(asked).toBeGreaterThan(150);
		expect(asked).toBeLessThan(250);
	});

	it("pickup points: stops at the server's own X-Total-Pages, though it would send more", async () => {
		hostile = (seen) => {
			if (!seen.url.startsWith('/v2/deliverypoints?')) return undefined;
			const page = Number(query(seen).get('page'));
			const body = syntheticCityPage(page, Number(query(seen).get('size'))).map((entry) => ({
				...entry,
				code: `NSK${String(entry.code)}`,
			}));
			return { kind: 'json', status: 200, body, headers: { 'x-total-pages': '3' } };
		};
		const result = await runCdek(
			{ resource: 'office', operation: 'getMany', cityCode: 44, returnAll: true },
			{ credentials: accountCredential(sandbox(), { baseUrl: relay.rootUrl }) },
		);

		expect(result.status).toBe('success');
		expect(result.output('CDEK')).toHaveLength(1500);
		expect(listRequests('/deliverypoints').map((seen) => query(seen).get('page'))).toEqual([
			'0',
			'1',
			'2',
		]);
	});

	it('several items share the budget: the run stops, rather than each item reading up to it', async () => {
		hostile = (seen) => {
			if (!seen.url.startsWith('/v2/location/cities?')) return undefined;
			const page = Number(query(seen).get('page'));
			const region = Number(query(seen).get('postal_code'));
			return {
				kind: 'json',
				status: 200,
				body: syntheticCityPage(region * 100_000 + page, Number(query(seen).get('size'))),
			};
		};
		const result = await runCdek(
			{
				resource: 'city',
				operation: 'getMany',
				returnAll: true,
				filters: { postalCode: '={{ String($json.region) }}' },
			},
			{
				input: [1, 2, 3, 4].map((region) => ({ region })),
				credentials: accountCredential(sandbox(), { baseUrl: relay.rootUrl }),
				node: { onError: 'continueRegularOutput' },
			},
		);

		const errors = result.output('CDEK').filter((item) => item.json.error);
		expect(errors.length).toBeGreaterThan(0);
		expect(String(errors[0].json.error)).toMatch(/the most one run of the node holds/);
		// Four items alone would each read ~210 pages; together they stop near the one budget.
		expect(listRequests('/location/cities').length).toBeLessThan(300);
	});
});
