/** What the node's unit tests share: a node to name in errors, and the error a check throws. */
import type { INode } from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';

export const node: INode = {
	id: '1',
	name: 'CDEK',
	type: 'n8n-nodes-cdek.cdek',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The error `run` throws; fails the test when it throws none. */
export function failure(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		return error as NodeOperationError;
	}
	throw new Error('expected a validation error');
}
