import { originOf } from './api-root';

/** What each network failure means for the host the request was for. */
const WHAT_HAPPENED: Record<string, (host: string) => string> = {
	ENOTFOUND: (host) => `the host name ${host} could not be found`,
	EAI_AGAIN: (host) => `the host name ${host} could not be looked up`,
	ECONNREFUSED: (host) => `${host} refused the connection`,
	EHOSTUNREACH: (host) => `${host} is unreachable`,
	ENETUNREACH: (host) => `the network to ${host} is unreachable`,
	ETIMEDOUT: (host) => `${host} did not answer in time`,
	ECONNABORTED: (host) => `${host} did not answer in time`,
};

const hostOf = (url: string): string => {
	const origin = originOf(url);
	return origin ? new URL(origin).host : url;
};

/**
 * For a request that never reached the host: which host was tried, what happened, and what to check (a
 * clause that starts in lower case, to follow a colon), or
 * undefined for failures that say nothing about reaching it. A server without direct internet access is the
 * usual cause, so the advice points at the credential's Proxy field.
 */
export function unreachableAdvice(
	code: string | undefined,
	url: string,
	proxy?: string,
): string | undefined {
	const happened = code ? WHAT_HAPPENED[code] : undefined;
	if (!happened) return undefined;
	const host = hostOf(url);
	if (proxy)
		return `through the proxy ${proxy}, ${happened(host)}. Check that the proxy is running and can reach ${host}, or correct the credential's Proxy field.`;
	return `${happened(host)}. Check that the n8n server can reach ${host} (its internet connection, DNS, firewall). If it reaches the internet only through a proxy, enter the proxy in the credential's Proxy field, e.g. http://proxy.example.com:3128.`;
}
