import { outcome, withOutcome } from '../../../nodes/Cdek/helpers/outcome';

const accepted = { requests: [{ type: 'CREATE_REFUSAL', state: 'ACCEPTED' }] };

describe('outcome: what a request at CDEK means, in plain words (version 2)', () => {
	it('ACCEPTED is queued, not done, and says how to learn the verdict', () => {
		expect(outcome('refusal', accepted, undefined, 'order')).toEqual({
			summary: 'Refusal queued at CDEK (ACCEPTED): CDEK has not decided yet.',
			nextStep: expect.stringMatching(/Wait for CDEK's Verdict.*Look Up Order.*CDEK Trigger/),
		});
	});

	it('a request CDEK already had says nothing was sent again', () => {
		const { summary } = outcome(
			'cancellation',
			{ ...accepted, alreadyRegistered: true },
			undefined,
			'order',
		);
		expect(summary).toBe(
			'Cancellation was already queued at CDEK (ACCEPTED); nothing was sent again. CDEK has not decided yet.',
		);
	});

	it('SUCCESSFUL is done, with no next step', () => {
		expect(outcome('client return', accepted, { state: 'SUCCESSFUL' }, 'order')).toEqual({
			summary: 'Client return done: CDEK carried it out (SUCCESSFUL).',
		});
	});

	it('past the time limit: still queued, not to be sent again; a pickup is looked up as a pickup', () => {
		const { summary, nextStep } = outcome(
			'courier pickup',
			accepted,
			{ state: 'WAITING', stillProcessing: true },
			'pickup',
		);
		expect(summary).toBe(
			'Courier pickup queued at CDEK (WAITING): CDEK has not decided within the time limit.',
		);
		expect(nextStep).toBe(
			'Do not send it again. To learn the verdict, look the pickup up later ("Get Courier Pickup").',
		);
	});

	it('unexplained (version 1) outputs as before; explained (version 2) puts summary and nextStep first', () => {
		const body = { entity: { uuid: 'x' }, ...accepted };
		expect(withOutcome(false, body, 'refusal', body, undefined, 'order')).toBe(body);
		expect(Object.keys(withOutcome(true, body, 'refusal', body, undefined, 'order'))).toEqual([
			'summary',
			'nextStep',
			'entity',
			'requests',
		]);
	});
});
