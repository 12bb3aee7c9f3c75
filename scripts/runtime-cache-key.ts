/**
 * `tsx scripts/runtime-cache-key.ts <lane>` prints `key=…` for the GitHub workflow's cache of
 * ~/.cache/n8n-nodes-cdek: the Node and n8n versions the lane runs (dev/n8n/runtime.ts caches by the same two), so
 * a job restores only the runtime it needs and a new version starts a new cache.
 */
import { NODE_VERSION } from '../dev/n8n/runtime';
import { LANES } from './test-lanes';

const lane = LANES[process.argv[2] ?? ''];
if (!lane?.runtime) {
	const withRuntime = Object.keys(LANES).filter((name) => LANES[name].runtime);
	console.error(`usage: tsx scripts/runtime-cache-key.ts <${withRuntime.join('|')}>`);
	process.exit(2);
}
console.log(
	`key=n8n-runtime-${process.platform}-${process.arch}-node-${NODE_VERSION}-n8n-${lane.runtime}`,
);
