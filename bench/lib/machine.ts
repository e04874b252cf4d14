/** What every result records about where it was measured. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { N8N_RUNTIME, NODE24, PROJECT_ROOT } from '../../test/support/runtime';

export interface Machine {
	cores: number;
	cpuModel: string;
	memoryGiB: number;
	os: string;
	/** The Node that runs n8n (and the parsing benchmark). */
	n8nNode: string;
	n8n: string;
	/** This package's version. */
	package: string;
	/** The Node running the benchmark driver and the sandbox. */
	benchNode: string;
	/** 1-minute load average when the benchmark process started and when this run ended: other work on the machine skews the figures. */
	loadAverage: { atStart: number; atEnd: number };
}

const loadAtStart = Number(loadavg()[0].toFixed(2));

function version(file: string): string {
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export function machine(): Machine {
	return {
		cores: cpus().length,
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
		os: `${type()} ${release()}`,
		n8nNode: execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim(),
		n8n: version(join(N8N_RUNTIME, 'node_modules', 'n8n', 'package.json')),
		package: version(join(PROJECT_ROOT, 'package.json')),
		benchNode: process.version,
		loadAverage: { atStart: loadAtStart, atEnd: Number(loadavg()[0].toFixed(2)) },
	};
}
