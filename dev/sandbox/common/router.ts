/**
 * A tiny path router: templates like "/v2/orders/:uuid/refusal" or "/v2/print/barcodes/:uuid.pdf" (a parameter with a
 * fixed suffix); reports 405 when only the method differs.
 */
import type { Handler } from './http';

interface Route {
	method: string;
	template: string;
	segments: string[];
	handler: Handler;
}

export type RouteMatch =
	| { kind: 'found'; handler: Handler; params: Record<string, string>; template: string }
	| { kind: 'method-not-allowed'; template: string; allowed: string[] }
	| { kind: 'not-found' };

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, template: string, handler: Handler): this {
		this.routes.push({ method, template, segments: template.split('/').filter(Boolean), handler });
		return this;
	}

	match(method: string, pathname: string): RouteMatch {
		const parts = pathname.split('/').filter(Boolean);
		const allowed: string[] = [];
		let template = '';
		for (const route of this.routes) {
			const params = matchSegments(route.segments, parts);
			if (!params) continue;
			if (route.method === method)
				return { kind: 'found', handler: route.handler, params, template: route.template };
			allowed.push(route.method);
			template = route.template;
		}
		return allowed.length
			? { kind: 'method-not-allowed', template, allowed }
			: { kind: 'not-found' };
	}
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
	if (segments.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		if (segments[i].startsWith(':')) {
			const [name, suffix] = segments[i].slice(1).split('.', 2);
			let part = parts[i];
			if (suffix !== undefined) {
				if (!part.endsWith(`.${suffix}`) || part.length === suffix.length + 1) return undefined;
				part = part.slice(0, -suffix.length - 1);
			}
			try {
				params[name] = decodeURIComponent(part);
			} catch {
				params[name] = part;
			}
		} else if (segments[i] !== parts[i]) {
			return undefined;
		}
	}
	return params;
}

/** "/v2/orders/:uuid" → "/v2/orders/{uuid}" for counters and logs. */
export function displayTemplate(template: string): string {
	return template.replace(/:(\w+)/g, '{$1}');
}
