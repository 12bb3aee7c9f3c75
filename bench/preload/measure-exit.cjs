// Preloaded into the n8n processes a benchmark starts (NODE_OPTIONS=--require=…): when an n8n command
// process exits, it appends its peak RSS and CPU time to $N8N_BENCH_MEASURE_FILE, one JSON line per process.
// Task runners and other helpers that n8n spawns are not n8n commands and write nothing. Plain JS: n8n's
// Node 24 runs it directly.
'use strict';
const fs = require('node:fs');
const file = process.env.N8N_BENCH_MEASURE_FILE;
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (file && /n8n$/.test(process.argv[1] || '') && command) {
	process.on('exit', () => {
		const usage = process.resourceUsage();
		const line = {
			pid: process.pid,
			command,
			maxRssKb: usage.maxRSS,
			cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
		};
		try {
			fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
		} catch {
			// Measuring must never change how n8n exits.
		}
	});
}
