import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeMode } from '../helpers/delivery-modes';
import { CdekClient } from '../transport/client';

/** One try and one retry: the list is for the editor, which waits for it. */
const RETRIES = 1;

/**
 * The tariffs of the credential's CDEK contract, for a Tariff Code list: GET /calculator/alltariffs, where
 * each service lists its codes inside delivery_modes[] (docs/reference/cdek-api.md §13). Each entry reads
 * "136 — Посылка склад-склад (office → office)".
 */
export async function getTariffs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let services: IDataObject[];
	try {
		const client = await CdekClient.create(this);
		const response = await client.request(
			0,
			{ method: 'GET', path: '/calculator/alltariffs' },
			{ retries: RETRIES },
		);
		services = (response.body.tariff_codes as IDataObject[] | undefined) ?? [];
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string };
		// Transport messages name the item they were sent for; a list has none.
		const reason = String(message ?? error).replace(/ \[item \d+\]$/, '');
		throw new NodeOperationError(
			this.getNode(),
			`Could not load the tariffs of your CDEK contract: ${reason}`,
			{
				description: `${description ? `${description} ` : ''}Check the CDEK API credential, or type the tariff code as a number or an expression.`,
			},
		);
	}
	const byCode = new Map<number, INodePropertyOptions>();
	for (const service of services) {
		if (typeof service !== 'object' || service === null) continue;
		for (const mode of (service.delivery_modes as IDataObject[] | undefined) ?? []) {
			const code = Number(mode?.tariff_code);
			if (!Number.isInteger(code) || code < 1 || byCode.has(code)) continue;
			const name = [service.tariff_name, mode.delivery_mode_name].filter(Boolean).join(' ');
			const ends = describeMode(mode.delivery_mode);
			byCode.set(code, {
				name: `${code} — ${name || 'tariff'}${ends ? ` (${ends})` : ''}`,
				value: code,
				...(ends ? { description: `Delivery mode ${String(mode.delivery_mode)}: ${ends}` } : {}),
			});
		}
	}
	const tariffs = [...byCode.values()].sort((a, b) => Number(a.value) - Number(b.value));
	// Cancel or Return needs a tariff only for a delivered order: "none" is a choice there, not a missing value
	// (n8n marks a value that is not in the list red).
	return this.getCurrentNodeParameter('operation') === 'cancelOrReturn'
		? [NO_TARIFF, ...tariffs]
		: tariffs;
}

/** Cancel or Return's empty Tariff Code, listed so that n8n accepts it. */
export const NO_TARIFF: INodePropertyOptions = {
	name: 'None (Only a Delivered Order Needs One)',
	value: '',
	description: 'A delivered order then fails with a clear message and nothing is sent',
};
