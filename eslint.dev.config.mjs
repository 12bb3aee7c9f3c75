// Lint for what is not published: the dev kit, entry points, benchmarks and tests (typescript-eslint's
// recommended rules), plus the repository's JavaScript config files. The package itself: eslint.config.mjs.
import js from '@eslint/js';
import { globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	globalIgnores(['nodes/', 'credentials/', 'dist/', 'coverage/', '.n8n-local/', 'examples/']),
	{
		files: ['dev/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			// Executions, REST answers and webhook bodies from n8n and the sandbox are untyped JSON read ad hoc.
			'@typescript-eslint/no-explicit-any': 'off',
			// `_name` marks a value left out on purpose, e.g. a field dropped by destructuring.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['**/*.cjs', '*.js', '*.mjs'],
		extends: [js.configs.recommended],
		languageOptions: { globals: globals.node },
	},
);
