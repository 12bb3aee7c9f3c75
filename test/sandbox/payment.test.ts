/** Payment platform refund API (seeds/003): POST /payment/v1/order/{orderId}/refund. */
import { startSandbox, type Sandbox } from '../../dev/sandbox';
import { request, type CallOptions } from '../../dev/sandbox/http-client';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ settleDelayMs: -1 });
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset({ config: true }));

const refund = (orderId: string, opts: CallOptions = {}) =>
	request(`${sb.paymentUrl}/v1/order/${encodeURIComponent(orderId)}/refund`, 'POST', {
		token: 'sandbox-payment-token',
		...opts,
	});
const err = (error: number, message: string) => ({ error, message });
const valid = { description: 'Покупатель вернул товар', email: 'merchant@example.ru' };

describe('successful refund request', () => {
	it('answers 200 with a refund request id for a paid CDEK seed order and lists it', async () => {
		const reply = await refund(sb.seeds.delivered.number, { body: valid });
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			refund_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			order_id: 'SHOP-1005',
			status: 'new',
		});
		expect(sb.paymentRefunds()).toContainEqual({
			refund_request_id: reply.body.refund_request_id,
			order_id: 'SHOP-1005',
			description: valid.description,
			email: valid.email,
			status: 'new',
			created_at: expect.any(String),
		});
		const overHttp = await request(`${sb.controlUrl}/payment/refunds`, 'GET');
		expect(overHttp.body).toEqual(sb.paymentRefunds());
		expect(sb.counters().paymentRefunds['SHOP-1005']).toEqual({ requested: 1, created: 1 });
	});

	it('refuses a second request while the first is unfinished (15050)', async () => {
		await refund('SHOP-1006', { body: valid });
		const second = await refund('SHOP-1006', { body: valid });
		expect([second.status, second.body]).toEqual([
			400,
			{ errors: [err(15050, 'Order refund is impossible. Order refund request already exists.')] },
		]);
	});

	it('accepts orders created at run time, by shop number', async () => {
		const order = sb.addOrder({ status: 'DELIVERED', number: 'RUNTIME-77' });
		expect((await refund(order.number as string, { body: { email: 'x@y.ru' } })).status).toBe(200);
	});

	it('reset() clears refund requests but keeps the seeded pending one', async () => {
		await refund('SHOP-1005', { body: valid });
		sb.reset();
		expect(sb.paymentRefunds().map((r) => r.order_id)).toEqual(['PAY-PENDING-REFUND']);
	});
});

describe('errors, in the documented order', () => {
	it('401 15000 without a valid bearer token (checked first)', async () => {
		const expected = {
			errors: [
				err(
					15000,
					'Unable to identify your configuration for accessing this API. Please contact technical support.',
				),
			],
		};
		for (const reply of [
			await refund('SHOP-1005', { token: null, body: valid }),
			await refund('SHOP-1005', {
				token: 'wrong',
				body: 'not json',
				headers: { 'content-type': 'text/plain' },
			}),
		]) {
			expect([reply.status, reply.body]).toEqual([401, expected]);
		}
	});

	it('honours a configured payment token', async () => {
		sb.configure({ paymentToken: 'other-token' });
		expect((await refund('SHOP-1005', { body: valid })).status).toBe(401);
		expect((await refund('SHOP-1005', { body: valid, token: 'other-token' })).status).toBe(200);
	});

	it('400 111 when Content-Type is not application/json', async () => {
		const reply = await refund('SHOP-1005', {
			body: JSON.stringify(valid),
			headers: { 'content-type': 'text/plain' },
		});
		expect([reply.status, reply.body]).toEqual([
			400,
			{
				errors: [err(111, 'Invalid data format (Content-type). The request cannot be processed.')],
			},
		]);
	});

	it('400 110 for invalid JSON or a non-object body', async () => {
		for (const body of ['{"email":', '"just a string"', '[]']) {
			const reply = await refund('SHOP-1005', { body });
			expect([reply.status, reply.body]).toEqual([
				400,
				{ errors: [err(110, 'JSON is not valid. The request cannot be processed.')] },
			]);
		}
	});

	it('400 15010 for every invalid field at once', async () => {
		const reply = await refund('SHOP-1005', { body: { description: 'x'.repeat(501), amount: 10 } });
		expect([reply.status, reply.body]).toEqual([
			400,
			{
				errors: [
					err(15010, 'Invalid field value: [email]'),
					err(15010, 'Invalid field value: [amount]'),
					err(15010, 'Invalid field value: [description]'),
				],
			},
		]);
	});

	it('limits email to 80 characters and description to 500', async () => {
		const longEmail = `${'a'.repeat(75)}@b.ru`.padStart(81, 'a');
		expect((await refund('SHOP-1005', { body: { email: longEmail } })).body.errors).toEqual([
			err(15010, 'Invalid field value: [email]'),
		]);
		expect(
			(await refund('SHOP-1005', { body: { email: 'a@b.ru', description: 'я'.repeat(500) } }))
				.status,
		).toBe(200);
	});

	it('validates the body before the order (15010 wins over 15060)', async () => {
		const reply = await refund('NO-SUCH-ORDER', { body: {} });
		expect(reply.body.errors).toEqual([err(15010, 'Invalid field value: [email]')]);
	});

	it.each([
		['NO-SUCH-ORDER', 404, 15060, 'Order refund is impossible. Order not found.'],
		['PAY-UNPAID', 400, 15030, 'Order refund is impossible. Order status is not equal to "paid".'],
		['PAY-ZERO', 400, 15040, 'Order refund is impossible. Order price amount is equal to zero.'],
		[
			'PAY-PENDING-REFUND',
			400,
			15050,
			'Order refund is impossible. Order refund request already exists.',
		],
		['SHOP-1011-RET', 404, 15060, 'Order refund is impossible. Order not found.'],
	])('%s → %i error %i', async (orderId, status, code, message) => {
		const reply = await refund(orderId, { body: valid });
		expect([reply.status, reply.body]).toEqual([status, { errors: [err(code, message)] }]);
		expect(sb.counters().paymentRefunds[orderId]).toEqual({ requested: 1, created: 0 });
	});

	it('404 without a body for other URLs', async () => {
		const reply = await request(`${sb.paymentUrl}/v1/order/SHOP-1005`, 'POST', {
			token: 'sandbox-payment-token',
			body: valid,
		});
		expect([reply.status, reply.text]).toEqual([404, '']);
	});
});

describe('unknown outcome', () => {
	it('reset-after creates the refund request although the client sees a reset', async () => {
		sb.injectFault({ kind: 'reset-after', path: '/payment/' });
		await expect(refund('SHOP-1004', { body: valid })).rejects.toThrow();
		expect(sb.paymentRefunds().filter((r) => r.order_id === 'SHOP-1004')).toHaveLength(1);
		expect((await refund('SHOP-1004', { body: valid })).body.errors[0].error).toBe(15050);
	});
});
