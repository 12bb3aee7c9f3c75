import {
	CDEK_PRODUCTION_ROOT,
	CDEK_TEST_ROOT,
	originOf,
} from '../../../credentials/common/api-root';

/** The line the notice and the activation error give for a public webhook address. */
export const WEBHOOK_URL_EXAMPLE = 'WEBHOOK_URL=https://n8n.example.com/';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/;

function isPrivateIpv4(host: string): boolean {
	const match = IPV4.exec(host);
	if (!match) return false;
	const [a, b] = [Number(match[1]), Number(match[2])];
	return (
		a === 10 ||
		a === 127 ||
		a === 0 ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 169 && b === 254) ||
		(a === 100 && b >= 64 && b <= 127)
	);
}

function isPrivateIpv6(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	if (!bare.includes(':')) return false;
	return bare === '::1' || bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare);
}

/**
 * The host of a webhook URL that CDEK's servers cannot reach from the internet (localhost, a private or
 * link-local address, a name without a dot such as a Docker service, *.local), or undefined when it may be
 * public. n8n shows such URLs when WEBHOOK_URL is not set.
 */
export function unreachableWebhookHost(webhookUrl: string): string | undefined {
	const origin = originOf(webhookUrl);
	if (!origin) return undefined;
	const host = new URL(origin).hostname.toLowerCase();
	const unreachable =
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host.endsWith('.internal') ||
		!host.includes('.') ||
		isPrivateIpv4(host) ||
		isPrivateIpv6(host);
	return unreachable ? host : undefined;
}

/** Whether requests go to CDEK's own servers (production or test), not a proxy root or the local sandbox. */
export const isCdekOwnApi = (root: string): boolean =>
	root === CDEK_PRODUCTION_ROOT || root === CDEK_TEST_ROOT;
