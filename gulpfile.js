// `npm run build` is `n8n-node build && gulp`. n8n-node build (n8n's CLI) empties dist/, compiles with tsc (the
// codex .node.json files come through tsconfig.json's include, and so does a copy of package.json) and copies
// every *.png and *.svg of the repository into dist/ with its path, the README's screenshots in docs/ included.
// gulp then keeps in dist/ only what the package ships: the compiled nodes/ and credentials/ with their icons and
// codex files (test/e2e/package-contents.test.ts checks the packed file list).
const { readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const SHIPPED = new Set(['nodes', 'credentials']);

/** Removes from dist/ everything n8n-node build put there that is not the package's nodes/ or credentials/. */
async function pruneDist() {
	for (const entry of readdirSync('dist'))
		if (!SHIPPED.has(entry)) rmSync(join('dist', entry), { recursive: true, force: true });
}

exports['prune:dist'] = pruneDist;
exports.default = pruneDist;
