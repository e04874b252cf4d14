/**
 * CPU time of a process and its descendants (task runners), read from /proc/<pid>/stat: utime + stime,
 * in clock ticks (USER_HZ, 100 on Linux). Read before and after a run; the difference is what the run cost.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

function stat(pid: number): string[] | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is in parentheses and may contain spaces: fields restart after the last ")".
		return text.slice(text.lastIndexOf(')') + 2).split(' ');
	} catch {
		return undefined;
	}
}

/** CPU seconds used so far by `pid` and every live descendant. */
export function cpuSeconds(pid: number): number {
	const children = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const fields = stat(Number(name));
		if (!fields) continue;
		const parent = Number(fields[1]);
		children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
	}
	let ticks = 0;
	const visit = (id: number) => {
		const fields = stat(id);
		// Fields 14 and 15 of /proc/<pid>/stat (utime, stime) are indexes 11 and 12 after the name.
		if (fields) ticks += Number(fields[11]) + Number(fields[12]);
		for (const child of children.get(id) ?? []) visit(child);
	};
	visit(pid);
	return ticks / TICKS_PER_SECOND;
}

/** Reads several processes at once (by role). */
export function cpuByRole(processes: Array<{ role: string; pid: number }>): Record<string, number> {
	return Object.fromEntries(processes.map((p) => [p.role, cpuSeconds(p.pid)]));
}
