// tsc compiles the TypeScript; gulp copies what n8n loads beside it: the SVG icons (light and dark)
// and the codex .node.json files, keeping their paths under dist/.
const { rmSync } = require('node:fs');
const { src, dest } = require('gulp');

/** A fresh dist/ each build, so files of removed sources never reach the package. */
async function clean() {
	rmSync('dist', { recursive: true, force: true });
}

function buildAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = buildAssets;
