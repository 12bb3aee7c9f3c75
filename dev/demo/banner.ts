import { relative } from 'node:path';
import { maskSecret } from '../util/redact';
import type { ExampleWorkflow } from './examples';

export interface BannerInput {
	editorUrl: string;
	owner: { email: string; password: string };
	credential: { name: string; clientId: string; clientSecret: string };
	/** The Header Auth key examples/02's webhook wants; printed so that the demo can be called with curl. */
	returnWebhook: { header: string; key: string; url: string };
	examples: ExampleWorkflow[];
	sandbox: { url: string; rootUrl: string; controlUrl: string; paymentUrl: string };
	stateDir: string;
	logFiles: string[];
	readyInMs: number;
}

/** The one screen a user needs: where to click, how to log in, what is loaded, how to stop. */
export function formatBanner(input: BannerInput): string {
	const here = (path: string) => relative(process.cwd(), path) || '.';
	const rule = '─'.repeat(72);
	const workflows = input.examples.length
		? input.examples.map(
				(example) => `                 ${example.name}: ${input.editorUrl}/workflow/${example.id}`,
			)
		: ['                 (none yet: add workflow JSON files to examples/)'];
	return [
		rule,
		` n8n-nodes-cdek demo is running (ready in ${(input.readyInMs / 1000).toFixed(1)}s)`,
		'',
		` n8n editor      ${input.editorUrl}`,
		` login           ${input.owner.email}  /  ${input.owner.password}`,
		` credential      "${input.credential.name}" (CDEK API, account ${maskSecret(input.credential.clientId)}, secret ${maskSecret(input.credential.clientSecret)})`,
		` workflows`,
		...workflows,
		` webhook key     ${input.returnWebhook.header}: ${input.returnWebhook.key}   (credential "Return Webhook Key")`,
		`                 for POST ${input.returnWebhook.url} once "customer return" is published`,
		'',
		` CDEK sandbox    API root  ${input.sandbox.rootUrl}`,
		`                 control   ${input.sandbox.controlUrl}/info   (seeds, log, faults)`,
		`                 payment   ${input.sandbox.paymentUrl}`,
		'',
		` state           ${here(input.stateDir)}/   (start fresh: npm start -- --reset)`,
		` logs            ${input.logFiles.map(here).join(', ')}`,
		'',
		' Press Ctrl-C to stop n8n and the sandbox.',
		rule,
	].join('\n');
}
