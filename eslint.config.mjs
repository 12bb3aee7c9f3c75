// n8n's lint for the published package (nodes/, credentials/, package.json): the config `n8n-node lint` ships.
// Everything else (the dev kit, entry points, benchmarks, tests) is linted by eslint.dev.config.mjs.
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [
	globalIgnores([
		'dev/',
		'scripts/',
		'bench/',
		'test/',
		'examples/',
		'coverage/',
		'.n8n-local/',
		'*.js',
		'*.mjs',
	]),
	...config,
];
