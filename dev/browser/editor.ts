/// <reference lib="dom" />
/**
 * What a user does in the n8n 2.41.1 editor, by the `data-test-id`s the editor itself uses: sign in, open a
 * workflow, open a node's panel (NDV), pick an option, run the workflow, read a node's output table.
 */
import type { Page } from 'puppeteer-core';

const NODE = (name: string) =>
	`[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`;

export async function signIn(
	page: Page,
	editorUrl: string,
	owner: { email: string; password: string },
): Promise<void> {
	await page.goto(`${editorUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('input[name="password"]', { timeout: 120000 });
	await page.type('input[name="emailOrLdapLoginId"]', owner.email);
	await page.type('input[name="password"]', owner.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForFunction(() => !location.pathname.startsWith('/signin'), { timeout: 60000 });
}

/**
 * Opens a workflow as a user does, from the workflow list (in-app navigation: a full page load of the editor
 * takes ~10 s on a busy 2-core machine), and returns the names of the nodes drawn on the canvas (sticky notes
 * excluded) once the canvas has settled.
 */
export async function openWorkflow(page: Page, name: string): Promise<string[]> {
	if (await page.$('[data-test-id="home-project"]'))
		await page.click('[data-test-id="home-project"]');
	await page.waitForFunction(
		(wanted) =>
			Array.from(document.querySelectorAll('[data-test-id="resources-list-item-workflow"]')).some(
				(card) => card.textContent?.includes(wanted),
			),
		{ timeout: 60000 },
		name,
	);
	await page.$$eval(
		'[data-test-id="resources-list-item-workflow"]',
		(cards, wanted) =>
			(cards.find((card) => card.textContent?.includes(wanted)) as HTMLElement).click(),
		name,
	);
	await page.waitForFunction(
		(wanted) =>
			document
				.querySelector('[data-test-id="workflow-name-input"]')
				?.textContent?.includes(wanted) &&
			document.querySelectorAll('[data-test-id="canvas-node"]').length > 0,
		{ timeout: 60000 },
		name,
	);
	const drawn = () =>
		page.$$eval('[data-test-id="canvas-node"]', (nodes) =>
			nodes
				.filter((node) => node.getAttribute('data-node-type') !== 'n8n-nodes-base.stickyNote')
				.map((node) => node.getAttribute('data-node-name') ?? ''),
		);
	let previous: string[] = [];
	for (
		let current = await drawn();
		current.join('|') !== previous.join('|');
		current = await drawn()
	) {
		previous = current;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return previous;
}

export async function openNode(page: Page, name: string): Promise<void> {
	const node = await page.waitForSelector(NODE(name));
	await node!.click({ count: 2 });
	await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', {
		visible: true,
	});
	await page.waitForFunction(
		(wanted) =>
			document
				.querySelector('[data-test-id="ndv"] [data-test-id="node-title-container"]')
				?.textContent?.includes(wanted),
		{},
		name,
	);
}

export async function closeNode(page: Page): Promise<void> {
	await page.click('[data-test-id="ndv-close-button"]');
	await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', {
		hidden: true,
	});
}

/** The text a select or text parameter shows, e.g. "Create Refusal" for the operation. */
export async function shownValue(page: Page, selector: string): Promise<string> {
	return await page.$eval(`${selector} input`, (input) => (input as HTMLInputElement).value);
}

/** Names of the parameters the open panel renders (from `parameter-input-<name>`). */
export async function renderedParameters(page: Page): Promise<string[]> {
	return await page.$$eval('[data-test-id="ndv"] [data-test-id^="parameter-input-"]', (inputs) =>
		inputs.map((input) => input.getAttribute('data-test-id')!.replace('parameter-input-', '')),
	);
}

/** Picks an option of a select parameter by its label, as a user clicks it. */
export async function chooseOption(page: Page, parameter: string, label: string): Promise<void> {
	await page.click(`[data-test-id="parameter-input-${parameter}"]`);
	// Closed lists keep their (hidden) items in the page: wait for a visible one.
	await page.waitForFunction(() =>
		Array.from(document.querySelectorAll('[data-test-id="parameter-input-item"]')).some(
			(item) => (item as HTMLElement).offsetParent !== null,
		),
	);
	const picked = await page.$$eval(
		'[data-test-id="parameter-input-item"]',
		(items, wanted) => {
			const item = items.find(
				(candidate) =>
					(candidate as HTMLElement).offsetParent &&
					(candidate.querySelector('.option-headline') ?? candidate).textContent?.trim() === wanted,
			);
			(item as HTMLElement | undefined)?.click();
			return Boolean(item);
		},
		label,
	);
	if (!picked) throw new Error(`No option "${label}" in the ${parameter} list`);
	await page.waitForFunction(
		(selector, wanted) =>
			(document.querySelector(selector) as HTMLInputElement | null)?.value === wanted,
		{},
		`[data-test-id="parameter-input-${parameter}"] input`,
		label,
	);
}

/** Clicks "Execute workflow" and waits until every node that ran shows a status and the toast says so. */
export async function executeWorkflow(page: Page, lastNode: string): Promise<void> {
	await page.click('[data-test-id="execute-workflow-button"]');
	await page.waitForSelector(`${NODE(lastNode)} [data-test-id="canvas-node-status-success"]`, {
		timeout: 120000,
	});
	// The "Workflow executed successfully" toast would cover the output panel in screenshots.
	await page.$$eval('.el-notification__closeBtn', (buttons) =>
		buttons.forEach((button) => (button as HTMLElement).click()),
	);
}

/** The output panel in table mode: column names and the cell texts of the first row. */
export async function outputTable(page: Page): Promise<{ columns: string[]; firstRow: string[] }> {
	const panel = '[data-test-id="output-panel"]';
	await page.click(`${panel} [data-test-id="radio-button-table"]`);
	await page.waitForSelector(`${panel} table tbody tr`);
	return await page.$eval(`${panel} table`, (table) => ({
		columns: Array.from(
			table.querySelectorAll('thead th'),
			(cell) => cell.textContent?.trim() ?? '',
		),
		firstRow: Array.from(
			table.querySelector('tbody tr')?.children ?? [],
			(cell) => cell.textContent?.trim() ?? '',
		),
	}));
}

/**
 * Types into a parameter's input in one go, as a paste does: n8n commits typed text after a pause, so typing
 * character by character and clicking on at once may commit only the first characters.
 */
export async function fillInput(page: Page, selector: string, value: string): Promise<void> {
	await page.waitForSelector(selector, { visible: true });
	await page.focus(selector);
	await page.keyboard.down('Control');
	await page.keyboard.press('a');
	await page.keyboard.up('Control');
	// One input event replaces the selection: the field is never empty in between (n8n may test a credential
	// as it changes).
	await page.keyboard.sendCharacter(value);
	await page.keyboard.press('Tab');
	await page.waitForFunction(
		(wanted, target) =>
			(document.querySelector(target) as HTMLInputElement | null)?.value === wanted,
		{},
		value,
		selector,
	);
}

/** Searches the node panel ("What happens next?" or the trigger list) and returns the names it lists. */
export async function searchNodes(page: Page, query: string): Promise<string[]> {
	const search = '[data-test-id="node-creator-search-bar"]';
	await page.waitForSelector(search, { visible: true });
	const listed = () =>
		page.$$eval('[data-test-id="node-creator-item-name"]', (items) =>
			items.map((item) => item.textContent?.trim() ?? '').join('|'),
		);
	// The list follows the search text a moment later: wait for it to change after each edit.
	const listChanges = async (from: string, text: string) =>
		await page.waitForFunction(
			(wanted, previous) =>
				(document.querySelector('[data-test-id="node-creator-search-bar"]') as HTMLInputElement)
					?.value === wanted &&
				Array.from(document.querySelectorAll('[data-test-id="node-creator-item-name"]'))
					.map((item) => item.textContent?.trim() ?? '')
					.join('|') !== previous,
			{ timeout: 20000 },
			text,
			from,
		);
	await page.focus(search);
	if (await page.$eval(search, (input) => (input as HTMLInputElement).value)) {
		const before = await listed();
		await page.keyboard.down('Control');
		await page.keyboard.press('a');
		await page.keyboard.up('Control');
		await page.keyboard.press('Backspace');
		await listChanges(before, '');
	}
	const cleared = await listed();
	await page.keyboard.sendCharacter(query);
	await listChanges(cleared, query);
	return (await listed()).split('|');
}

/** Clicks the first item of the open node panel whose name matches, e.g. a node or one of its actions. */
export async function pickNodeItem(page: Page, name: RegExp): Promise<string> {
	await page.waitForFunction(
		(source, flags) =>
			Array.from(document.querySelectorAll('[data-test-id="node-creator-item-name"]')).some(
				(item) => new RegExp(source, flags).test(item.textContent ?? ''),
			),
		{ timeout: 20000 },
		name.source,
		name.flags,
	);
	return await page.$$eval(
		'[data-test-id="node-creator-item-name"]',
		(items, source, flags) => {
			const item = items.find((candidate) =>
				new RegExp(source, flags).test(candidate.textContent ?? ''),
			) as HTMLElement;
			item.click();
			return item.textContent?.trim() ?? '';
		},
		name.source,
		name.flags,
	);
}

/** The visible text of an element, once it contains `expected`. */
export async function textOnceItShows(
	page: Page,
	selector: string,
	expected: string | RegExp,
	timeout = 60000,
): Promise<string> {
	const [source, flags] =
		typeof expected === 'string'
			? [expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), '']
			: [expected.source, expected.flags];
	await page.waitForFunction(
		(target, pattern, patternFlags) =>
			new RegExp(pattern, patternFlags).test(
				(document.querySelector(target) as HTMLElement | null)?.innerText ?? '',
			),
		{ timeout },
		selector,
		source,
		flags,
	);
	return await page.$eval(selector, (element) => (element as HTMLElement).innerText);
}

/** Opens a new, empty workflow and the panel for its first step ("What triggers this workflow?"). */
export async function newWorkflow(page: Page, editorUrl: string): Promise<void> {
	await page.goto(`${editorUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-test-id="canvas-add-button"]', { timeout: 120000 });
	await page.click('[data-test-id="canvas-add-button"]');
}
