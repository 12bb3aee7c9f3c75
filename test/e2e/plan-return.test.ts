/**
 * Planning a return in real n8n 2.41.1 (packed package) against the CDEK sandbox: cities, tariffs, pickup points
 * with Return All over CDEK's pages, courier pickups from create to delete, available days, invalid pickup dates and
 * windows refused with nothing sent, and the contract's tariffs as the editor loads them (methods.loadOptions).
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../dev/sandbox';
import type { Sandbox } from '../../dev/sandbox';
import { createN8n, loadOptionList, recordingExecute, withN8nLogs } from '../../dev/n8n';
import type { N8nInstance } from '../../dev/n8n';
import { cdekNode, itemsNodes, manualTrigger, outputOf, workflow } from '../../dev/n8n/workflows';
import { findFreePort } from '../../dev/util/ports';
import { addDays, todayIn } from '../../nodes/Cdek/helpers/pickup-time';

const SECRET = 'E2E-PLAN-SENTINEL-91c4d2';
const account = { id: 'cdekE2ePlanAcct1', name: 'CDEK e2e (plan a return)' };
const wrongKeys = { id: 'cdekE2ePlanWrong1', name: 'CDEK e2e (wrong keys)' };
/** Days from today, with margins that hold in n8n's time zone and the sender's alike. */
const day = (days: number) => addDays(todayIn('UTC'), days);
const fast = { pollInterval: 0.2, waitTimeout: 30 };

