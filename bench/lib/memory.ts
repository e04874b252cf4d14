/**
 * n8n's resident memory, read from /proc. The harness keeps the child process private, so the n8n
 * process is found by its user folder (in its environment) and its `start` command line; the task
 * runners it spawns are its descendants.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
	pid: number;
	command: string;
	/** VmRSS, MiB. */
	rssMiB: number;
	/** VmHWM (peak RSS since start), MiB. */
	peakRssMiB: number;
}

export interface N8nMemory {
	main: ProcessMemory;
	/** Task runner processes (and anything else n8n started). */
	children: ProcessMemory[];
	totalRssMiB: number;
}

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

function pids(): number[] {
	return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

function parentOf(pid: number): number | undefined {
	const stat = read(`/proc/${pid}/stat`);
	// The command name is in parentheses and may contain spaces: fields restart after the last ")".
	const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
	return fields ? Number(fields[1]) : undefined;
}

function memoryOf(pid: number): ProcessMemory | undefined {
	const status = read(`/proc/${pid}/status`);
	if (!status) return undefined;
	const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
	const command = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean).map((part) => part.split('/').pop()).join(' ');
	return { pid, command, rssMiB: Number((kib('VmRSS') / 1024).toFixed(1)), peakRssMiB: Number((kib('VmHWM') / 1024).toFixed(1)) };
}

export function findN8nPid(userFolder: string): number {
	const marker = `N8N_USER_FOLDER=${userFolder}`;
	for (const pid of pids()) {
		const environ = read(`/proc/${pid}/environ`);
		if (!environ?.split('\0').includes(marker)) continue;
		const argv = (read(`/proc/${pid}/cmdline`) ?? '').split('\0');
		if (argv.some((arg) => arg.endsWith('/n8n')) && argv.includes('start')) return pid;
	}
	throw new Error(`no running "n8n start" process uses ${userFolder}`);
}

export function n8nMemory(pid: number): N8nMemory {
	const main = memoryOf(pid);
	if (!main) throw new Error(`n8n (pid ${pid}) is not running`);
	const all = pids();
	const descendants = new Set<number>([pid]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const candidate of all) {
			const parent = parentOf(candidate);
			if (parent !== undefined && descendants.has(parent) && !descendants.has(candidate)) {
				descendants.add(candidate);
				grew = true;
			}
		}
	}
	descendants.delete(pid);
	const children = [...descendants].map(memoryOf).filter((m): m is ProcessMemory => m !== undefined);
	const totalRssMiB = Number((main.rssMiB + children.reduce((sum, child) => sum + child.rssMiB, 0)).toFixed(1));
	return { main, children, totalRssMiB };
}
