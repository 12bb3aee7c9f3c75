import { createHash, randomUUID } from 'node:crypto';

/** 8-4-4-4-12 hex, any version (SamyRai's validate_uuid; docs/reference/cdek-api.md §9). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function randomUuid(): string {
	return randomUUID();
}

/** A v4-looking uuid derived from a label: the same on every start (seed requests, packages). */
export function stableUuid(label: string): string {
	const hex = createHash('sha256').update(label).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable run of decimal digits derived from a label (barcodes). */
export function stableDigits(label: string, length: number): string {
	const hex = createHash('sha256').update(label).digest('hex');
	return BigInt(`0x${hex}`).toString().slice(0, length).padStart(length, '0');
}