describe('planning a return in real n8n (sandbox)', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance | undefined;
	const logs = () => n8n;
	const { printed, execute } = recordingExecute(logs);
	const pagesOf = (path: string, key: string, value: string) =>
		sandbox
			.requestLog()
			.filter((entry) => entry.path === path && entry.query[key] === value)
			.map((entry) => [entry.query.size, entry.query.page]);

	beforeAll(async () => {
		sandbox = await startSandbox({
			settleDelayMs: 100,
			clients: [{ clientId: 'e2e-plan', clientSecret: SECRET }],
		});
		n8n = await createN8n({ withPackage: true });
		await n8n.importCredentials([
			{
				...account,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: 'e2e-plan',
					clientSecret: SECRET,
					baseUrl: sandbox.rootUrl,
				},
			},
			{
				...wrongKeys,
				type: 'cdekApi',
				data: {
					authentication: 'clientCredentials',
					clientId: 'e2e-plan',
					clientSecret: `${SECRET}-wrong`,
					baseUrl: sandbox.rootUrl,
				},
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await sandbox?.stop();
	});

	beforeEach(() => sandbox.reset());

	it(
		'finds the city, the tariffs and every pickup point and city over several pages',
		withN8nLogs(logs, async () => {
			const start = manualTrigger();
			await n8n!.importWorkflow(
				workflow(
					'cdekE2ePlanLists',
					'e2e: plan a return (lists)',
					[start],
					[
						[
							cdekNode('City', account, {
								resource: 'city',
								operation: 'getMany',
								name: 'Новосибирск',
							}),
						],
						[
							cdekNode('Tariffs', account, {
								resource: 'tariff',
								operation: 'calculate',
								fromCityCode: 270,
								toCityCode: 44,
								weight: 1000,
								options: { sendFrom: ['office'], sortBy: 'price' },
							}),
						],
						[
							cdekNode('Moscow points', account, {
								resource: 'office',
								operation: 'getMany',
								cityCode: 44,
								returnAll: true,
							}),
						],
						[
							cdekNode('Russian cities', account, {
								resource: 'city',
								operation: 'getMany',
								returnAll: true,
								filters: { countryCode: 'RU' },
							}),
						],
						[
							cdekNode('Novosibirsk drop-off points', account, {
								resource: 'office',
								operation: 'getMany',
								cityCode: 270,
								filters: { acceptsParcels: true },
							}),
						],
					],
				),
			);
			// Thousands of items: read the execution over REST, as the editor does, not from the CLI's printout.
			const server = await n8n!.start({ port: await findFreePort() });
			let execution: any;
			try {
				execution = await server.runWorkflow('cdekE2ePlanLists');
			} finally {
				await server.stop();
			}
			expect(execution.status).toBe('success');
			expect(outputOf(execution, 'City').map((item) => item.json.code)).toEqual([270]);
			const tariffs = outputOf(execution, 'Tariffs');
			expect(tariffs[0].json).toEqual(
				expect.objectContaining({ tariff_code: 378, delivery_sum: 429 }),
			);
			expect(tariffs.every((item) => [3, 4, 7].includes(item.json.delivery_mode))).toBe(true);

			const points = outputOf(execution, 'Moscow points');
			expect(points).toHaveLength(1204);
			expect(points.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
			expect(pagesOf('/v2/deliverypoints', 'city_code', '44')).toEqual([
				['500', '0'],
				['500', '1'],
				['500', '2'],
			]);
			expect(outputOf(execution, 'Russian cities')).toHaveLength(2406);
			expect(pagesOf('/v2/location/cities', 'country_codes', 'RU')).toEqual([
				['1000', '0'],
				['1000', '1'],
				['1000', '2'],
			]);
			expect(outputOf(execution, 'Novosibirsk drop-off points').map((item) => item.json)).toEqual([
				expect.objectContaining({ code: 'NSK27', acceptsParcels: true }),
				expect.objectContaining({ code: 'NSK1', acceptsParcels: true }),
				expect.objectContaining({ code: 'NSK12', acceptsParcels: true }),
			]);
		}),
	);

	it(
		'orders a courier pickup, reads it, deletes it, and lists the days a courier can come',
		withN8nLogs(logs, async () => {
			const { accepted } = sandbox.seeds;
			const start = manualTrigger();
			await n8n!.importWorkflow(
				workflow(
					'cdekE2ePlanPickup',
					'e2e: courier pickup',
					[
						start,
						cdekNode('Create pickup', account, {
							resource: 'courierPickup',
							operation: 'create',
							pickupFor: 'order',
							order: { __rl: true, mode: 'imNumber', value: accepted.number },
							intakeDate: day(3),
							timeFrom: '10:00',
							timeTo: '12:00',
							options: { waitForVerdict: true, ...fast },
						}),
						cdekNode('Create again', account, {
							resource: 'courierPickup',
							operation: 'create',
							pickupFor: 'order',
							order: { __rl: true, mode: 'cdekNumber', value: accepted.cdek_number },
							intakeDate: day(4),
							timeFrom: '10:00',
							timeTo: '18:00',
						}),
						cdekNode('Get pickup', account, {
							resource: 'courierPickup',
							operation: 'get',
							pickupUuid: "={{ $('Create pickup').item.json.entity.uuid }}",
						}),
						cdekNode('Delete pickup', account, {
							resource: 'courierPickup',
							operation: 'delete',
							pickupUuid: '={{ $json.entity.uuid }}',
							options: { waitForVerdict: true, ...fast },
						}),
					],
					[
						[
							cdekNode('Days', account, {
								resource: 'courierPickup',
								operation: 'getAvailableDays',
								cityCode: 270,
							}),
						],
					],
				),
			);
			const { exitCode, execution } = await execute('cdekE2ePlanPickup');
			expect(exitCode).toBe(0);
			const [created] = outputOf(execution, 'Create pickup');
			expect(created.json.hint).toMatch(
				/^The pickup window 10:00–12:00 is 2 h; CDEK advises at least 3 hours/,
			);
			expect(created.json.result).toEqual(
				expect.objectContaining({
					state: 'SUCCESSFUL',
					pickupStatus: 'READY_FOR_APPOINTMENT',
					intakeNumber: expect.stringMatching(/^\d+$/),
					orderUuid: accepted.uuid,
				}),
			);
			const [again] = outputOf(execution, 'Create again');
			expect(again.json).toEqual(
				expect.objectContaining({ entity: created.json.entity, alreadyRegistered: true }),
			);
			expect(sandbox.counters().intakes[accepted.uuid].registered).toBe(1);
			const [read] = outputOf(execution, 'Get pickup');
			expect(read.json.entity.intake_number).toBe(created.json.result.intakeNumber);
			const [deleted] = outputOf(execution, 'Delete pickup');
			expect(deleted.json.result).toEqual(
				expect.objectContaining({ state: 'SUCCESSFUL', pickupStatus: 'REMOVED' }),
			);
			const [days] = outputOf(execution, 'Days');
			expect(days.json.date.length).toBeGreaterThan(5);
			expect(printed.join('\n')).not.toContain(SECRET);
		}),
	);

	it(
		'refuses an invalid pickup date or window in any item before anything is sent',
		withN8nLogs(logs, async () => {
			const order = { __rl: true, mode: 'cdekNumber', value: sandbox.seeds.accepted.cdek_number };
			const cases: Array<[string, IDataObject, RegExp]> = [
				[
					'cdekE2ePlanBadWindow',
					{ date: day(3), from: '08:00', to: '12:00' },
					/Time From must be a time HH:mm from 09:00 to 22:00, when CDEK's couriers come, got "08:00" \[item 2\]/,
				],
				[
					'cdekE2ePlanBadDate',
					{ date: day(-3), from: '10:00', to: '18:00' },
					/Pickup Date must be a date from today .* to 31 days ahead .*\[item 2\]/,
				],
				[
					'cdekE2ePlanNoDay',
					{ date: '2027-02-30', from: '10:00', to: '18:00' },
					/Pickup Date must be a date that exists, written YYYY-MM-DD.*\[item 2\]/,
				],
			];
			for (const [id, invalid, message] of cases) {
				await n8n!.importWorkflow(
					workflow(id, `e2e: ${id}`, [
						manualTrigger(),
						...itemsNodes([{ date: day(3), from: '10:00', to: '18:00' }, invalid]),
						cdekNode('CDEK', account, {
							resource: 'courierPickup',
							operation: 'create',
							pickupFor: 'order',
							order,
							intakeDate: '={{ $json.date }}',
							timeFrom: '={{ $json.from }}',
							timeTo: '={{ $json.to }}',
						}),
					]),
				);
				sandbox.clearLog();
				const { exitCode, execution, stdout } = await execute(id);
				expect(exitCode).toBe(1);
				const error = execution?.data?.resultData?.error ?? {};
				expect(`${error.message ?? ''} ${stdout}`).toMatch(message);
				expect(sandbox.requestLog()).toEqual([]);
			}
		}),
	);

	it(
		"loads the contract's tariffs for the editor, and explains a wrong credential without its secret",
		withN8nLogs(logs, async () => {
			const server = await n8n!.start({ port: await findFreePort() });
			try {
				const request = (credential: { id: string; name: string }) =>
					loadOptionList(server.rest, {
						nodeType: 'n8n-nodes-cdek.cdek',
						version: 2,
						methodName: 'getTariffs',
						path: 'parameters.tariffCode',
						parameters: { resource: 'order', operation: 'createClientReturn' },
						credentials: { cdekApi: credential },
					});
				const listed = await request(account);
				expect(listed.status).toBe(200);
				const options = listed.body.data as Array<{ name: string; value: number }>;
				expect(options.map((option) => option.value)).toEqual(
					expect.arrayContaining([136, 139, 234, 483]),
				);
				expect(options[0]).toEqual(
					expect.objectContaining({
						name: '136 — Посылка склад-склад (office → office)',
						value: 136,
					}),
				);
				expect(
					sandbox.requestLog().filter((entry) => entry.path === '/v2/calculator/alltariffs'),
				).toHaveLength(1);

				const refused = await request(wrongKeys);
				expect(refused.status).toBeGreaterThanOrEqual(400);
				const text = JSON.stringify(refused.body);
				expect(text).toContain('Could not load the tariffs of your CDEK contract');
				expect(text).not.toContain(SECRET);
			} finally {
				await server.stop();
			}
		}),
	);
});
