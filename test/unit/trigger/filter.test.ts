import { eventVerdict } from '../../../nodes/Cdek/trigger/filter';
import type { OrderKind, TriggerFilters } from '../../../nodes/Cdek/trigger/filter';

/** An ORDER_STATUS body shaped like CDEK's documented example (docs/reference/cdek-api.md §8). */
function orderStatus(
	code: string,
	flags: { is_return?: boolean; is_client_return?: boolean } = {},
) {
	return {
		type: 'ORDER_STATUS',
		date_time: '2023-11-28T07:44:45+0000',
		uuid: '72753031-1820-4f99-9240-aab139f05ca5',
		attributes: {
			is_return: flags.is_return ?? false,
			is_reverse: false,
			is_client_return: flags.is_client_return ?? false,
			cdek_number: '1100285492',
			number: 'SHOP-1',
			code,
			status_code: '5',
			status_date_time: '2023-11-28T07:44:45+0000',
			city_name: 'Новосибирск',
			city_code: '270',
			deleted: false,
		},
	};
}

const filters = (statusCodes: string[] = [], orderKind: OrderKind = 'all'): TriggerFilters => ({
	event: 'ORDER_STATUS',
	statusCodes,
	orderKind,
});

describe('eventVerdict', () => {
	it('starts the workflow with the payload unchanged when no filter is set', () => {
		const body = orderStatus('NOT_DELIVERED');
		expect(eventVerdict(body, filters())).toEqual({ start: true, payload: body });
	});

	it('starts only for the selected statuses', () => {
		expect(
			eventVerdict(orderStatus('NOT_DELIVERED'), filters(['NOT_DELIVERED', 'DELIVERED'])).start,
		).toBe(true);
		expect(
			eventVerdict(orderStatus('DELIVERED'), filters(['NOT_DELIVERED', 'DELIVERED'])).start,
		).toBe(true);
		expect(eventVerdict(orderStatus('TAKEN_BY_COURIER'), filters(['NOT_DELIVERED']))).toEqual({
			start: false,
			reason: 'status TAKEN_BY_COURIER is not one of the selected statuses',
		});
	});

	it('treats the two documented names of one status as the same status', () => {
		expect(
			eventVerdict(orderStatus('MET_AT_RECIPIENT_OFFICE'), filters(['ACCEPTED_IN_RECIPIENT_CITY']))
				.start,
		).toBe(true);
		expect(
			eventVerdict(orderStatus('ACCEPTED_IN_RECIPIENT_CITY'), filters(['MET_AT_RECIPIENT_OFFICE']))
				.start,
		).toBe(true);
		expect(
			eventVerdict(orderStatus('ACCEPTED_IN_SENDER_CITY'), filters(['ACCEPTED_IN_RECIPIENT_CITY']))
				.start,
		).toBe(false);
	});

	it.each<[OrderKind, { is_return?: boolean; is_client_return?: boolean }, boolean]>([
		['all', {}, true],
		['return', { is_return: true }, true],
		['return', { is_client_return: true }, false],
		['return', {}, false],
		['clientReturn', { is_client_return: true }, true],
		['clientReturn', { is_return: true }, false],
		['anyReturn', { is_return: true }, true],
		['anyReturn', { is_client_return: true }, true],
		['anyReturn', {}, false],
	])('orders "%s" with flags %j → start %s', (orderKind, flags, start) => {
		expect(eventVerdict(orderStatus('NOT_DELIVERED', flags), filters([], orderKind)).start).toBe(
			start,
		);
	});

	it('needs both the status and the order filter to pass', () => {
		const clientReturns = filters(['DELIVERED'], 'clientReturn');
		expect(
			eventVerdict(orderStatus('DELIVERED', { is_client_return: true }), clientReturns).start,
		).toBe(true);
		expect(
			eventVerdict(orderStatus('CREATED', { is_client_return: true }), clientReturns).start,
		).toBe(false);
		expect(eventVerdict(orderStatus('DELIVERED'), clientReturns)).toEqual({
			start: false,
			reason: 'the order is not a client-return order (is_client_return is not true)',
		});
	});

	it('ignores events of another type than the subscribed one', () => {
		const printForm = {
			type: 'PRINT_FORM',
			date_time: 'x',
			uuid: 'u',
			attributes: { type: 'WAYBILL', url: 'https://x' },
		};
		expect(eventVerdict(printForm, filters())).toEqual({
			start: false,
			reason: 'the event type is PRINT_FORM, this trigger listens to ORDER_STATUS',
		});
		expect(
			eventVerdict(printForm, { event: 'PRINT_FORM', statusCodes: [], orderKind: 'all' }),
		).toEqual({ start: true, payload: printForm });
	});

	it('does not apply ORDER_STATUS filters to other event types', () => {
		const problem = {
			type: 'DELIV_PROBLEM',
			date_time: 'x',
			uuid: 'u',
			attributes: { code: 'ANYTHING' },
		};
		expect(
			eventVerdict(problem, {
				event: 'DELIV_PROBLEM',
				statusCodes: ['DELIVERED'],
				orderKind: 'return',
			}).start,
		).toBe(true);
	});

	it.each([
		[undefined],
		[null],
		['text'],
		[[orderStatus('DELIVERED')]],
		[{ attributes: {} }],
		[{ type: 5 }],
	])('starts nothing for a body that is not a CDEK payload: %j', (body) => {
		expect(eventVerdict(body, filters())).toEqual({
			start: false,
			reason: 'the body is not a CDEK webhook payload ({type, date_time, uuid, attributes})',
		});
	});

	it('starts nothing for an ORDER_STATUS without attributes when statuses are selected', () => {
		expect(eventVerdict({ type: 'ORDER_STATUS' }, filters(['DELIVERED']))).toEqual({
			start: false,
			reason: 'status (none) is not one of the selected statuses',
		});
	});
});
