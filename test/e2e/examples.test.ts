/**
 * The example workflows of examples/ in real n8n 2.41.1 (packed package), imported exactly as `npm start` imports
 * them (dev/demo/examples.ts: the "CDEK Sandbox" and "Payment Sandbox" credentials, the sandbox address
 * written in for this test's port) and run the way the editor runs them, against the CDEK sandbox and its payment
 * module served by this test process. Each test starts from fresh sandbox seeds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { findFreePort } from '../../dev/util/ports';
import { repoRoot } from '../../dev/n8n/package-install';
import {
	type ExampleWorkflow,
	loadExamples,
	paymentCredential,
	RETURN_WEBHOOK_HEADER,
	returnWebhookCredential,
	sandboxCredential,
} from '../../dev/demo/examples';
import { readPdf } from '../../dev/util/pdf-check';
import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance, N8nServer } from '../../dev/n8n';
import { publish } from '../../dev/n8n/publication';

/** How long the webhook workflow may take to be published, at most. */
const PUBLISHED_WITHIN_MS = 120000;
import { outputOf } from '../../dev/n8n/workflows';

const EXAMPLES_DIR = join(repoRoot, 'examples');
const WEBHOOK_PATH = 'cdek-client-return';
/** The Header Auth key examples/02's webhook is imported with in this test. */
const WEBHOOK_KEY = 'e2e-return-webhook-key-4b7d1c';
/** examples/03 with other payment orders, for the platform's eligibility errors (15030, 15040, 15060). */
const REFUND_ERRORS_ID = 'cdekExampleRefundErr';

function exampleByFile(examples: ExampleWorkflow[], prefix: string): ExampleWorkflow {
	const example = examples.find((candidate) => candidate.file.startsWith(prefix));
	if (!example)
		throw new Error(
			`examples/${prefix}*.json is missing; have: ${examples.map((e) => e.file).join(', ')}`,
		);
	return example;
}

/** A copy of examples/03 whose "Returns to process" lists other payment orders (each on a delivered CDEK order). */
function refundErrorsVariant(refund: ExampleWorkflow): object {
	const workflow = JSON.parse(JSON.stringify(refund.workflow));
	const returns = workflow.nodes.find(
		(node: { name: string }) => node.name === 'Returns to process',
	);
	returns.parameters.jsonOutput = JSON.stringify({
		returns: [
			{ orderNumber: 'SHOP-1005', paymentOrderId: 'PAY-UNPAID', reason: 'Wrong size' },
			{ orderNumber: 'SHOP-1006', paymentOrderId: 'PAY-ZERO', reason: 'Wrong colour' },
			{ orderNumber: 'SHOP-1008', paymentOrderId: 'PAY-NO-SUCH-ORDER', reason: 'Damaged' },
		],
	});
	return { ...workflow, id: REFUND_ERRORS_ID, name: `${workflow.name} (e2e: payment errors)` };
}

