/** Seeds are deterministic: example workflows hard-code their uuids and numbers. */
import { SEED_NAMES, startSandbox, type Sandbox } from '../../dev/sandbox';
import { CdekClient, UUID_V4 } from '../../dev/sandbox/http-client';

const snapshotAll = async (sb: Sandbox) => {
	const api = new CdekClient(sb);
	const bodies: Record<string, unknown> = {};
	for (const name of SEED_NAMES)
		bodies[name] = (await api.get(`/orders/${sb.seeds[name].uuid}`)).body;
	return bodies;
};

describe('seeds', () => {
	it('are identical, down to every GET body, on every start and after reset', async () => {
		const a = await startSandbox();
		const b = await startSandbox();
		try {
			expect(b.seeds).toEqual(a.seeds);
			const first = await snapshotAll(a);
			expect(await snapshotAll(b)).toEqual(first);
			await new CdekClient(a).post(`/orders/${a.seeds.inTransit.uuid}/refusal`);
			a.settlePending();
			a.reset();
			expect(await snapshotAll(a)).toEqual(first);
		} finally {
			await Promise.all([a.stop(), b.stop()]);
		}
	});

	it('keep the published identifiers', async () => {
		const sb = await startSandbox();
		try {
			const pick = (name: keyof Sandbox['seeds']) => {
				const s = sb.seeds[name];
				return [s.uuid, s.cdek_number, s.number, s.status, s.reason_code];
			};
			expect(pick('created')).toEqual([
				'0d515d31-391c-4144-8b49-2c24c5eff895',
				'1109940741',
				'SHOP-1001',
				'CREATED',
				undefined,
			]);
			expect(pick('inTransit')).toEqual([
				'b08d4f71-7b5f-49e6-ae97-8424ef739b42',
				'1109940743',
				'SHOP-1003',
				'SENT_TO_RECIPIENT_CITY',
				undefined,
			]);
			expect(pick('delivered')).toEqual([
				'00d21d33-ea52-4b49-aac1-b24de9e55ea4',
				'1109940745',
				'SHOP-1005',
				'DELIVERED',
				undefined,
			]);
			expect(pick('delivered2')).toEqual([
				'e8e08e7e-3267-4e72-aa37-faea6db3a3e7',
				'1109940746',
				'SHOP-1006',
				'DELIVERED',
				undefined,
			]);
			expect(pick('alreadyRefused')).toEqual([
				'209094b6-d434-40f9-9e2a-df8034ae8305',
				'1109940752',
				'SHOP-1011',
				'NOT_DELIVERED',
				'11',
			]);
		} finally {
			await sb.stop();
		}
	});

	it('cover the statuses the node needs, with unique v4 uuids, 10-digit CDEK numbers and shop numbers', async () => {
		const sb = await startSandbox();
		try {
			const all = SEED_NAMES.map((name) => sb.seeds[name]);
			expect(new Set(all.map((s) => s.uuid)).size).toBe(all.length);
			expect(new Set(all.map((s) => s.number)).size).toBe(all.length);
			for (const s of all) {
				expect(s.uuid).toMatch(UUID_V4);
				if (s.name !== 'invalid') expect(s.cdek_number).toMatch(/^\d{10}$/);
				expect(s.number).toMatch(/^SHOP-\d{4}(-RET|-CR)?$/);
			}
			const status = Object.fromEntries(
				all.map((s) => [
					s.name,
					`${s.type}:${s.status}${s.reason_code ? `/${s.reason_code}` : ''}`,
				]),
			);
			expect(status).toMatchObject({
				created: '1:CREATED',
				accepted: '1:ACCEPTED',
				inTransit: '1:SENT_TO_RECIPIENT_CITY',
				readyForPickup: '1:ACCEPTED_AT_PICK_UP_POINT',
				delivered: '1:DELIVERED',
				delivered2: '1:DELIVERED',
				deliveredDeliveryType: '2:DELIVERED',
				partiallyDelivered: '1:DELIVERED/20',
				notDelivered: '1:NOT_DELIVERED/23',
				removed: '1:REMOVED',
				alreadyRefused: '1:NOT_DELIVERED/11',
				invalid: '1:INVALID',
			});
			const inTransitHistory = (
				await new CdekClient(sb).get(`/orders/${sb.seeds.inTransit.uuid}`)
			).body.entity.statuses.map((st: { code: string }) => st.code);
			expect(inTransitHistory.slice(0, 2)).toEqual([
				'SENT_TO_RECIPIENT_CITY',
				'TAKEN_BY_TRANSPORTER_FROM_SENDER_CITY',
			]);
			expect(inTransitHistory).toContain('RECEIVED_AT_SHIPMENT_WAREHOUSE');
		} finally {
			await sb.stop();
		}
	});
});
