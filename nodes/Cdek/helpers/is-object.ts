import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not null, not a list): what CDEK's bodies and their entries are, when they are well formed. */
export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
