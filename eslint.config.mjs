// n8n's community-node rule set, exactly as `n8n-node lint` ships it, applied to the published sources.
// Tests, the sandbox and scripts are not part of the package (they may use process, timers and fs).
import { config } from '@n8n/node-cli/eslint';

export default [{ ignores: ['test/**', 'scripts/**', 'examples/**', 'coverage/**', '.n8n-local/**', '*.js', '*.mjs'] }, ...config];
