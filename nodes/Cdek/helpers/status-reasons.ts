/**
 * CDEK's additional statuses ("Дополнительные статусы", `reason_code` of an order's status and `status_reason_code`
 * of ORDER_STATUS webhooks): why a delivery ended the way it did. Russian names as CDEK writes them, English in our
 * words (docs/reference/cdek-api.md §8, "Reason codes").
 */
const REASONS: Record<number, [ru: string, en: string]> = {
	1: ['Возврат, неверный адрес', 'Returned: wrong address'],
	2: ['Возврат, не дозвонились', 'Returned: recipient not reached by phone'],
	3: ['Возврат, адресат не проживает', 'Returned: addressee does not live there'],
	4: [
		'Возврат, не должен выполняться: вес отличается от заявленного более, чем на X г.',
		'Returned, not to be delivered: weight differs from the declared weight',
	],
	5: [
		'Возврат, не должен выполняться: фактически нет отправления (на бумаге есть)',
		'Returned, not to be delivered: no parcel, only its papers',
	],
	6: [
		'Возврат, не должен выполняться: дубль номера заказа в одном акте приема-передачи',
		'Returned, not to be delivered: order number twice in one handover',
	],
	7: [
		'Возврат, не должен выполняться: не доставляем в данный город/регион',
		'Returned, not to be delivered: CDEK does not deliver to this city or region',
	],
	8: [
		'Возврат, повреждение упаковки, при приемке от отправителя',
		'Returned: packaging damaged when taken from the sender',
	],
	9: ['Возврат, повреждение упаковки, у перевозчика', 'Returned: packaging damaged at the carrier'],
	10: [
		'Возврат, повреждение упаковки, на нашем складе/доставке у курьера',
		"Returned: packaging damaged at CDEK's warehouse or courier",
	],
	11: ['Возврат, отказ от получения: Без объяснения', 'Refused by the recipient: no reason given'],
	12: [
		'Возврат, отказ от получения: Претензия к качеству товара',
		'Refused by the recipient: quality complaint',
	],
	13: ['Возврат, отказ от получения: Недовложение', 'Refused by the recipient: items missing'],
	14: ['Возврат, отказ от получения: Пересорт', 'Refused by the recipient: wrong items'],
	15: ['Возврат, отказ от получения: Не устроили сроки', 'Refused by the recipient: took too long'],
	16: ['Возврат, отказ от получения: Уже купил', 'Refused by the recipient: already bought it'],
	17: ['Возврат, отказ от получения: Передумал', 'Refused by the recipient: changed their mind'],
	18: [
		'Возврат, отказ от получения: Ошибка оформления',
		'Refused by the recipient: ordering error',
	],
	19: [
		'Возврат, отказ от получения: Повреждение упаковки, у получателя',
		'Refused by the recipient: packaging damaged',
	],
	20: ['Частичная доставка', 'Partly delivered'],
	21: ['Возврат, отказ от получения: Нет денег', 'Refused by the recipient: no money'],
	22: [
		'Возврат, отказ от получения: Товар не подошел/не понравился',
		'Refused by the recipient: did not fit or did not like it',
	],
	23: ['Возврат, истек срок хранения', 'Returned: storage time expired'],
	24: ['Возврат, не прошел таможню', 'Returned: did not clear customs'],
	25: [
		'Возврат, не должен выполняться: является коммерческим грузом',
		'Returned, not to be delivered: commercial cargo',
	],
	26: ['Утерян', 'Lost'],
	27: ['Не востребован, утилизация', 'Unclaimed, disposed of'],
	31: ['Возврат, по запросу отправителя', "Returned at the sender's request"],
	32: ['Возврат, по запросу плательщика', "Returned at the payer's request"],
	33: ['СНТ не получено, возврат отправителю', 'Returned to the sender: no СНТ (waybill) received'],
	34: [
		'Передать информацию в КЛС CDEK Shopping. Истек срок хранения',
		'CDEK Shopping: storage time expired',
	],
};

/** What an order's status says about why: CDEK's code as sent (trimmed), its name in English and Russian. */
export interface StatusReason {
	statusReasonCode: string | null;
	statusReason: string | null;
	statusReasonRu: string | null;
}

/** The reason of a status from its code, however CDEK wrote it ("11", 11, "11 ", "011"); unknown codes keep no name. */
export function statusReason(code: unknown): StatusReason {
	const raw = typeof code === 'string' || typeof code === 'number' ? String(code).trim() : '';
	if (raw === '') return { statusReasonCode: null, statusReason: null, statusReasonRu: null };
	const known = /^\d+$/.test(raw) ? REASONS[Number(raw)] : undefined;
	return {
		statusReasonCode: raw,
		statusReason: known?.[1] ?? null,
		statusReasonRu: known?.[0] ?? null,
	};
}