describe('example workflows in real n8n (sandbox)', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance | undefined;
	let server: N8nServer;
	let examples: ExampleWorkflow[];
	const logs = () => n8n;
	const json = (execution: any, node: string, output = 0) =>
		outputOf(execution, node, output).map((item) => item.json);

	async function run(example: ExampleWorkflow | string, triggerNodeName?: string): Promise<any> {
		const execution = await server.runWorkflow(typeof example === 'string' ? example : example.id, {
			triggerNodeName,
		});
		expect({ status: execution.status, error: execution.data?.resultData?.error?.message }).toEqual(
			{ status: 'success', error: undefined },
		);
		return execution;
	}

	beforeAll(async () => {
		sandbox = await startSandbox({ settleDelayMs: 50 });
		examples = loadExamples(EXAMPLES_DIR, sandbox.url);
		n8n = await createN8n({ withPackage: true });
		await n8n.importCredentials([
			sandboxCredential(sandbox.rootUrl, sandbox.testKeys),
			paymentCredential(sandbox.options().paymentToken),
			returnWebhookCredential(WEBHOOK_KEY),
		]);
		await n8n.importWorkflows([
			...examples.map((example) => example.workflow),
			refundErrorsVariant(exampleByFile(examples, '03-')),
		]);
		server = await n8n.start({ port: await findFreePort() });
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.stop();
	});

	beforeEach(() => sandbox.reset({ config: true }));

	it('every example is importable with a stable id, uses the sandbox credentials, explains itself and is documented', () => {
		const readme = readFileSync(join(EXAMPLES_DIR, 'README.md'), 'utf8');
		expect(examples.map((example) => example.file)).toEqual([
			'01-refuse-undelivered-orders.json',
			'02-customer-return-webhook.json',
			'03-return-with-payment-refund.json',
			'04-cancel-or-refuse-by-status.json',
			'05-plan-a-return.json',
			'06-ai-return-assistant.json',
		]);
		for (const example of examples) {
			const raw = JSON.parse(readFileSync(join(EXAMPLES_DIR, example.file), 'utf8'));
			expect(raw.id).toBe(example.id);
			expect(raw.id.length).toBeGreaterThanOrEqual(15);
			const nodes = raw.nodes as Array<{ type: string; credentials?: Record<string, unknown> }>;
			expect(
				nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length,
			).toBeGreaterThan(0);
			const cdekNodes = nodes.filter((node) =>
				['n8n-nodes-cdek.cdek', 'n8n-nodes-cdek.cdekTool'].includes(node.type),
			);
			expect(cdekNodes.length).toBeGreaterThan(0);
			for (const node of cdekNodes)
				expect(node.credentials).toEqual({
					cdekApi: { id: 'cdekSandboxCred1', name: 'CDEK Sandbox' },
				});
			expect(readme).toContain(example.file);
			expect(readme).toContain(example.name);
		}
	});

	it(
		'01 refuses the orders on their way, skips the CREATED and DELIVERED ones with the alternative, fails the unknown one; a second run sends nothing again',
		withN8nLogs(logs, async () => {
			const { inTransit, inTransit2, readyForPickup, created, delivered2 } = sandbox.seeds;
			const example = exampleByFile(examples, '01-');
			const [summary] = json(await run(example), 'Summary');

			expect({ done: summary.done, skipped: summary.skipped, failed: summary.failed }).toEqual({
				done: 3,
				skipped: 2,
				failed: 1,
			});
			const byOrder = Object.fromEntries(summary.orders.map((order: any) => [order.order, order]));
			for (const order of [inTransit.number, 'SHOP-1013', 'SHOP-1004'])
				expect(byOrder[order]).toEqual(
					expect.objectContaining({ outcome: 'done', requestState: 'ACCEPTED' }),
				);
			expect(byOrder['SHOP-1001']).toEqual(
				expect.objectContaining({
					outcome: 'skipped',
					reason: expect.stringContaining('has not left the shop yet (CREATED)'),
					whatToDo: expect.stringContaining('Use "Cancel Before Shipping" (Delete)'),
				}),
			);
			expect(byOrder['SHOP-1006']).toEqual(
				expect.objectContaining({
					outcome: 'skipped',
					reason: expect.stringContaining('already delivered'),
					whatToDo: expect.stringContaining('Create Client Return'),
				}),
			);
			expect(byOrder['SHOP-1099']).toEqual(
				expect.objectContaining({
					outcome: 'failed',
					reason: expect.stringContaining('v2_entity_not_found_im_number'),
				}),
			);
			const refusals = sandbox.counters().refusals;
			for (const order of [inTransit, inTransit2, readyForPickup])
				expect(refusals[order.uuid]?.registered).toBe(1);
			for (const order of [created, delivered2])
				expect(refusals[order.uuid]?.registered ?? 0).toBe(0);

			const [again] = json(await run(example), 'Summary');
			expect({ done: again.done, skipped: again.skipped, failed: again.failed }).toEqual({
				done: 3,
				skipped: 2,
				failed: 1,
			});
			for (const order of again.orders.filter((o: any) => o.outcome === 'done'))
				expect(order.message).toMatch(/^The refusal was already registered/);
			for (const order of [inTransit, inTransit2, readyForPickup])
				expect(sandbox.counters().refusals[order.uuid].registered).toBe(1);
		}),
	);

	it(
		'02 answers an authenticated customer with the return label PDF; 400, 404 (the same for an unknown order and a wrong phone), 409; nothing registered for a wrong identity',
		withN8nLogs(logs, async () => {
			const example = exampleByFile(examples, '02-');
			const publication = await publish(server, example.id, PUBLISHED_WITHIN_MS);
			expect(publication.status).toBe('published');

			const call = async (body: object, key: string | null = WEBHOOK_KEY) => {
				const response = await fetch(`${server.url}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						...(key === null ? {} : { [RETURN_WEBHOOK_HEADER]: key }),
					},
					body: JSON.stringify(body),
				});
				const bytes = Buffer.from(await response.arrayBuffer());
				const type = response.headers.get('content-type') ?? '';
				return {
					status: response.status,
					type,
					disposition: response.headers.get('content-disposition'),
					bytes,
					json: type.includes('json') ? JSON.parse(bytes.toString()) : undefined,
				};
			};
			const { delivered, delivered2, partiallyDelivered } = sandbox.seeds;
			const clientReturns = () => sandbox.counters().clientReturns;

			for (const key of [null, 'a-guessed-key']) {
				const refused = await call({ orderNumber: 'SHOP-1006', phone: '+7 921 123-45-09' }, key);
				expect(refused.status).toBe(403);
			}
			expect(sandbox.requestLog()).toEqual([]);

			const label = await call({ orderNumber: 'SHOP-1006', phone: '+7 921 123-45-09' });
			expect({ status: label.status, type: label.type }).toEqual({
				status: 200,
				type: expect.stringContaining('application/pdf'),
			});
			const returnOrderUuid = sandbox
				.getOrder(delivered2.uuid)!
				.related_entities.find((entity) => entity.type === 'client_return_order')!.uuid;
			const returnOrder = sandbox.getOrder(returnOrderUuid)!.entity;
			expect(label.disposition).toContain(`cdek-label-${returnOrder.cdek_number}.pdf`);
			expect(label.bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(label.bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
			const pdf = readPdf(label.bytes);
			expect(pdf.pages).toBeGreaterThanOrEqual(1);
			expect(pdf.text).toContain(`CDEK number: ${returnOrder.cdek_number}`);
			expect(pdf.text).toContain('Shop order number: SHOP-1006-CR');
			expect(clientReturns()[delivered2.uuid]).toEqual(
				expect.objectContaining({ registered: 1, applied: 1 }),
			);

			const again = await call({ orderNumber: 'SHOP-1006', phone: '79211234509' });
			expect(again.status).toBe(200);
			expect(readPdf(again.bytes).text).toContain(`CDEK number: ${returnOrder.cdek_number}`);
			expect(clientReturns()[delivered2.uuid].registered).toBe(1);

			const byEmail = await call({
				orderNumber: ' SHOP-1008 ',
				email: ' N.Volkova@example.ru',
				tariffCode: 139,
			});
			expect(byEmail.status).toBe(200);
			expect(clientReturns()[partiallyDelivered.uuid].registered).toBe(1);
			const returnBodies = sandbox
				.requestLog()
				.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/clientReturn'))
				.map((entry) => entry.body);
			expect(returnBodies).toEqual([{ tariff_code: 136 }, { tariff_code: 136 }]);

			const wrongPhone = await call({ orderNumber: 'SHOP-1005', phone: '+7 921 123-45-09' });
			const unknown = await call({ orderNumber: 'SHOP-1099', phone: '+7 921 123-45-09' });
			expect(wrongPhone.status).toBe(404);
			expect(unknown.status).toBe(404);
			expect(wrongPhone.json).toEqual(unknown.json);
			expect(wrongPhone.json).toEqual({ ok: false, error: expect.any(String) });
			expect(clientReturns()[delivered.uuid]).toBeUndefined();

			const onItsWay = await call({ orderNumber: 'SHOP-1003', phone: '+7 911 123-45-03' });
			expect(onItsWay.status).toBe(409);
			expect(onItsWay.json).toEqual(
				expect.objectContaining({
					ok: false,
					orderNumber: 'SHOP-1003',
					whatToDo: expect.stringContaining('Use "Refuse Delivery" (Create Refusal)'),
				}),
			);
			expect(onItsWay.json.error).toMatch(
				/^Client return not sent: the order is not delivered yet \(SENT_TO_RECIPIENT_CITY\)/,
			);

			const incomplete = await call({ orderNumber: 'SHOP-1006' });
			expect(incomplete.status).toBe(400);
			expect(incomplete.json).toEqual(
				expect.objectContaining({ ok: false, error: expect.stringContaining('phone or email') }),
			);

			expect(
				(await server.rest('POST', `/rest/workflows/${example.id}/deactivate`, {})).status,
			).toBe(200);
		}),
	);

	it(
		'02 also runs from the editor with its pinned sample request, up to the label',
		withN8nLogs(logs, async () => {
			const execution = await run(exampleByFile(examples, '02-'), 'Return request');
			const [answer] = json(execution, 'Answer 200: the return label');
			expect(answer).toEqual(
				expect.objectContaining({
					number: 'SHOP-1006-CR',
					labelType: 'barcode',
					fileName: expect.stringMatching(/^cdek-label-\d+\.pdf$/),
				}),
			);
			expect(sandbox.counters().clientReturns[sandbox.seeds.delivered2.uuid].registered).toBe(1);
		}),
	);

	it(
		'03 waits for CDEK to accept the return, then requests the refund; checks the limits first and explains every outcome',
		withN8nLogs(logs, async () => {
			const { delivered, partiallyDelivered, inTransit, alreadyClientReturned } = sandbox.seeds;
			const execution = await run(exampleByFile(examples, '03-'));

			const [requested] = json(execution, 'Refund requested');
			const refund = sandbox
				.paymentRefunds()
				.find((candidate) => candidate.order_id === 'SHOP-1005');
			expect(refund).toEqual(
				expect.objectContaining({
					email: 'returns@shop.example',
					description: 'Client return of order SHOP-1005: Wrong size',
					status: 'new',
				}),
			);
			expect(requested).toEqual(
				expect.objectContaining({
					orderNumber: 'SHOP-1005',
					outcome: 'refund requested',
					refundRequestId: refund!.refund_request_id,
				}),
			);
			// The refund was requested only after CDEK's verdict: the return had settled SUCCESSFUL by then.
			expect(sandbox.counters().clientReturns[delivered.uuid]).toEqual(
				expect.objectContaining({ registered: 1, applied: 1 }),
			);
			const refundRequest = sandbox
				.requestLog()
				.find((entry) => entry.path === '/payment/v1/order/SHOP-1005/refund');
			expect(refundRequest).toEqual(
				expect.objectContaining({
					method: 'POST',
					status: 200,
					body: { description: refund!.description, email: refund!.email },
				}),
			);
			expect(refundRequest!.headers['content-type']).toMatch(/^application\/json/);

			const [refused] = json(execution, 'Refund refused');
			expect(refused).toEqual(
				expect.objectContaining({
					orderNumber: 'SHOP-1008',
					outcome: 'refund refused',
					errorCodes: '15050',
				}),
			);
			expect(refused.message).toContain(
				'A refund request for this order is already being processed: do not send another',
			);
			expect(sandbox.counters().clientReturns[partiallyDelivered.uuid]).toEqual(
				expect.objectContaining({ registered: 1, applied: 1 }),
			);

			const [noReturn] = json(execution, 'No return: CDEK refused');
			expect(noReturn).toEqual(
				expect.objectContaining({
					orderNumber: 'SHOP-1003',
					outcome: 'no return',
					whatToDo: expect.stringContaining('Use "Refuse Delivery" (Create Refusal)'),
				}),
			);
			expect(sandbox.counters().clientReturns[inTransit.uuid]?.registered ?? 0).toBe(0);

			const [notSent] = json(execution, 'Not sent: fix the request');
			expect(notSent).toEqual(
				expect.objectContaining({ orderNumber: 'SHOP-1012', outcome: 'not sent' }),
			);
			expect(notSent.message).toMatch(
				/the description has \d+ characters, at most 500 are allowed/,
			);
			const aboutShop1012 = sandbox
				.requestLog()
				.filter(
					(entry) =>
						entry.path.includes(alreadyClientReturned.uuid) ||
						entry.path.includes('SHOP-1012') ||
						JSON.stringify(entry.query).includes('SHOP-1012'),
				);
			expect(aboutShop1012).toEqual([]);
			expect(Object.keys(sandbox.counters().paymentRefunds).sort()).toEqual([
				'PAY-PENDING-REFUND',
				'SHOP-1005',
			]);
		}),
	);

	it(
		"03 turns the payment platform's errors into readable outcomes: 15030, 15040, 15060, a rejected token (15000) and a failure (500)",
		withN8nLogs(logs, async () => {
			const outcomes = (execution: any) =>
				Object.fromEntries(
					[
						'Refund requested',
						'Refund refused',
						'Fix the payment credential',
						'Payment platform failed',
					].flatMap((node) =>
						(execution.data.resultData.runData[node] ? json(execution, node) : []).map((item) => [
							item.orderNumber,
							{ node, ...item },
						]),
					),
				);

			const eligibility = outcomes(await run(REFUND_ERRORS_ID));
			expect(eligibility['SHOP-1005']).toEqual(
				expect.objectContaining({
					node: 'Refund refused',
					errorCodes: '15030',
					message: expect.stringContaining('The order is not paid'),
				}),
			);
			expect(eligibility['SHOP-1006']).toEqual(
				expect.objectContaining({
					node: 'Refund refused',
					errorCodes: '15040',
					message: expect.stringContaining('amount is zero'),
				}),
			);
			expect(eligibility['SHOP-1008']).toEqual(
				expect.objectContaining({
					node: 'Refund refused',
					errorCodes: '15060',
					message: expect.stringMatching(
						/\(HTTP 404\): The payment platform has no order with this id/,
					),
				}),
			);

			sandbox.reset();
			sandbox.configure({ paymentToken: 'rotated-by-the-platform' });
			sandbox.injectFault({
				kind: 'status',
				status: 500,
				path: '/payment/v1/order/PAY-PENDING-REFUND/refund',
			});
			const rejected = outcomes(await run(exampleByFile(examples, '03-')));
			expect(rejected['SHOP-1005']).toEqual(
				expect.objectContaining({
					node: 'Fix the payment credential',
					errorCodes: '15000',
					message: expect.stringContaining('rejected our token (HTTP 401)'),
				}),
			);
			expect(rejected['SHOP-1008']).toEqual(
				expect.objectContaining({
					node: 'Payment platform failed',
					outcome: 'refund failed: try again',
					message: expect.stringContaining('(HTTP 500)'),
				}),
			);
			expect(sandbox.paymentRefunds().filter((refund) => refund.status === 'new')).toEqual([]);
		}),
	);

	it(
		'04 is one CDEK node: deletes the order not shipped yet, refuses those on their way, reports the client return already registered, explains the rest',
		withN8nLogs(logs, async () => {
			const {
				accepted,
				inTransit3,
				inTransit4,
				alreadyClientReturned,
				deliveredDeliveryType,
				removed,
			} = sandbox.seeds;
			const example = exampleByFile(examples, '04-');
			const cdekNodes = (example.workflow.nodes as Array<{ type: string; parameters: any }>).filter(
				(node) => node.type === 'n8n-nodes-cdek.cdek',
			);
			expect(cdekNodes.map((node) => node.parameters.operation)).toEqual(['cancelOrReturn']);
			const results = json(await run(example), 'What happened');
			const byNumber = Object.fromEntries(results.map((result) => [result.number, result]));

			expect(byNumber).toEqual({
				'SHOP-1002': expect.objectContaining({
					status: 'ACCEPTED',
					action: 'delete',
					outcome: 'cancelled',
				}),
				'SHOP-1014': expect.objectContaining({
					status: 'TAKEN_BY_COURIER',
					action: 'refusal',
					outcome: 'refused',
				}),
				'SHOP-1015': expect.objectContaining({
					status: 'ACCEPTED_AT_TRANSIT_WAREHOUSE',
					action: 'refusal',
					outcome: 'refused',
				}),
				'SHOP-1012': expect.objectContaining({
					status: 'DELIVERED',
					action: 'clientReturn',
					outcome: 'client return registered',
					message: expect.stringMatching(/^Already registered earlier/),
				}),
				'SHOP-1007': expect.objectContaining({
					status: 'DELIVERED',
					outcome: 'not possible',
					message: expect.stringContaining('only for online-store orders'),
				}),
				'SHOP-1010': expect.objectContaining({
					status: 'REMOVED',
					action: 'none',
					outcome: 'nothing to do',
				}),
				'SHOP-1098': expect.objectContaining({
					outcome: 'failed',
					message: expect.stringContaining('v2_entity_not_found_im_number'),
				}),
			});
			const counters = sandbox.counters();
			expect(counters.deletes[accepted.uuid]?.registered).toBe(1);
			expect(
				[inTransit3, inTransit4].map((order) => counters.refusals[order.uuid]?.registered),
			).toEqual([1, 1]);
			expect(counters.chargeableRefusals).toBe(0);
			expect(counters.clientReturns[alreadyClientReturned.uuid]).toBeUndefined();
			for (const order of [deliveredDeliveryType, removed]) {
				expect(counters.refusals[order.uuid]).toBeUndefined();
				expect(counters.deletes[order.uuid]).toBeUndefined();
				expect(counters.clientReturns[order.uuid]).toBeUndefined();
			}
		}),
	);

	it(
		"05 plans the return: the customer's city, the cheapest office tariff to the warehouse, drop-off points that accept parcels, and the client return with that tariff; a second run registers nothing again",
		withN8nLogs(logs, async () => {
			const { delivered } = sandbox.seeds;
			const example = exampleByFile(examples, '05-');
			const execution = await run(example);

			expect(json(execution, 'Look up the city').map((city) => city.code)).toEqual([270]);
			const tariffs = json(execution, 'Price the return');
			expect(tariffs.map((tariff) => tariff.tariff_code)).toEqual([234, 233, 136, 137, 483, 482]);
			const [message] = json(execution, 'Message for the customer');
			// Novosibirsk → Moscow, 1.2 kg: economy office-to-office, 250 + 30 × 2 kg + 0.06 × 2810 km (dev/sandbox/README.md).
			expect(message).toEqual(
				expect.objectContaining({
					orderNumber: 'SHOP-1005',
					returnStatus: 'registered: ACCEPTED',
					tariffCode: 234,
					tariff: 'Экономичная посылка склад-склад',
					priceRub: 479,
					workingDays: '8–10',
					dropOffPoints: [
						expect.stringMatching(/^NSK27, Новосибирск, ул\. Блюхера: ул\. Блюхера, 32 \(/),
						expect.stringMatching(/^NSK1, Новосибирск, Красный пр\.: Красный пр\., 25 \(/),
					],
				}),
			);
			// Written to a Russian customer in Russian.
			expect(message.message).toMatch(/^Здравствуйте! Возврат заказа SHOP-1005 оформлен в СДЭК\./);
			expect(message.message).toContain('ул. Блюхера, 32; Красный пр., 25');
			expect(message.message).toContain('8–10 рабочих дней');
			const points = sandbox
				.requestLog()
				.filter((entry) => entry.path === '/v2/deliverypoints')
				.map((entry) => entry.query);
			expect(points).toEqual([
				{ city_code: '270', type: 'PVZ', is_reception: 'true', size: '3', page: '0' },
			]);
			const returns = sandbox
				.requestLog()
				.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/clientReturn'));
			expect(returns.map((entry) => [entry.path, entry.body])).toEqual([
				[`/v2/orders/${delivered.uuid}/clientReturn`, { tariff_code: 234 }],
			]);

			const [again] = json(await run(example), 'Message for the customer');
			expect(again.returnStatus).toBe('already registered');
			expect(sandbox.counters().clientReturns[delivered.uuid].registered).toBe(1);
		}),
	);
});
