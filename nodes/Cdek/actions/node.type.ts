import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CdekClient } from '../transport/client';

export type CdekResource = 'order';

/** One operation: validates its item's parameters, then calls CDEK through the client. */
export type OperationExecute = (this: IExecuteFunctions, itemIndex: number, client: CdekClient) => Promise<IDataObject>;
