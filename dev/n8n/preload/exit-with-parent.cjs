// Preloaded into every n8n process we spawn (NODE_OPTIONS=--require=…). If the process that started n8n
// dies without stopping it (a killed jest run, a crashed `npm start`), n8n is re-parented; it then shuts
// itself down, and its whole process group (task runners) after a grace period. Plain JS: n8n's Node 24 runs
// it directly, without tsx.
'use strict';
const startedBy = process.ppid;
const GRACE_MS = 15000;
if (process.env.N8N_CDEK_WATCH_PARENT === '1') {
	const timer = setInterval(() => {
		if (process.ppid === startedBy) return;
		clearInterval(timer);
		process.stderr.write(`[n8n-nodes-cdek] parent process ${startedBy} is gone; stopping n8n\n`);
		setTimeout(() => {
			try {
				process.kill(-process.pid, 'SIGKILL');
			} catch {
				process.exit(1);
			}
		}, GRACE_MS).unref();
		process.kill(process.pid, 'SIGTERM');
	}, 1000);
	timer.unref();
}
