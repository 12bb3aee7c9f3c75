import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';

import { cdekErrors } from '../transport/cdek-errors';
import { CdekClient } from '../transport/client';
import type { CdekResponse } from '../transport/client';
import { asNodeError } from '../transport/failures';
import { WEBHOOK_URL_EXAMPLE, isCdekOwnApi, unreachableWebhookHost } from './webhook-reach';

/** CDEK keeps at most two webhook subscriptions per account (docs/reference/cdek-api.md §8). */
export const MAX_SUBSCRIPTIONS = 2;
/**
 * What CDEK answers a third subscription with (measured on CDEK's test API, docs/reference/cdek-api.md §8); the
 * second is what this project's sandbox answered before that was known, still read in case CDEK words it so.
 */
export const SUBSCRIPTION_LIMIT_CODES = ['v2_too_many_webhooks', 'v2_webhook_subscriptions_limit'];

export interface Subscription {
	uuid: string;
	type: string;
	url: string;
}

/** Where the trigger keeps its subscription between activation and deactivation. */
interface StoredSubscription {
	subscriptionUuid?: string;
	subscriptionUrl?: string;
}

function asSubscriptions(items: IDataObject[]): Subscription[] {
	return items
		.filter((item): item is IDataObject => typeof item === 'object' && item !== null)
		.map((item) => ({
			uuid: String(item.uuid ?? ''),
			type: String(item.type ?? ''),
			url: String(item.url ?? ''),
		}))
		.filter((item) => item.uuid !== '');
}

function cdekCodes(error: unknown): string[] {
	const response = (error as { errorResponse?: IDataObject }).errorResponse;
	const errors = Array.isArray(response?.cdekErrors) ? (response.cdekErrors as IDataObject[]) : [];
	return errors.map((entry) => String(entry.code));
}

function isAlreadyGone(error: unknown): boolean {
	return (
		cdekCodes(error).includes('v2_entity_not_found') ||
		(error as { httpCode?: string }).httpCode === '404'
	);
}

export function describeSubscriptions(subscriptions: Subscription[]): string {
	return subscriptions.map((s) => `${s.type} → ${s.url} (uuid ${s.uuid})`).join('; ');
}

/**
 * The activation error when the account is full. n8n shows only the message in the workflow's
 * activation status, so it names the subscriptions and the way out itself.
 */
export function limitError(
	hooks: IHookFunctions,
	subscriptions: Subscription[],
): NodeOperationError {
	const listed = subscriptions.length ? `: ${describeSubscriptions(subscriptions)}` : '';
	return new NodeOperationError(
		hooks.getNode(),
		`CDEK allows at most ${MAX_SUBSCRIPTIONS} webhook subscriptions per account, and this account already has ${subscriptions.length}${listed}. ` +
			'To activate this trigger, free a slot: deactivate the n8n workflow that uses one of them, or delete a subscription nothing uses any more (DELETE /v2/webhooks/{uuid}); then activate again.',
		{
			description:
				'Each active CDEK Trigger holds one subscription. One trigger with "Order Status Changed" and no filters can feed several workflows (e.g. through sub-workflows).',
		},
	);
}

/** The subscription of one trigger node: its event type and the n8n webhook URL CDEK posts to. */
export class TriggerSubscription {
	private constructor(
		private readonly hooks: IHookFunctions,
		private readonly client: CdekClient,
		readonly type: string,
		readonly url: string,
	) {}

	static async open(hooks: IHookFunctions): Promise<TriggerSubscription> {
		const url = hooks.getNodeWebhookUrl('default');
		if (!url) {
			throw new NodeOperationError(
				hooks.getNode(),
				'n8n did not provide a webhook URL for the CDEK Trigger',
			);
		}
		const type = hooks.getNodeParameter('event') as string;
		const client = await CdekClient.create(hooks);
		return new TriggerSubscription(hooks, client, type, url);
	}

	private get stored(): StoredSubscription {
		return this.hooks.getWorkflowStaticData('node') as StoredSubscription;
	}

	private remember(subscription: Subscription | undefined): void {
		const data = this.stored;
		if (subscription) {
			data.subscriptionUuid = subscription.uuid;
			data.subscriptionUrl = this.url;
		} else {
			delete data.subscriptionUuid;
			delete data.subscriptionUrl;
		}
	}

	/** GET /webhooks: every subscription of the account (a bare array). */
	async list(): Promise<Subscription[]> {
		return asSubscriptions(await this.client.requestList(0, { method: 'GET', path: '/webhooks' }));
	}

	/**
	 * Subscriptions that deliver to this node: its URL is unique to the node (and differs between test
	 * and production), so the stored uuid only counts when it was stored for this URL.
	 */
	private ours(subscriptions: Subscription[]): Subscription[] {
		const { subscriptionUuid, subscriptionUrl } = this.stored;
		const storedUuid = subscriptionUrl === this.url ? subscriptionUuid : undefined;
		return subscriptions.filter(
			(s) => s.url === this.url || (storedUuid !== undefined && s.uuid === storedUuid),
		);
	}

