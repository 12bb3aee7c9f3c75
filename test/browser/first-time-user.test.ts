/// <reference lib="dom" />
/**
 * A shop operator's first hour with the package, in the real `npm start` and headless Chromium: find the node in
 * English and Russian, create a CDEK credential for the sandbox and see its Test pass, break the secure password and
 * see why Test fails, refuse an order, see why a refusal is held back, and meet the CDEK Trigger's warning about
 * webhook URLs CDEK cannot reach. Every step asserts what the user sees; README's screenshots come from here
 * (N8N_CDEK_README_SCREENSHOTS=1 writes them into docs/screenshots/).
 */
import type { Browser, Page } from 'puppeteer-core';

import { CDEK_PUBLIC_TEST_KEYS } from '../../credentials/common/session-token';
import { readPdf } from '../../dev/util/pdf-check';
import {
	closeChromium,
	type DemoSession,
	launchChromium,
	screenshot,
	startDemo,
	withFailureContext,
} from '../../dev/browser/demo-session';
import {
	closeNode,
	fillInput,
	newWorkflow,
	pickNodeItem,
	searchNodes,
	shownValue,
	signIn,
	textOnceItShows,
} from '../../dev/browser/editor';

const MODAL = '[data-test-id="editCredential-modal"]';
const NDV = '[data-test-id="ndv"]';
const OUTPUT = '[data-test-id="output-panel"]';

