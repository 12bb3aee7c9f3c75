/** An HTTP proxy as n8n's request helpers take it. */
export interface ProxySetting {
	host: string;
	port: number;
	protocol?: string;
	auth?: { username: string; password: string };
}

/** A proxy URL such as http://user:password@proxy.example.com:3128, or why it cannot be used. */
export function parseProxyUrl(value: string): ProxySetting | { problem: string } {
	let url: URL | undefined;
	try {
		url = new URL(value.trim());
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
		return { problem: 'must be a URL such as http://proxy.example.com:3128' };
	}
	return {
		protocol: url.protocol.replace(':', ''),
		host: url.hostname,
		port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
		...(url.username
			? {
					auth: {
						username: decodeURIComponent(url.username),
						password: decodeURIComponent(url.password),
					},
				}
			: {}),
	};
}

export const describeProxy = (proxy: ProxySetting): string => `${proxy.host}:${proxy.port}`;
