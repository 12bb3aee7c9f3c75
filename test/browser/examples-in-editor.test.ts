/// <reference lib="dom" />
/**
 * The demo as a user meets it: the real `npm start` (own state folder, free ports), its printed login, the
 * example workflows in the n8n editor in headless Chromium, the CDEK node's panel for every operation with the
 * "CDEK Sandbox" credential, and one example run with "Execute workflow". Screenshots go to
 * test-results/screenshots/ (git-ignored); the README's come from there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

import { repoRoot } from '../../dev/n8n/package-install';
import {
	closeChromium,
	type DemoSession,
	launchChromium,
	screenshot,
	startDemo,
	withFailureContext,
} from '../../dev/browser/demo-session';
import {
	chooseOption,
	closeNode,
	executeWorkflow,
	openNode,
	openWorkflow,
	outputTable,
	renderedParameters,
	shownValue,
	signIn,
} from '../../dev/browser/editor';

interface ExampleFile {
	file: string;
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number }>;
}

const EXAMPLES: ExampleFile[] = [
	'01-refuse-undelivered-orders.json',
	'02-customer-return-webhook.json',
	'03-return-with-payment-refund.json',
	'04-cancel-or-refuse-by-status.json',
	'05-plan-a-return.json',
].map((file) => ({ file, ...JSON.parse(readFileSync(join(repoRoot, 'examples', file), 'utf8')) }));
const example = (prefix: string) =>
	EXAMPLES.find((candidate) => candidate.file.startsWith(prefix))!;

/**
 * One CDEK node per operation (and lookup mode) in the examples, and what its panel must render; version-2 nodes
 * show the "order" resource locator with its mode. 04 comes last: the test goes on in its node.
 */
const PANELS: Array<{
	example: string;
	node: string;
	operation: string;
	parameters: string[];
	locatorMode?: string;
}> = [
	{
		// Version 2, by shop number: one CDEK node instead of a lookup per kind of number.
		example: '01-',
		node: 'Refuse',
		operation: 'Refuse Delivery',
		parameters: ['safetyCheck', 'preventDuplicates', 'waitForVerdict'],
		locatorMode: 'Shop No.',
	},
	{
		example: '03-',
		node: 'Register the client return',
		operation: 'Return a Delivered Order',
		parameters: [
			'tariffCode',
			'safetyCheck',
			'preventDuplicates',
			'waitForVerdict',
			'pollInterval',
			'waitTimeout',
		],
		locatorMode: 'Shop No.',
	},
	{
		example: '02-',
		node: 'Find the order',
		operation: 'Look Up Order',
		parameters: ['simplify'],
		locatorMode: 'Shop No.',
	},
	{
		// Version 2: the checks and the verdict are parameters of their own, the verdict's times next to it.
		example: '02-',
		node: 'Register the client return',
		operation: 'Return a Delivered Order',
		parameters: [
			'tariffCode',
			'safetyCheck',
			'preventDuplicates',
			'waitForVerdict',
			'pollInterval',
			'waitTimeout',
		],
		locatorMode: 'Shop No.',
	},
	{
		example: '02-',
		node: 'Get the return label',
		operation: 'Get Return Label PDF',
		parameters: ['labelType', 'format', 'pollInterval', 'waitTimeout'],
		locatorMode: 'UUID',
	},
	{
		example: '05-',
		node: 'Price the return',
		operation: 'Calculate Tariffs',
		parameters: [
			'resource',
			'fromCityCode',
			'toCityCode',
			'weight',
			'sendFrom',
			'deliverTo',
			'sortBy',
		],
	},
	{
		example: '05-',
		node: 'Drop-off points near the customer',
		operation: 'Get Pickup Points',
		parameters: ['cityCode', 'returnAll', 'limit', 'acceptsParcels', 'type', 'simple'],
	},
	{
		example: '04-',
		node: 'Cancel or return',
		operation: 'Cancel or Return (Auto)',
		parameters: ['tariffCode'],
		locatorMode: 'Shop No.',
	},
];

/** Parameter labels of the open panel that n8n shows cut off with an ellipsis (their text is wider than their box). */
async function cutLabels(page: Page): Promise<string[]> {
	return await page.$$eval(
		'[data-test-id="ndv"] [data-test-id="node-parameters"] label *, [data-test-id="ndv"] [data-test-id="node-parameters"] [class*="label"] *',
		(elements) =>
			elements
				.filter(
					(element) =>
						getComputedStyle(element).textOverflow === 'ellipsis' &&
						element.scrollWidth > element.clientWidth + 1,
				)
				.map((element) => element.textContent?.trim() ?? ''),
	);
}

