/** What the numbers were measured on, and whether other work competed for the CPU while they were. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpus, loadavg, totalmem } from 'node:os';
import { repoRoot } from '../dev/n8n/package-install';
import { N8N_VERSION, NODE_VERSION } from '../dev/n8n/runtime';

export interface MachineInfo {
	cores: number;
	cpuModel: string;
	memoryGb: number;
	benchNode: string;
	n8nNode: string;
	n8nVersion: string;
	/** The commit measured, and whether the node or credential sources differed from it. */
	revision: string;
}

async function revision(): Promise<string> {
	const git = (args: string[]) =>
		promisify(execFile)('git', args, { cwd: repoRoot, encoding: 'utf8' }).then((result) =>
			result.stdout.trim(),
		);
	try {
		const commit = await git(['rev-parse', '--short', 'HEAD']);
		const changed = await git(['status', '--porcelain', '--', 'nodes', 'credentials']);
		return changed ? `${commit} + uncommitted changes in nodes/ or credentials/` : commit;
	} catch {
		return 'unknown';
	}
}

export async function machineInfo(): Promise<MachineInfo> {
	return {
		cores: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		memoryGb: Math.round(totalmem() / 2 ** 30),
		benchNode: process.version,
		n8nNode: `v${NODE_VERSION}`,
		n8nVersion: N8N_VERSION,
		revision: await revision(),
	};
}

export const loadAverage = (): number => loadavg()[0];

/**
 * Processes outside this benchmark (neither its ancestors nor its descendants) that used more than 10% of
 * a core on average over their lifetime so far, e.g. another developer's jest or n8n.
 */
export async function otherBusyProcesses(): Promise<string[]> {
	let output = '';
	try {
		output = (
			await promisify(execFile)('ps', ['-eo', 'pid=,ppid=,stat=,pcpu=,args='], { encoding: 'utf8' })
		).stdout;
	} catch {
		return [];
	}
	const processes = output
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.filter((fields) => fields.length >= 5);
	const parentOf = new Map(processes.map((fields) => [fields[0], fields[1]]));
	const ours = new Set<string>();
	for (
		let pid: string | undefined = String(process.pid);
		pid && pid !== '0' && pid !== '1';
		pid = parentOf.get(pid)
	)
		ours.add(pid);
	const isOurs = (fields: string[]) => {
		for (
			let pid: string | undefined = fields[0];
			pid && pid !== '0' && pid !== '1';
			pid = parentOf.get(pid)
		)
			if (pid === String(process.pid)) return true;
		return ours.has(fields[0]);
	};
	return (
		processes
			// A zombie (stat Z) keeps its lifetime CPU share in ps but uses none: not load.
			.filter((fields) => Number(fields[3]) > 10 && !fields[2].startsWith('Z') && !isOurs(fields))
			.map((fields) => `${fields[0]} ${fields[3]}% ${fields.slice(4).join(' ').slice(0, 100)}`)
	);
}
