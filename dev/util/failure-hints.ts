/** Turns raw tool output into "Cause: … Fix: …" so every failure tells the user what to do next. */

export class ExplainedError extends Error {
	constructor(
		message: string,
		readonly hint: string,
		readonly details = '',
	) {
		super(`${message}\n${hint}${details ? `\n${details}` : ''}`);
		this.name = 'ExplainedError';
	}
}

export function diskFullHint(where: string): string {
	return (
		`Cause: the disk is full. Fix: free space where ${where} lives (the n8n runtime needs about 3.5 GB), ` +
		'or set N8N_CDEK_CACHE to a folder on a bigger disk.'
	);
}

export const registryUnreachableHint =
	'Cause: the npm registry is unreachable. Fix: check the network or the npm proxy settings ' +
	'(`npm config get registry`, `npm ping`), then run again.';

export function portBusyHint(port: number, flag?: string): string {
	const fix = flag ? `pass \`${flag} <another port>\`` : 'choose another port';
	return (
		`Cause: port ${port} is already in use (another n8n, sandbox or \`npm start\` still running?). ` +
		`Fix: stop that process (find it with \`ss -ltnp 'sport = :${port}'\`) or ${fix}.`
	);
}

/** Best guess at why an npm / n8n command failed, from its output. */
export function explainOutput(output: string, context: { cacheDir: string }): string {
	if (/ENOSPC|no space left on device/i.test(output)) return diskFullHint(context.cacheDir);
	if (/EADDRINUSE/.test(output)) {
		const port = /EADDRINUSE[^\d]*(?:[\d.]+:)?(\d{2,5})/.exec(output)?.[1];
		return portBusyHint(port ? Number(port) : 0);
	}
	if (
		/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network request|socket hang up/i.test(
			output,
		)
	)
		return registryUnreachableHint;
	if (/E404|ETARGET|notarget/i.test(output))
		return (
			'Cause: the registry lacks a pinned package version. ' +
			'Fix: the registry must serve the versions pinned in dev/n8n/runtime.ts (n8n and its overrides); ' +
			'CONTRIBUTING.md, "The real n8n runtime", lists them and why.'
		);
	if (/EACCES|EPERM/.test(output))
		return 'Cause: permission denied. Fix: make the cache folder writable or set N8N_CDEK_CACHE to a writable folder.';
	return 'Cause: see the output below.';
}