describe('a first-time user in the n8n editor (npm start, headless Chromium)', () => {
	let demo: DemoSession | undefined;
	let browser: Browser | undefined;
	let page: Page;
	let credentialName = '';

	const step = withFailureContext(() => ({ page, demo }), 'first-user-failure');

	/** Opens the credential dialog of the node whose panel is open: a new one, or the one selected (edit). */
	const openCredentialDialog = async (which: 'new' | 'selected') => {
		const control = `${NDV} [data-test-id="${which === 'new' ? 'node-credentials-select' : 'credential-edit-button'}"]`;
		await page.waitForSelector(control, { visible: true });
		if (which === 'selected') await page.click(control);
		else {
			await page.click(control);
			await page.waitForSelector('[data-test-id="node-credentials-select-item-new"]', {
				visible: true,
			});
			// A click on the element itself: a click at its position could land while the list still opens.
			await page.$eval('[data-test-id="node-credentials-select-item-new"]', (item) =>
				(item as HTMLElement).click(),
			);
		}
		await page.waitForSelector(`${MODAL} [data-test-id="parameter-input-clientSecret"]`, {
			visible: true,
		});
	};
	const credentialField = (name: string) =>
		`${MODAL} [data-test-id="parameter-input-${name}"] input`;
	/** Save runs n8n's credential Test; its verdict replaces the "Saved"-only state of the dialog. */
	const saveCredential = async () => {
		await page.click(`${MODAL} [data-test-id="credential-save-button"]`);
	};
	const closeCredentialDialog = async () => {
		await page.click(`${MODAL} .el-dialog__headerbtn`);
		await page.waitForSelector(MODAL, { hidden: true });
	};
	const executeStep = async () => {
		await page.click(`${NDV} [data-test-id="node-execute-button"]`);
	};

	/** A new workflow with a manual trigger, then the CDEK node added from its actions list by `action`. */
	const addCdekAction = async (action: RegExp) => {
		await newWorkflow(page, demo!.editorUrl);
		await searchNodes(page, 'manual');
		await pickNodeItem(page, /^(Manual Trigger|Trigger manually)$/);
		await page.waitForSelector('[data-test-id="canvas-trigger-node"]');
		await page.waitForSelector('[data-test-id="node-creator"]', { hidden: true });
		await page.click('[data-test-id="canvas-handle-plus-wrapper"]');
		await searchNodes(page, 'CDEK');
		await pickNodeItem(page, /^CDEK$/);
		await pickNodeItem(page, action);
		await page.waitForSelector(`${NDV} [data-test-id="parameter-input-operation"]`, {
			visible: true,
		});
	};
	/** The sandbox's CDEK API as any client calls it, with CDEK's public test keys. */
	const sandboxApi = async (method: string, path: string): Promise<Response> => {
		const token = (await (
			await fetch(`${demo!.sandboxUrl}/v2/oauth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: CDEK_PUBLIC_TEST_KEYS[0],
					client_secret: CDEK_PUBLIC_TEST_KEYS[1],
				}),
			})
		).json()) as { access_token: string };
		return await fetch(`${demo!.sandboxUrl}/v2${path}`, {
			method,
			headers: {
				authorization: `Bearer ${token.access_token}`,
				'content-type': 'application/json',
			},
			...(method === 'POST' ? { body: JSON.stringify({ tariff_code: 136 }) } : {}),
		});
	};
	/** The texts of the CDEK node on the canvas: its name and its subtitle. */
	const canvasNodeText = async (): Promise<string> =>
		await page.$$eval('[data-test-id="canvas-node"]', (nodes) =>
			nodes
				.map((node) => (node as HTMLElement).innerText)
				.filter((text) => !/trigger|manual/i.test(text))
				.join(' | '),
		);

	beforeAll(async () => {
		[demo, browser] = await Promise.all([startDemo(), launchChromium()]);
		page = await browser.newPage();
		await signIn(page, demo.editorUrl, demo.owner);
	});

	afterAll(async () => {
		await closeChromium(browser);
		await demo?.stop();
	});

	it(
		"after login the editor opens the workflows npm start imported, not n8n's assistant",
		step(async () => {
			// n8n's workflow list ("/home" then "workflows"), where no AI assistant opens first.
			await page.waitForFunction(() => /^\/home\/workflows$/.test(location.pathname), {
				timeout: 60000,
			});
			await textOnceItShows(page, 'body', 'CDEK: refuse undelivered orders');
		}),
	);

	it(
		'finds the CDEK node by "CDEK", "СДЭК" and "возврат" and adds its refusal action after a manual trigger',
		step(async () => {
			await newWorkflow(page, demo!.editorUrl);
			await searchNodes(page, 'manual');
			await pickNodeItem(page, /^(Manual Trigger|Trigger manually)$/);
			await page.waitForSelector('[data-test-id="canvas-trigger-node"]');
			await page.waitForSelector('[data-test-id="node-creator"]', { hidden: true });
			// The + on the trigger's output: "What happens next?"
			await page.click('[data-test-id="canvas-handle-plus-wrapper"]');
			for (const query of ['CDEK', 'СДЭК', 'возврат'])
				expect(`${query}: ${(await searchNodes(page, query)).join(', ')}`).toMatch(
					new RegExp(`^${query}: (.*, )?CDEK(,|$)`),
				);
			await screenshot(page, '10-node-search-russian', 'node-search-russian');

			await pickNodeItem(page, /^CDEK$/);
			// The CDEK node's actions; the refusal is the one a shop needs when a buyer does not want the parcel.
			await pickNodeItem(page, /refus/i);
			await page.waitForSelector(`${NDV} [data-test-id="parameter-input-operation"]`, {
				visible: true,
			});
			// One name for the operation: the actions list, the Operation field, the node's title and its subtitle.
			expect(await shownValue(page, `${NDV} [data-test-id="parameter-input-operation"]`)).toBe(
				'Refuse Delivery',
			);
			expect(await page.$eval(NDV, (ndv) => (ndv as HTMLElement).innerText)).not.toMatch(
				/Create a refusal|Create Refusal/,
			);
		}),
	);

	it(
		'creates a credential for the sandbox: the dialog names the keys both ways and Test passes',
		step(async () => {
			await openCredentialDialog('new');
			const dialog = await page.$eval(MODAL, (element) => (element as HTMLElement).innerText);
			// n8n's own labels for these fields, and the notice that maps them to CDEK's cabinet.
			expect(dialog).toContain('Client ID');
			expect(dialog).toContain('Client Secret');
			expect(dialog).toContain(
				"Find your Account (Client ID) and Secure Password (Client Secret) in CDEK's cabinet, lk.cdek.ru → Integration",
			);
			expect(
				await shownValue(page, `${MODAL} [data-test-id="parameter-input-authentication"]`),
			).toBe('Account and Secure Password (Client ID and Secret)');
			credentialName = await page.$eval(`${MODAL} [data-test-id="credential-name"]`, (element) =>
				(element as HTMLElement).innerText.trim(),
			);

			await fillInput(page, credentialField('clientId'), CDEK_PUBLIC_TEST_KEYS[0]);
			await fillInput(page, credentialField('clientSecret'), CDEK_PUBLIC_TEST_KEYS[1]);
			await fillInput(page, credentialField('baseUrl'), `${demo!.sandboxUrl}/v2`);
			await screenshot(page, '11-credential-dialog', 'credential-dialog');
			await saveCredential();
			// A passing Test closes the dialog and selects the new credential in the node.
			await page.waitForSelector(MODAL, { hidden: true, timeout: 60000 });
			expect(await shownValue(page, `${NDV} [data-test-id="node-credentials-select"]`)).toBe(
				credentialName,
			);
		}),
	);

	it(
		"a wrong secure password fails Test with CDEK's reason and where to check the keys; the right one passes again",
		step(async () => {
			await openCredentialDialog('selected');
			await fillInput(page, credentialField('clientSecret'), 'not-the-secure-password');
			await saveCredential();
			await textOnceItShows(page, MODAL, 'Couldn’t connect with these settings');
			await page.$$eval(`${MODAL} *`, (elements) =>
				(
					elements
						.filter((element) => (element as HTMLElement).innerText?.trim() === 'More details')
						.pop() as HTMLElement
				).click(),
			);
			const failed = await textOnceItShows(
				page,
				MODAL,
				'CDEK rejected the Account and Secure Password',
			);
			expect(failed).toContain('(invalid_client: Bad client credentials, HTTP 401)');
			expect(failed).toContain('lk.cdek.ru → Integration');
			expect(failed).not.toContain('not-the-secure-password');
			await screenshot(page, '12-credential-wrong-secret', 'credential-wrong-secret');

			await fillInput(page, credentialField('clientSecret'), CDEK_PUBLIC_TEST_KEYS[1]);
			await saveCredential();
			await textOnceItShows(page, MODAL, 'Connection tested successfully');
			await page.waitForFunction(
				(button) =>
					(document.querySelector(button) as HTMLElement | null)?.innerText.trim() === 'Saved',
				{},
				`${MODAL} [data-test-id="credential-save-button"]`,
			);
			await closeCredentialDialog();
		}),
	);

	it(
		'refuses an order on its way, then sees why a refusal of an order not shipped yet is held back',
		step(async () => {
			const order = `${NDV} [data-test-id="rlc-input"]`;
			const sent = (await (await fetch(`${demo!.sandboxUrl}/_sandbox/info`)).json()) as {
				seeds: Record<string, { number: string; uuid: string; status: string }>;
			};
			const { inTransit, created } = sent.seeds;

			await fillInput(page, order, inTransit.number);
			await executeStep();
			const output = await textOnceItShows(page, OUTPUT, inTransit.uuid);
			expect(output).toContain('CREATE_REFUSAL');
			expect(output).toContain('ACCEPTED');

			await fillInput(page, order, created.number);
			await executeStep();
			const blocked = await textOnceItShows(page, OUTPUT, 'Refusal not sent');
			expect(blocked).toMatch(
				/Refusal not sent: the order has not left the shop yet \(CREATED\), and CDEK bills a refusal in this status/,
			);
			expect(blocked).toContain(
				'Use "Cancel Before Shipping" (Delete) to cancel it free of charge',
			);
			await screenshot(page, '13-refusal-held-back', 'cdek-node-refusal-safety-check');

			// The sandbox registered the one refusal and nothing for the order not shipped yet.
			const counters = (await (await fetch(`${demo!.sandboxUrl}/_sandbox/counters`)).json()) as {
				refusals: Record<string, { registered: number }>;
			};
			expect(counters.refusals[inTransit.uuid]?.registered).toBe(1);
			expect(counters.refusals[created.uuid]?.registered ?? 0).toBe(0);
			const now = (await (await fetch(`${demo!.sandboxUrl}/_sandbox/info`)).json()) as typeof sent;
			expect(now.seeds.created.status).toBe('CREATED');
			await closeNode(page);
			const onCanvas = await canvasNodeText();
			expect(onCanvas).toContain('Refuse Delivery');
			expect(onCanvas).not.toMatch(/Create a refusal|Create Refusal|CreateRefusal/);
		}),
	);

	it(
		"prints SHOP-1006's return label, not the order's, once the customer's return is registered; names it one way everywhere",
		step(async () => {
			const info = (await (await fetch(`${demo!.sandboxUrl}/_sandbox/info`)).json()) as {
				seeds: Record<string, { number: string; uuid: string; cdek_number: string }>;
			};
			const bought = info.seeds.delivered2;
			expect(bought.number).toBe('SHOP-1006');
			// The customer's return, registered as any CDEK client would (example 02 does it from a webhook).
			expect((await sandboxApi('POST', `/orders/${bought.uuid}/clientReturn`)).status).toBe(202);
			await fetch(`${demo!.sandboxUrl}/_sandbox/settle`, { method: 'POST' });
			const direct = (await (
				await fetch(`${demo!.sandboxUrl}/_sandbox/orders/${bought.uuid}`)
			).json()) as { related_entities: Array<{ type: string; uuid: string }> };
			const returnUuid = direct.related_entities.find(
				(entity) => entity.type === 'client_return_order',
			)!.uuid;
			const ret = (await (
				await fetch(`${demo!.sandboxUrl}/_sandbox/orders/${returnUuid}`)
			).json()) as { entity: { cdek_number: string } };

			await addCdekAction(/return label/i);
			expect(await shownValue(page, `${NDV} [data-test-id="parameter-input-operation"]`)).toBe(
				'Get Return Label PDF',
			);
			await fillInput(page, `${NDV} [data-test-id="rlc-input"]`, bought.number);
			await executeStep();
			// The file is named after the return's CDEK number (the panel may show the file rather than the JSON).
			await textOnceItShows(page, OUTPUT, `cdek-label-${ret.entity.cdek_number}.pdf`, 120000);
			await screenshot(page, '15-return-label');
			await closeNode(page);
			const onCanvas = await canvasNodeText();
			expect(onCanvas).toContain('Get Return Label PDF');
			expect(onCanvas).not.toMatch(/GetLabel order/);

			// The PDF CDEK made is the return's: its CDEK number, not the order's.
			const forms = (await (
				await fetch(`${demo!.sandboxUrl}/_sandbox/print-forms`)
			).json()) as Array<{
				entity: { uuid: string; orders: Array<{ order_uuid?: string }> };
			}>;
			const form = forms.find((candidate) =>
				candidate.entity.orders.some((order) => order.order_uuid === returnUuid),
			)!;
			const pdf = readPdf(
				Buffer.from(
					await (await sandboxApi('GET', `/print/barcodes/${form.entity.uuid}.pdf`)).arrayBuffer(),
				),
			);
			expect(pdf.text).toContain(`CDEK number: ${ret.entity.cdek_number}`);
			expect(pdf.text).not.toContain(bought.cdek_number);
			expect(pdf.text).toContain('From: Санкт-Петербург');
		}),
	);

	it(
		'prices a return between two cities typed by name, cheapest first, in roubles and days',
		step(async () => {
			await addCdekAction(/calculate tariffs/i);
			expect(await shownValue(page, `${NDV} [data-test-id="parameter-input-operation"]`)).toBe(
				'Calculate Tariffs',
			);
			await fillInput(
				page,
				`${NDV} [data-test-id="parameter-input-fromCityCode"] input`,
				'Новосибирск',
			);
			await fillInput(page, `${NDV} [data-test-id="parameter-input-toCityCode"] input`, 'Москва');
			await executeStep();
			const output = await textOnceItShows(page, OUTPUT, 'priceRub');
			expect(output).toContain('daysMin');
			// Cheapest first: the sandbox's economy parcel is the cheapest from Novosibirsk to Moscow.
			expect(output).toMatch(/tariffName\s+Экономичная посылка/);
			await screenshot(page, '16-tariffs-by-city-name');
			await closeNode(page);
			expect(await canvasNodeText()).toContain('Calculate Tariffs');
		}),
	);

	it(
		'the CDEK Trigger warns that CDEK cannot reach its localhost webhook URL, with a WEBHOOK_URL example',
		step(async () => {
			await newWorkflow(page, demo!.editorUrl);
			expect(await searchNodes(page, 'СДЭК')).toContain('CDEK');
			await pickNodeItem(page, /^CDEK$/);
			await pickNodeItem(page, /order status changed/i);
			const panel = await textOnceItShows(page, NDV, 'CDEK posts events from the internet');
			expect(panel).toContain('localhost or a private address');
			expect(panel).toContain('WEBHOOK_URL=https://n8n.example.com/');
			expect(panel).toContain('two webhook subscriptions per account');

			// The URLs n8n shows without WEBHOOK_URL are the ones the notice means.
			await page.$$eval(`${NDV} *`, (elements) =>
				(
					elements
						.filter((element) => (element as HTMLElement).innerText?.trim() === 'Webhook URLs')
						.pop() as HTMLElement
				).click(),
			);
			const urls = await textOnceItShows(page, NDV, /https?:\/\/\S+\/webhook/);
			expect(urls).toMatch(/http:\/\/(localhost|127\.0\.0\.1):\d+\/webhook(-test)?\//);

			// Statuses in Russian next to the codes, as CDEK's cabinet shows them.
			await page.click(`${NDV} [data-test-id="parameter-input-statusCodes"]`);
			const statuses = await textOnceItShows(
				page,
				'body',
				'Not Delivered (Не вручен, NOT_DELIVERED)',
			);
			expect(statuses).toContain('Delivered (Вручен, DELIVERED)');
			await page.keyboard.press('Escape');
			await screenshot(page, '14-trigger-localhost-warning', 'cdek-trigger-localhost-warning');
		}),
	);
});
