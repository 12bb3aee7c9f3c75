/**
 * How messages name an input item: counted from 1, as n8n's editor shows items ("[item 1]" is the first). The
 * error's `itemIndex` (n8n's "Item Index", `details.itemIndex`) stays n8n's index from 0.
 */
export const itemNumber = (itemIndex: number): number => itemIndex + 1;

export const itemTag = (itemIndex: number): string => `[item ${itemNumber(itemIndex)}]`;
