import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { canonicalStatusCode } from './status-code';
import { newestStatus } from './date-time';
import type { ItemOptions } from './item-options';
import { OrderView } from './order-state';
import type { CdekRequestRecord } from './order-state';
import { withOutcome } from './outcome';
import { output } from './output';
import { alreadyRegistered } from './duplicate-check';
import { pollVerdict } from './verdict';
import type { Verdict, VerdictSource } from './verdict';
import type { CdekClient, CdekResponse } from '../transport/client';
import { cdekErrors, explain } from '../transport/cdek-errors';
import { rejectedError } from '../transport/failures';

/** CDEK allows one courier pickup per order (docs/reference/cdek-api.md §12). */
export const PICKUP_EXISTS = 'v2_intake_exists_by_order';

/** Statuses after which a pickup no longer counts as the order's pickup (§12). */
const GONE = new Set(['REMOVED', 'INVALID']);

export interface PickupVerdict extends Verdict {
	pickupStatus: string | null;
	intakeNumber: string | null;
	orderUuid: string | null;
	cdekNumber: string | null;
}

/** By date_time, not by position (docs/reference/cdek-api.md §12: pickups list theirs newest first). */
const currentCode = (entity: IDataObject) =>
	canonicalStatusCode(newestStatus(entity.statuses)?.code) ?? '';

export async function readPickup(
	client: CdekClient,
	itemIndex: number,
	pickupUuid: string,
	options: ItemOptions,
): Promise<OrderView> {
	const path = `/intakes/${pickupUuid}`;
	return new OrderView((await client.request(itemIndex, { method: 'GET', path }, options)).body);
}

/** The order's pickup that still counts, shaped like CDEK's 202 answer and marked alreadyRegistered. */
export async function existingPickup(
	client: CdekClient,
	itemIndex: number,
	orderUuid: string,
	options: ItemOptions,
): Promise<CdekResponse | undefined> {
	// GET /orders/{uuid}/intakes answers a bare array of the order's pickups (§12).
	const listed = await client.requestListResponse(
		itemIndex,
		{ method: 'GET', path: `/orders/${orderUuid}/intakes` },
		options,
	);
	const pickups = Array.isArray(listed.body) ? listed.body : [];
	const live = [...pickups].reverse().find((pickup) => !GONE.has(currentCode(pickup)));
	if (!live) return undefined;
	const pickup = await readPickup(client, itemIndex, String(live.uuid), options);
	const request = pickup.liveRequest('CREATE') ?? pickup.requests[0];
	return alreadyRegistered(
		pickup,
		request ?? ({ type: 'CREATE', state: 'SUCCESSFUL' } as CdekRequestRecord),
	);
}

export const refusesAsExisting = (body: unknown): boolean =>
	cdekErrors(body).some((error) => error.code === PICKUP_EXISTS);

/** The item for a pickup request CDEK has: its answer, the window hint, and the verdict when asked for. */
export async function finishPickup(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	type: 'CREATE' | 'DELETE',
	response: CdekResponse,
	options: ItemOptions,
	extra: { hint?: string; orderUuid?: string } = {},
): Promise<IDataObject> {
	const result = output(response, options.fullResponse);
	if (extra.hint) result.hint = extra.hint;
	const subject = type === 'CREATE' ? 'courier pickup' : 'deletion of the courier pickup';
	if (!options.waitForVerdict)
		return withOutcome(options.explained, result, subject, response.body, undefined, 'pickup');
	const pickupUuid = String((response.body.entity as IDataObject | undefined)?.uuid ?? '');
	const source: VerdictSource<PickupVerdict> = {
		path: `/intakes/${pickupUuid}`,
		type,
		details: (pickup) => ({
			pickupStatus: pickup.status ?? null,
			intakeNumber: stringOrNull(pickup.entity.intake_number),
			orderUuid: stringOrNull(pickup.entity.order_uuid),
			cdekNumber: stringOrNull(pickup.entity.cdek_number),
		}),
	};
	const verdict = (await pollVerdict.call(
		this,
		itemIndex,
		client,
		source,
		response.body,
		options,
	)) as PickupVerdict;
	if (verdict.state === 'INVALID') {
		// The same rule may come late (§12): the order's pickup is then the answer, never a second one.
		const orderUuid = extra.orderUuid ?? verdict.orderUuid;
		if (type === 'CREATE' && orderUuid && refusesAsExisting({ errors: verdict.errors })) {
			const existing = await existingPickup(client, itemIndex, orderUuid, options);
			if (existing)
				return await finishPickup.call(this, itemIndex, client, type, existing, options);
		}
		const explanation = explain(cdekErrors({ errors: verdict.errors }), 200);
		throw rejectedError(
			this.getNode(),
			itemIndex,
			subject,
			verdict,
			`Pickup status: ${verdict.pickupStatus ?? 'unknown'}. ${explanation}`.replace(/\.+$/, ''),
		);
	}
	return withOutcome(
		options.explained,
		{ ...result, result: verdict },
		subject,
		response.body,
		verdict,
		'pickup',
	);
}

const stringOrNull = (value: unknown) =>
	value === undefined || value === null || value === '' ? null : String(value);
