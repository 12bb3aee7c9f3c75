/** Errors about the keys name the credential the node used (issue 22): n8n may have picked another one. */
import type { INode } from 'n8n-workflow';

import { namingCredential } from '../../../nodes/Cdek/transport/credential-name';

const node = (name?: string): INode => ({
	id: '1',
	name: 'CDEK',
	type: 'n8n-nodes-cdek.cdek',
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
	...(name ? { credentials: { cdekApi: { id: '7', name } } } : {}),
});

describe('namingCredential', () => {
	it.each([
		[
			'CDEK API credential: Access Token is empty',
			'CDEK API credential "CDEK (broken)": Access Token is empty',
		],
		[
			'CDEK rejected the Account and Secure Password (invalid_client, HTTP 401). Check them.',
			'CDEK rejected the Account and Secure Password of the credential "CDEK (broken)" (invalid_client, HTTP 401). Check them.',
		],
		[
			'CDEK: v2_authorization_incorrect: Authorization header is incorrect (HTTP 401) [item 2]',
			'CDEK: v2_authorization_incorrect: Authorization header is incorrect (HTTP 401) (credential "CDEK (broken)") [item 2]',
		],
	])('names the credential in %j', (message, named) => {
		expect(namingCredential(message, node('CDEK (broken)'))).toBe(named);
		expect(namingCredential(named, node('CDEK (broken)'))).toBe(named);
	});

	it('leaves the message as it is when the node names no credential', () => {
		expect(namingCredential('CDEK API credential: Access Token is empty', node())).toBe(
			'CDEK API credential: Access Token is empty',
		);
	});
});
