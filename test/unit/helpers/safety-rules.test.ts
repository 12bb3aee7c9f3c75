import { OrderView } from '../../../nodes/Cdek/helpers/order-state';
import { blockedBy } from '../../../nodes/Cdek/helpers/safety-rules';

const order = (status: string, extra: { type?: number; reason?: string } = {}) =>
	new OrderView({
		entity: {
			uuid: 'u',
			type: extra.type ?? 1,
			statuses: [
				{ code: status, ...(extra.reason ? { reason_code: extra.reason } : {}) },
				{ code: 'CREATED' },
			],
		},
		requests: [],
	});

describe('blockedBy: the status rules of docs/reference/cdek-api.md §5/§10', () => {
	it.each([
		['CREATED', 'Use "Cancel Before Shipping" (Delete)'],
		['ACCEPTED', 'Use "Cancel Before Shipping" (Delete)'],
		['DELIVERED', 'Use "Return a Delivered Order" (Create Client Return)'],
		['NOT_DELIVERED', 'Nothing to do'],
		['REMOVED', 'Nothing to do'],
		['INVALID', 're-create'],
	])('a refusal on %s is blocked: %s', (status, alternative) => {
		expect(blockedBy('CREATE_REFUSAL', order(status))?.alternative).toContain(alternative);
	});

	it.each([
		'RECEIVED_AT_SHIPMENT_WAREHOUSE',
		'SENT_TO_RECIPIENT_CITY',
		'ACCEPTED_AT_PICK_UP_POINT',
		'TAKEN_BY_COURIER',
	])('a refusal in transit (%s) is allowed', (status) => {
		expect(blockedBy('CREATE_REFUSAL', order(status))).toBeUndefined();
	});

	it('a client return needs a delivered online-store order (partial delivery included)', () => {
		expect(blockedBy('CREATE_CLIENT_RETURN', order('DELIVERED'))).toBeUndefined();
		expect(blockedBy('CREATE_CLIENT_RETURN', order('DELIVERED', { reason: '20' }))).toBeUndefined();
		expect(
			blockedBy('CREATE_CLIENT_RETURN', order('DELIVERED', { type: 2 }))?.alternative,
		).toContain('"Create Return Order" (Create, with Client Return on)');
		expect(
			blockedBy('CREATE_CLIENT_RETURN', order('SENT_TO_RECIPIENT_CITY'))?.alternative,
		).toContain('Create Refusal');
		expect(blockedBy('CREATE_CLIENT_RETURN', order('CREATED'))?.alternative).toContain('Delete');
		expect(blockedBy('CREATE_CLIENT_RETURN', order('NOT_DELIVERED'))?.reason).toContain(
			'NOT_DELIVERED',
		);
	});

	it('a deletion only before the order leaves the shop', () => {
		expect(blockedBy('DELETE', order('CREATED'))).toBeUndefined();
		expect(blockedBy('DELETE', order('ACCEPTED'))).toBeUndefined();
		expect(blockedBy('DELETE', order('SENT_TO_RECIPIENT_CITY'))?.alternative).toContain(
			'Create Refusal',
		);
		expect(blockedBy('DELETE', order('DELIVERED'))?.alternative).toContain('Create Client Return');
	});
});

describe('OrderView', () => {
	it('finds live requests of a type, newest first, and the linked return order', () => {
		const view = new OrderView({
			entity: { uuid: 'u', statuses: [{ code: 'NOT_DELIVERED', reason_code: '11' }] },
			requests: [
				{ request_uuid: 'r3', type: 'CREATE_REFUSAL', state: 'INVALID' },
				{ request_uuid: 'r2', type: 'CREATE_REFUSAL', state: 'SUCCESSFUL' },
				{ request_uuid: 'r1', type: 'CREATE', state: 'SUCCESSFUL' },
			],
			related_entities: [{ type: 'return_order', uuid: 'ret' }],
		});
		expect(view.liveRequest('CREATE_REFUSAL')?.request_uuid).toBe('r2');
		expect(view.liveRequest('DELETE')).toBeUndefined();
		expect(view.returnOrderUuid).toBe('ret');
		expect(view.status).toBe('NOT_DELIVERED');
		expect(view.statusReason).toBe('11');
	});
});
