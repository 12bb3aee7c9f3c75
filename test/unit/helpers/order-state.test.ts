import { newestBy } from '../../../nodes/Cdek/helpers/date-time';
import { OrderView } from '../../../nodes/Cdek/helpers/order-state';
import { simplifiedOrder } from '../../../nodes/Cdek/helpers/simplify';
import { wayBack } from '../../../nodes/Cdek/helpers/safety-rules';

describe('the current status and the last request are the newest by time (docs/reference/cdek-api.md §5, §16)', () => {
	it('takes the newest whatever the order of the list, the first on a tie or without times', () => {
		const statuses = [
			{ code: 'CREATED', date_time: '2026-11-01T10:00:00+0000' },
			{ code: 'DELIVERED', date_time: '2026-11-05T10:00:00+03:00' },
			{ code: 'ACCEPTED', date_time: '2026-10-31T10:00:00+0000' },
		];
		const requests = [
			{ type: 'CREATE', state: 'SUCCESSFUL', date_time: '2026-10-31T10:00:00+0000' },
			{ type: 'DELETE', state: 'ACCEPTED', date_time: '2026-11-02T10:00:00+0000' },
		];
		const order = new OrderView({ entity: { statuses }, requests });
		expect(order.status).toBe('DELIVERED');
		expect(order.latestRequest?.type).toBe('DELETE');
		expect(newestBy([{ a: 1 }, { a: 2 }], 'date_time')).toEqual({ a: 1 });
		expect(
			newestBy(
				[
					{ code: 'A', t: '2026-11-01T10:00:00+0000' },
					{ code: 'B', t: '2026-11-01T10:00:00+0000' },
				],
				't',
			)?.code,
		).toBe('A');
		expect(newestBy(undefined, 't')).toBeUndefined();
	});
});

describe('simplifiedOrder', () => {
	const body = {
		entity: {
			uuid: '00d21d33-ea52-4b49-aac1-b24de9e55ea4',
			cdek_number: '1109940745',
			number: 'SHOP-1005',
			is_return: false,
			is_client_return: false,
			recipient: { name: 'Анна', phones: [{ number: '79161234501' }] },
			statuses: [
				{
					code: 'CREATED',
					name: 'Создан',
					date_time: '2026-11-01T10:00:00+0000',
					city: 'Офис СДЭК',
				},
				{
					code: 'DELIVERED',
					name: 'Вручен',
					date_time: '2026-11-05T10:00:00+0000',
					city: 'Москва',
				},
			],
			delivery_problem: [
				{ code: '13', create_date: '2026-11-03T10:00:00Z' },
				{ code: '45', create_date: '2026-11-04T10:00:00Z' },
			],
		},
		requests: [
			{ type: 'CREATE', state: 'SUCCESSFUL', date_time: '2026-11-01T10:00:00+0000' },
			{ type: 'CREATE_CLIENT_RETURN', state: 'ACCEPTED', date_time: '2026-11-06T10:00:00+0000' },
		],
		related_entities: [
			{ type: 'client_return_order', uuid: 'f0000000-0000-4000-8000-000000000001' },
		],
	};

	it('is a flat item of 16 fields: numbers, the newest status and its reason, flags, the return, the problem, the last request', () => {
		expect(simplifiedOrder(body)).toEqual({
			uuid: '00d21d33-ea52-4b49-aac1-b24de9e55ea4',
			cdekNumber: '1109940745',
			number: 'SHOP-1005',
			status: 'DELIVERED',
			statusName: 'Вручен',
			statusTime: '2026-11-05T10:00:00+0000',
			statusReasonCode: null,
			statusReason: null,
			statusReasonRu: null,
			statusCity: 'Москва',
			isReturn: false,
			isClientReturn: false,
			returnOrderUuid: 'f0000000-0000-4000-8000-000000000001',
			deliveryProblem: '45',
			lastRequestType: 'CREATE_CLIENT_RETURN',
			lastRequestState: 'ACCEPTED',
		});
	});

	it('says null for what a sparse answer lacks', () => {
		expect(simplifiedOrder({ entity: { uuid: 'u' } })).toEqual(
			expect.objectContaining({
				cdekNumber: null,
				status: null,
				returnOrderUuid: null,
				deliveryProblem: null,
				lastRequestType: null,
			}),
		);
	});
});

describe('wayBack: what Cancel or Return does by status (docs/reference/cdek-api.md §5 table, §10)', () => {
	const order = (code?: string) =>
		new OrderView({ entity: { uuid: 'u', statuses: code ? [{ code }] : [] } });
	it.each([
		['CREATED', 'delete'],
		['ACCEPTED', 'delete'],
		['RECEIVED_AT_SHIPMENT_WAREHOUSE', 'refusal'],
		['TAKEN_BY_COURIER', 'refusal'],
		['ACCEPTED_AT_PICK_UP_POINT', 'refusal'],
		['DELIVERED', 'clientReturn'],
		['NOT_DELIVERED', 'none'],
		['REMOVED', 'none'],
		['INVALID', 'none'],
		[undefined, 'none'],
	])('%s → %s', (status, action) => {
		expect(wayBack(order(status)).action).toBe(action);
	});

	it('says why nothing is done', () => {
		expect(wayBack(order('REMOVED'))).toEqual({
			action: 'none',
			reason: 'the order was deleted (REMOVED)',
			alternative: 'Nothing to do.',
		});
	});
});
