import type { IDataObject } from 'n8n-workflow';

import { newestBy, newestStatus } from './date-time';
import { canonicalStatusCode } from './status-code';

/** Request types CDEK records in an order's requests[] (docs/reference/cdek-api.md §7; CREATE_REFUSAL is measured, §3). */
export type RegistrationType = 'CREATE_REFUSAL' | 'CREATE_CLIENT_RETURN' | 'DELETE' | 'CREATE';

export interface CdekRequestRecord extends IDataObject {
	request_uuid?: string;
	type: string;
	state: string;
	date_time?: string;
	errors?: IDataObject[];
}

/** States in which a request still counts: sent again, CDEK would do the same thing twice. */
const LIVE_STATES = new Set(['ACCEPTED', 'WAITING', 'SUCCESSFUL']);
export const SETTLED_STATES = new Set(['SUCCESSFUL', 'INVALID']);
export const FINAL_STATUSES = new Set(['DELIVERED', 'NOT_DELIVERED', 'REMOVED']);
export const NOT_YET_SHIPPED = new Set(['CREATED', 'ACCEPTED']);

/** Related-entity types that point at the order a refusal or a client return created (docs/reference/cdek-api.md §5). */
const RETURN_LINKS = ['return_order', 'client_return_order'];

/** What the node needs to know of a GET /orders answer. */
export class OrderView {
	constructor(private readonly body: IDataObject) {}

	get entity(): IDataObject {
		return (this.body.entity as IDataObject | undefined) ?? {};
	}

	get uuid(): string {
		return String(this.entity.uuid ?? '');
	}

	/** The current status: the newest by date_time, wherever CDEK lists it (docs/reference/cdek-api.md §5). */
	get currentStatus(): IDataObject | undefined {
		return newestStatus(this.entity.statuses);
	}

	/** The current status code as CDEK meant it: trimmed, upper case (status-code.ts). */
	get status(): string | undefined {
		return canonicalStatusCode(this.currentStatus?.code);
	}

	get statusReason(): string | undefined {
		const reason = this.currentStatus?.reason_code;
		return reason === undefined || reason === null ? undefined : String(reason);
	}

	/** The request CDEK received last, e.g. a refusal in state ACCEPTED. */
	get latestRequest(): CdekRequestRecord | undefined {
		return newestBy(this.requests, 'date_time') as CdekRequestRecord | undefined;
	}

	/** 1 = online store (интернет-магазин), 2 = delivery (доставка); CDEK's default is 1. */
	get orderType(): number {
		return Number(this.entity.type ?? 1);
	}

	get requests(): CdekRequestRecord[] {
		return ((this.body.requests as CdekRequestRecord[] | undefined) ?? []).filter(
			(request) => typeof request === 'object' && request !== null,
		);
	}

	get relatedEntities(): IDataObject[] {
		return (this.body.related_entities as IDataObject[] | undefined) ?? [];
	}

	/** A request of this type that CDEK is processing or has done, newest first. */
	liveRequest(type: RegistrationType): CdekRequestRecord | undefined {
		return this.requests.find((request) => request.type === type && LIVE_STATES.has(request.state));
	}

	request(requestUuid: string): CdekRequestRecord | undefined {
		return this.requests.find((request) => request.request_uuid === requestUuid);
	}

	/** The order a refusal or client return created, once CDEK linked it. */
	get returnOrderUuid(): string | undefined {
		const link = this.relatedEntities.find((entity) => RETURN_LINKS.includes(String(entity.type)));
		return link ? String(link.uuid) : undefined;
	}
}