describe('examples in the n8n editor (npm start, headless Chromium)', () => {
	let demo: DemoSession | undefined;
	let browser: Browser | undefined;
	let page: Page;

	/** A failure carries what npm start printed and where the page was. */
	const step = withFailureContext(() => ({ page, demo }), 'failure');

	beforeAll(async () => {
		[demo, browser] = await Promise.all([startDemo(), launchChromium()]);
		page = await browser.newPage();
	});

	afterAll(async () => {
		await closeChromium(browser);
		await demo?.stop();
	});

	it(
		'npm start prints a login that signs in, and the workflow list shows the five examples',
		step(async () => {
			await signIn(page, demo!.editorUrl, demo!.owner);
			await page.waitForFunction(
				(names: string[]) => names.every((name) => document.body.innerText.includes(name)),
				{ timeout: 60000 },
				EXAMPLES.map((candidate) => candidate.name),
			);
			await screenshot(page, '01-workflow-list');
		}),
	);

	it(
		'each example opens on the canvas with every node of its JSON',
		step(async () => {
			for (const candidate of EXAMPLES) {
				const drawn = await openWorkflow(page, candidate.name);
				const expected = candidate.nodes
					.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
					.map((node) => node.name);
				expect(drawn.sort()).toEqual(expected.sort());
				await screenshot(page, `02-canvas-${candidate.file.replace('.json', '')}`);
			}
		}),
	);

	it(
		'"Execute workflow" on "refuse undelivered orders" refuses the three orders on their way and shows the summary',
		step(async () => {
			const refuse = example('01-');
			await openWorkflow(page, refuse.name);
			await executeWorkflow(page, 'Summary');
			await screenshot(page, '04-refuse-executed', 'refuse-undelivered-orders-run');

			await openNode(page, 'Summary');
			const { columns, firstRow } = await outputTable(page);
			expect(columns.slice(0, 4)).toEqual(['done', 'skipped', 'failed', 'orders']);
			expect(firstRow.slice(0, 3)).toEqual(['3', '2', '1']);
			await screenshot(page, '04-refuse-summary', 'refuse-undelivered-orders-summary');
			await closeNode(page);

			// One item per order, each saying what happened; the Safety Check sent nothing for two of them.
			await openNode(page, 'What happened');
			const outputText = await page.$eval(
				'[data-test-id="output-panel"]',
				(panel) => (panel as HTMLElement).innerText,
			);
			expect(outputText).toContain('6 items');
			expect(outputText).toContain('skipped');
			await screenshot(page, '04-refuse-branches');
			await closeNode(page);

			const counters = (await (await fetch(`${demo!.sandboxUrl}/_sandbox/counters`)).json()) as {
				refusals: Record<string, { registered: number }>;
			};
			const registered = Object.entries(counters.refusals)
				.filter(([, count]) => count.registered > 0)
				.map(([uuid]) => uuid);
			expect(registered.sort()).toEqual(
				[
					'b08d4f71-7b5f-49e6-ae97-8424ef739b42',
					'19c33385-c3a0-40ef-b9da-b2208c1edb11',
					'3fd20f01-584f-4671-893d-31f833ff90fe',
				].sort(),
			);
		}),
	);
	it(
		'the CDEK node panel renders every operation with its parameters and the "CDEK Sandbox" credential',
		step(async () => {
			for (const panel of PANELS) {
				if (!page.url().includes(`/workflow/${example(panel.example).id}`))
					await openWorkflow(page, example(panel.example).name);
				await openNode(page, panel.node);
				expect(await shownValue(page, '[data-test-id="node-credentials-select"]')).toBe(
					'CDEK Sandbox',
				);
				expect(await shownValue(page, '[data-test-id="parameter-input-operation"]')).toBe(
					panel.operation,
				);
				expect(await renderedParameters(page)).toEqual(expect.arrayContaining(panel.parameters));
				// Version 1's panel is frozen (its "Verdict Poll Interval (Seconds)" is cut); version 2 cuts none.
				const { typeVersion } = example(panel.example).nodes.find(
					(node) => node.name === panel.node,
				)!;
				if (typeVersion >= 2) expect(await cutLabels(page)).toEqual([]);
				if (panel.locatorMode) {
					expect(
						await page.$('[data-test-id="ndv"] [data-test-id="resource-locator-order"]'),
					).not.toBeNull();
					expect(
						await shownValue(
							page,
							'[data-test-id="resource-locator-order"] [data-test-id="rlc-mode-selector"]',
						),
					).toBe(panel.locatorMode);
				}
				await screenshot(
					page,
					`03-panel-${`${panel.operation}-${panel.node}`.toLowerCase().replace(/\W+/g, '-').replace(/-$/, '')}`,
					panel.node === 'Register the client return'
						? 'cdek-node-client-return-wait-for-verdict'
						: undefined,
				);
				await closeNode(page);
			}

			// No example creates an order: switch the Cancel or Return node to "Create" (not saved) to see that form.
			await openNode(page, 'Cancel or return');
			await chooseOption(page, 'operation', 'Create Return Order');
			expect(await renderedParameters(page)).toEqual(
				expect.arrayContaining([
					'clientReturn',
					'defineOrder',
					'number',
					'tariffCode',
					'senderName',
					'recipientName',
					'packageWeight',
				]),
			);
			expect(await shownValue(page, '[data-test-id="node-credentials-select"]')).toBe(
				'CDEK Sandbox',
			);
			await screenshot(page, '03-panel-create');
		}),
	);
});