	private async remove(uuid: string): Promise<void> {
		try {
			await this.client.request(
				0,
				{ method: 'DELETE', path: `/webhooks/${encodeURIComponent(uuid)}` },
				{ idempotent: true },
			);
		} catch (error) {
			if (!isAlreadyGone(error)) throw asNodeError(this.hooks.getNode(), error);
			this.hooks.logger.debug(`CDEK webhook subscription ${uuid} was already gone`);
		}
	}

	/**
	 * True when exactly one subscription of the right type delivers here. Extra ones to this URL (left
	 * by a crash between CDEK's answer and n8n saving static data, or of an event type the node no
	 * longer uses) are deleted: CDEK would otherwise deliver each event more than once.
	 */
	async checkExists(): Promise<boolean> {
		// n8n checks before it creates: an address CDEK cannot reach stops activation before any request.
		this.refuseUnreachableUrl();
		const ours = this.ours(await this.list());
		const { subscriptionUuid } = this.stored;
		const keep =
			ours.find((s) => s.type === this.type && s.uuid === subscriptionUuid) ??
			ours.find((s) => s.type === this.type);
		for (const extra of ours.filter((s) => s !== keep)) await this.remove(extra.uuid);
		this.remember(keep);
		return keep !== undefined;
	}

	/**
	 * POST /webhooks {type, url}, unless CDEK could never deliver to the URL or the account already has as
	 * many subscriptions as CDEK allows.
	 */
	async create(): Promise<Subscription> {
		this.refuseUnreachableUrl();
		const existing = await this.list();
		if (existing.length >= MAX_SUBSCRIPTIONS) throw limitError(this.hooks, existing);
		let body: IDataObject;
		try {
			({ body } = await this.client.request(
				0,
				{ method: 'POST', path: '/webhooks', body: { type: this.type, url: this.url } },
				{ findApplied: async () => await this.findCreated(existing) },
			));
		} catch (error) {
			if (cdekCodes(error).some((code) => SUBSCRIPTION_LIMIT_CODES.includes(code)))
				throw limitError(this.hooks, await this.list());
			throw asNodeError(this.hooks.getNode(), error);
		}
		const uuid = (body.entity as IDataObject | undefined)?.uuid;
		if (typeof uuid !== 'string' || !uuid) {
			const errors = cdekErrors(body);
			throw new NodeApiError(this.hooks.getNode(), body as JsonObject, {
				message: errors.length
					? `CDEK did not create the webhook subscription: ${errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`
					: 'CDEK answered the webhook subscription request without a subscription uuid',
				description: `Request: POST /webhooks {type: ${this.type}, url: ${this.url}}`,
			});
		}
		const created = { uuid, type: this.type, url: this.url };
		this.remember(created);
		return created;
	}

	/**
	 * CDEK's servers post from the internet: a subscription to localhost or a private address would take one
	 * of the account's two slots and never deliver an event. A custom Base URL (the local sandbox, a relay)
	 * may reach such an address, so only CDEK's own API is refused.
	 */
	private refuseUnreachableUrl(): void {
		const host = unreachableWebhookHost(this.url);
		if (!host || !isCdekOwnApi(this.client.root)) return;
		throw new NodeOperationError(
			this.hooks.getNode(),
			`CDEK cannot reach this trigger's webhook URL ${this.url}: ${host} is not an address on the internet`,
			{
				description: `Nothing was subscribed at CDEK. Start n8n with its public address, e.g. ${WEBHOOK_URL_EXAMPLE} (n8n then shows webhook URLs on that address), and activate again. For a try-out without a public address, point the credential's Base URL at the local CDEK sandbox.`,
			},
		);
	}

	/**
	 * After an answer that may have come after CDEK subscribed (a gateway 5xx, a reset, a timeout): the
	 * subscription to this URL and type that was not there before, shaped like CDEK's answer, if any.
	 * Sending the request again would subscribe twice, so every event would arrive twice.
	 */
	private async findCreated(before: Subscription[]): Promise<CdekResponse | undefined> {
		const known = new Set(before.map((subscription) => subscription.uuid));
		const created = (await this.list()).find(
			(s) => s.url === this.url && s.type === this.type && !known.has(s.uuid),
		);
		return created
			? { statusCode: 200, headers: {}, body: { entity: { uuid: created.uuid } } }
			: undefined;
	}

	/** DELETE /webhooks/{uuid} for every subscription that delivers here; one already gone is fine. */
	async delete(): Promise<void> {
		for (const subscription of this.ours(await this.list())) await this.remove(subscription.uuid);
		this.remember(undefined);
	}
}
