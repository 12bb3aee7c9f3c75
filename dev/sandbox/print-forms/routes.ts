/** /v2/print (docs/reference/cdek-api.md §11): barcode labels and waybills, asked for, read and downloaded. */
import type { Router } from '../common/router';
import { PRINT_PATHS, type PrintFormService } from './print-forms';

export function registerPrintFormRoutes(api: Router, printForms: PrintFormService): void {
	for (const kind of ['barcode', 'waybill'] as const) {
		const base = `/v2/print/${PRINT_PATHS[kind]}`;
		api.add('POST', base, (ctx) => printForms.create(kind, ctx));
		// The .pdf route first: the plain one would take "{uuid}.pdf" as its uuid.
		api.add('GET', `${base}/:uuid.pdf`, (ctx) => printForms.download(kind, ctx.params.uuid));
		api.add('GET', `${base}/:uuid`, (ctx) => printForms.read(kind, ctx.params.uuid));
	}
}
