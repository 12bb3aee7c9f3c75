import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperties } from '../../descriptions/common.description';
import { itemOptions } from '../../helpers/item-options';
import type { ItemOptions } from '../../helpers/item-options';
import {
	cityCode,
	invalidParameter,
	optionalText,
	parameterOf,
	requiredText,
	SOME_TEXT,
	tariffCode,
} from '../../helpers/validation';
import { cdekErrors } from '../../transport/cdek-errors';
import type { CdekClient, CdekRequest } from '../../transport/client';
import type { OperationOutput } from '../node.type';

const NAME = 'Check Return Possible';

/** CDEK's answers that mean "no reverse for this shipment", in a shop manager's words (docs/reference §13a). */
const REFUSALS: Record<string, string> = {
	ve_reverse_tariff_not_available: 'CDEK has no return on this tariff between these places.',
	ve_as_reverse_only_to_door:
		'CDEK offers the return only with a tariff that delivers to the door (e.g. 137 or 139), not to a pickup point.',
	ve_as_reverse_contract_forbidden: 'Your CDEK contract does not include returns (reverse).',
	ve_as_reverse_sender_address_empty:
		"The sender's address is missing: CDEK needs it for the return.",
	error_internal_reverse_overweight: 'A return order can weigh at most 30 kg.',
	ie_reverse_mode_not_supported: 'CDEK does not support this kind of return.',
};

const END_KINDS = [
	{ name: 'CDEK Office', value: 'office' },
	{ name: 'Address', value: 'address' },
];

/** Where the planned parcel starts and where it goes: CDEK offers a return only for deliveries to a door. */
const END_KIND_PROPERTIES: Record<'from' | 'to', INodeProperties> = {
	from: {
		displayName: 'Send From',
		name: 'fromKind',
		type: 'options',
		options: END_KINDS,
		default: 'office',
		description:
			'Where the parcel starts: a CDEK office or pick-up point, or an address a courier comes to',
	},
	to: {
		displayName: 'Deliver To',
		name: 'toKind',
		type: 'options',
		options: END_KINDS,
		default: 'address',
		description: 'Where the parcel goes. CDEK offers a return only for deliveries to a door.',
	},
};

const end = (side: 'from' | 'to'): INodeProperties[] => {
	const label = side === 'from' ? 'From' : 'To';
	const shown = (value: string) => ({ show: { [`${side}Kind`]: [value] } });
	return [
		END_KIND_PROPERTIES[side],
		{
			displayName: `${label} Office Code`,
			name: `${side}OfficeCode`,
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. MSK67',
			displayOptions: shown('office'),
		},
		{
			displayName: `${label} City Code`,
			name: `${side}CityCode`,
			type: 'number',
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 44,
			description: 'CDEK city code, e.g. 44 Moscow, 270 Novosibirsk',
			displayOptions: shown('address'),
		},
		{
			displayName: `${label} Address`,
			name: `${side}Address`,
			type: 'string',
			required: side === 'to',
			default: '',
			placeholder: 'e.g. ул. Ленина, 1',
			displayOptions: shown('address'),
		},
	];
};

const properties: INodeProperties[] = [
	{
		displayName: 'Tariff Code',
		name: 'tariffCode',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 139,
		description: 'The tariff of the direct order you plan, e.g. 139 (door → door)',
	},
	...end('from'),
	...end('to'),
	{
		displayName: 'Sender Phone',
		name: 'senderPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +74951234567',
	},
	{
		displayName: 'Recipient Phone',
		name: 'recipientPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +79131234567',
	},
	...optionsProperties('read'),
];

export const option = {
	name: NAME,
	value: 'checkReturnPossible',
	description:
		'Before you create an order: whether CDEK can bring it back (reverse) on this route and tariff, and if not, why',
	action: NAME,
};

export const subtitle = NAME;

/** Version 1 is frozen: the check is an operation of version 2 on. */
export const since = 2;

export const toolDescription =
	"Before a shop sends an order, check whether CDEK offers a return (reverse) of it: give the tariff code, where it starts (a CDEK office code, or a city code and address) and where it goes (a city code and the customer's address), and both phone numbers. Answers returnPossible: true, or false with the reason in words and CDEK's error code. Changes nothing at CDEK.";

export const description = updateDisplayOptions(
	{ show: { resource: ['tariff'], operation: ['checkReturnPossible'] } },
	properties,
);

interface CheckPlan {
	request: CdekRequest;
	tariff: number;
	options: ItemOptions;
}

export function prepare(this: IExecuteFunctions, itemIndex: number, version: number): CheckPlan {
	const parameter = parameterOf(this.getNode(), itemIndex);
	const value = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback) as unknown;
	const tariff = tariffCode(parameter('Tariff Code', value('tariffCode', 0)));
	const phone = (label: string, name: string) => [
		{ number: requiredText(parameter(label, value(name)), 'a phone number such as +74951234567') },
	];
	const body: IDataObject = {
		tariff_code: tariff,
		sender: { phones: phone('Sender Phone', 'senderPhone') },
		recipient: { phones: phone('Recipient Phone', 'recipientPhone') },
	};
	for (const side of ['from', 'to'] as const) {
		const label = side === 'from' ? 'From' : 'To';
		const kind = value(`${side}Kind`, side === 'from' ? 'office' : 'address');
		if (kind === 'office') {
			body[side === 'from' ? 'shipment_point' : 'delivery_point'] = requiredText(
				parameter(`${label} Office Code`, value(`${side}OfficeCode`)),
				'a CDEK office code such as MSK67',
			);
		} else if (kind === 'address') {
			const address = optionalText(
				parameter(`${label} Address`, value(`${side}Address`)),
				SOME_TEXT,
			);
			if (side === 'to' && !address)
				throw invalidParameter(
					parameter('To Address', value('toAddress')),
					"the customer's street address (CDEK requires it for a delivery to the door)",
				);
			body[`${side}_location`] = {
				code: cityCode(parameter(`${label} City Code`, value(`${side}CityCode`, 0))),
				...(address ? { address } : {}),
			};
		} else {
			throw invalidParameter(
				parameter(side === 'from' ? 'Send From' : 'Deliver To', kind),
				'"office" or "address"',
			);
		}
	}
	return {
		request: { method: 'POST', path: '/reverse/availability', body, emptyAnswer: true },
		tariff,
		options: itemOptions.call(this, itemIndex, version),
	};
}

/**
 * POST /reverse/availability (docs/reference/cdek-api.md §13a): CDEK answers 200 with nothing when the reverse is
 * possible and 400 with its reason when not. That "no" is the item's answer, not an error; any other error is.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: CdekClient,
	plan: CheckPlan,
): Promise<OperationOutput> {
	const response = await client.request(itemIndex, plan.request, {
		...plan.options,
		idempotent: true,
		expectedErrors: Object.keys(REFUSALS),
	});
	if (response.statusCode < 300) {
		return {
			json: {
				returnPossible: true,
				tariffCode: plan.tariff,
				summary: `CDEK can bring this shipment back (reverse) on tariff ${plan.tariff}.`,
			},
		};
	}
	const errors = cdekErrors(response.body);
	const reasons = errors.map((error) => REFUSALS[error.code]).filter(Boolean);
	return {
		json: {
			returnPossible: false,
			tariffCode: plan.tariff,
			summary: `CDEK offers no return (reverse) for this shipment on tariff ${plan.tariff}.`,
			reason: reasons.join(' '),
			cdekErrors: errors.map(({ code, message }) => ({ code, message })),
		},
	};
}
