/** Orders in memory with indexes by uuid, cdek_number and shop number (im_number). */
import type { OrderRecord } from './order-record';

/** Runtime CDEK numbers start here; seeds use 11099407xx (docs/reference/cdek-api.md §5 measured numbers are 110…/111… ). */
const FIRST_RUNTIME_CDEK_NUMBER = 1200000001;

export class OrderStore {
	private readonly byUuid = new Map<string, OrderRecord>();
	private readonly byCdekNumber = new Map<string, OrderRecord>();
	private readonly byNumber = new Map<string, OrderRecord[]>();
	private seq = 0;
	private nextCdekNumber = FIRST_RUNTIME_CDEK_NUMBER;

	nextSeq(): number {
		return ++this.seq;
	}

	allocateCdekNumber(): string {
		return String(this.nextCdekNumber++);
	}

	add(record: OrderRecord): void {
		this.byUuid.set(record.uuid, record);
		if (record.data.cdek_number) this.byCdekNumber.set(record.data.cdek_number, record);
		const number = record.data.number;
		if (number !== undefined) {
			const list = this.byNumber.get(number) ?? [];
			list.push(record);
			this.byNumber.set(number, list);
		}
	}

	/** Call after the CREATE request settled and the order got its CDEK number. */
	indexCdekNumber(record: OrderRecord): void {
		if (record.data.cdek_number) this.byCdekNumber.set(record.data.cdek_number, record);
	}

	get(uuid: string): OrderRecord | undefined {
		return this.byUuid.get(uuid.toLowerCase());
	}

	findByCdekNumber(cdekNumber: string): OrderRecord | undefined {
		return this.byCdekNumber.get(cdekNumber);
	}

	/**
	 * "If more than 1 is found, the one created with the most recent date is selected" (docs/reference/cdek-api.md §5). Orders that
	 * settled INVALID (e.g. a rejected duplicate) are skipped while a valid one exists (sandbox choice).
	 */
	findByNumber(number: string): OrderRecord | undefined {
		const list = this.byNumber.get(number);
		if (!list?.length) return undefined;
		const newestFirst = [...list].sort((a, b) => b.seq - a.seq);
		return newestFirst.find((r) => r.statuses[0]?.code !== 'INVALID') ?? newestFirst[0];
	}

	/** All orders with this shop number, oldest first. */
	allWithNumber(number: string): OrderRecord[] {
		return this.byNumber.get(number) ?? [];
	}

	all(): IterableIterator<OrderRecord> {
		return this.byUuid.values();
	}

	get size(): number {
		return this.byUuid.size;
	}

	clear(): void {
		this.byUuid.clear();
		this.byCdekNumber.clear();
		this.byNumber.clear();
		this.seq = 0;
		this.nextCdekNumber = FIRST_RUNTIME_CDEK_NUMBER;
	}
}
