/** /v2/webhooks (docs/reference/cdek-api.md §8): subscriptions of an account. Deliveries: webhooks.ts. */
import type { Router } from '../common/router';
import type { WebhookService } from './webhooks';

export function registerWebhookRoutes(api: Router, webhooks: WebhookService): void {
	api.add('POST', '/v2/webhooks', (ctx) => webhooks.subscribe(ctx));
	api.add('GET', '/v2/webhooks', (ctx) => webhooks.listSubscriptions(ctx));
	api.add('GET', '/v2/webhooks/:uuid', (ctx) => webhooks.readSubscription(ctx));
	api.add('DELETE', '/v2/webhooks/:uuid', (ctx) => webhooks.unsubscribe(ctx));
}
