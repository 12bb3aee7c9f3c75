import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	accountCredential,
	apiCalls,
	runCdek,
	useSandbox,
} from '../../../dev/n8n-core/cdek-fixture';
import { addDays, todayIn } from '../../../nodes/Cdek/helpers/pickup-time';

const fast = { pollInterval: 0.1, waitTimeout: 10 };
const unknownUuid = '11111111-2222-4333-8444-555555555555';

describe.each([1, 2])(
	'Courier Pickup → Get, Delete, Get Available Days (n8n-core, real HTTP, sandbox), version %i',
	(version) => {
		const sandbox = useSandbox({ settleDelayMs: -1 });
		const run = async (parameters: INodeParameters) =>
			await runCdek(
				{ resource: 'courierPickup', ...parameters },
				{ version, credentials: accountCredential(sandbox()) },
			);
		/** Version 1 keeps the checks and the verdict in Options; version 2 shows them as parameters of their own. */
		const checks = (values: IDataObject) => (version === 1 ? { options: values } : values);
		/** A pickup for the seeded order on its way to settling, straight through the sandbox. */
		const pickup = async (): Promise<string> => {
			const result = await run({
				operation: 'create',
				pickupFor: 'order',
				order: { __rl: true, mode: 'uuid', value: sandbox().seeds.accepted.uuid },
				intakeDate: addDays(todayIn('UTC'), 3),
				timeFrom: '10:00',
				timeTo: '18:00',
			});
			sandbox().settlePending();
			sandbox().clearLog();
			return (result.output('CDEK')[0].json.entity as IDataObject).uuid as string;
		};
		const deletes = () => apiCalls(sandbox()).filter((call) => call.method === 'DELETE');

		it('gets a pickup with its number and its statuses, newest first', async () => {
			const uuid = await pickup();
			const [item] = (
				await run({ operation: 'get', pickupUuid: ` ${uuid.toUpperCase()} ` })
			).output('CDEK');
			const entity = item.json.entity as IDataObject;
			expect(entity).toEqual(
				expect.objectContaining({ uuid, intake_number: expect.stringMatching(/^\d+$/) }),
			);
			expect((entity.statuses as IDataObject[]).map((status) => status.code)).toEqual([
				'READY_FOR_APPOINTMENT',
				'CREATED',
				'ACCEPTED',
			]);
			expect(apiCalls(sandbox())).toEqual([
				{ method: 'GET', path: `/v2/intakes/${uuid}`, body: undefined },
			]);
		});

		it("deletes a pickup (CDEK answers 200) and waits for CDEK's verdict: REMOVED", async () => {
			const uuid = await pickup();
			sandbox().configure({ settleDelayMs: 50 });
			const [item] = (
				await run({
					operation: 'delete',
					pickupUuid: uuid,
					...checks({ waitForVerdict: true, ...fast }),
				})
			).output('CDEK');
			expect(item.json).toEqual({
				// Version 2 says what happened first.
				...(version === 2
					? { summary: 'Deletion of the courier pickup done: CDEK carried it out (SUCCESSFUL).' }
					: {}),
				entity: { uuid },
				requests: [expect.objectContaining({ type: 'DELETE', state: 'ACCEPTED' })],
				related_entities: [],
				result: expect.objectContaining({ state: 'SUCCESSFUL', pickupStatus: 'REMOVED' }),
			});
			expect(deletes()).toHaveLength(1);
		});

		it('a deleted pickup is reported alreadyRegistered: read first, or from CDEK’s final-status answer', async () => {
			const uuid = await pickup();
			await run({ operation: 'delete', pickupUuid: uuid });
			sandbox().settlePending();
			const again = (await run({ operation: 'delete', pickupUuid: uuid })).output('CDEK')[0].json;
			expect(again).toEqual(
				expect.objectContaining({
					entity: { uuid },
					requests: [expect.objectContaining({ type: 'DELETE', state: 'SUCCESSFUL' })],
					alreadyRegistered: true,
				}),
			);
			expect(deletes()).toHaveLength(1);
			const unchecked = await run({
				operation: 'delete',
				pickupUuid: uuid,
				...checks({ preventDuplicates: false }),
			});
			expect(unchecked.output('CDEK')[0].json.alreadyRegistered).toBe(true);
			expect(deletes()).toHaveLength(2);
			expect(sandbox().counters().intakeDeletes[uuid]).toEqual({
				registered: 1,
				applied: 1,
				rejected: 0,
			});
		});

		it("fails with CDEK's code for an unknown pickup, and sends nothing for a malformed UUID", async () => {
			const unknown = await run({ operation: 'get', pickupUuid: unknownUuid });
			expect(unknown.error?.message).toMatch(
				/^CDEK: v2_entity_not_found: .*\(HTTP 404\) \[item 1\]$/,
			);
			sandbox().clearLog();
			const malformed = await run({ operation: 'delete', pickupUuid: 'pickup-1' });
			expect(malformed.error?.message).toMatch(
				/^Pickup UUID must be a pickup UUID like 72753031-1820-4f99-9240-aab139f05ca5/,
			);
			expect(sandbox().requestLog()).toEqual([]);
		});

		it('lists the days a courier can come to a city, until a given day', async () => {
			const until = addDays(todayIn('Asia/Novosibirsk'), 6);
			const [item] = (
				await run({ operation: 'getAvailableDays', cityCode: 270, options: { untilDate: until } })
			).output('CDEK');
			const dates = item.json.date as string[];
			expect(dates.length).toBeGreaterThanOrEqual(5);
			expect(dates.every((date) => date <= until)).toBe(true);
			expect(item.json.all_days).toBe(false);
			expect(apiCalls(sandbox())).toEqual([
				{
					method: 'POST',
					path: '/v2/intakes/availableDays',
					body: { from_location: { code: 270 }, date: until },
				},
			]);
			sandbox().clearLog();
			await run({
				operation: 'getAvailableDays',
				cityCode: 0,
				options: { address: 'Новосибирск, Красный пр., 1' },
			});
			expect(apiCalls(sandbox())[0].body).toEqual({
				from_location: { address: 'Новосибирск, Красный пр., 1' },
			});
		});

		it.each([
			[
				{ cityCode: 0 },
				/^City Code must be a CDEK city code \(a positive whole number such as 44\), or an Address under Options, got 0/,
			],
			[
				{ cityCode: 270, options: { untilDate: '31.05.2026' } },
				/^Until Date must be a date that exists, written YYYY-MM-DD/,
			],
		])('refuses %j before sending anything', async (parameters, message) => {
			const result = await run({ operation: 'getAvailableDays', ...parameters });
			expect(result.error?.message).toMatch(message);
			expect(sandbox().requestLog()).toEqual([]);
		});

		it("an unknown place is CDEK's error, explained", async () => {
			const result = await run({ operation: 'getAvailableDays', cityCode: 999999 });
			expect(result.error?.message).toMatch(/^CDEK: v2_sender_location_not_recognized/);
		});
	},
);
