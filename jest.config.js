/** Test projects by layer (CONTRIBUTING.md explains which to use when); `npm test` (scripts/test-all.ts) runs them all. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json' }] };
const project = (displayName, roots, extra = {}) => ({
	displayName,
	testEnvironment: 'node',
	modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.n8n-local'],
	transform,
	testMatch: roots.map((r) => `<rootDir>/${r}/**/*.test.ts`),
	...extra,
});

const timeLimit = { setupFilesAfterEnv: ['<rootDir>/test/time-limit.setup.ts'] };

module.exports = {
	projects: [
		project('unit', ['test/unit', 'test/dev/util'], timeLimit),
		project('sandbox', ['test/sandbox', 'test/dev/demo'], timeLimit),
		project('integration', ['test/integration', 'test/dev/n8n-core'], timeLimit),
		project('e2e', ['test/e2e', 'test/dev/n8n'], {
			setupFilesAfterEnv: ['<rootDir>/test/e2e/jest.setup.ts'],
		}),
		// The e2e files that also run in n8n 1.123.81 (the last 1.x line): README's compatibility table lists what they cover.
		project('e2e-n8n1', [], {
			testMatch: ['cdek-node', 'node-v2', 'cdek-trigger', 'ai-agent'].map(
				(file) => `<rootDir>/test/e2e/${file}.test.ts`,
			),
			setupFiles: ['<rootDir>/test/e2e/n8n1.setup.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/e2e/jest.setup.ts'],
		}),
		project('browser', ['test/browser'], {
			setupFilesAfterEnv: ['<rootDir>/test/browser/jest.setup.ts'],
		}),
	],
};
