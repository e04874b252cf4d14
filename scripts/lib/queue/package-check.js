// @ts-check
/**
 * The start-up check of the queue-mode set-up: every n8n process (main, webhook, each worker) must have
 * the same community package installed, byte for byte. A worker without it fails every execution with
 * "Unrecognized node type" after main has already answered ThriveCart 200, and ThriveCart does not
 * resend: the sale is lost without a sound. So the set-up refuses to start instead.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/** Where n8n's Community Nodes installer puts a package in a user folder. @param {string} userFolder @param {string} name */
function installedPackageDir(userFolder, name) {
	return path.join(userFolder, '.n8n', 'nodes', 'node_modules', name);
}

/** SHA-256 over every file's relative path and bytes, in a stable order. @param {string} dir */
function treeDigest(dir) {
	const hash = crypto.createHash('sha256');
	const walk = (/** @type {string} */ rel) => {
		for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			const child = path.join(rel, entry.name);
			if (entry.isDirectory()) walk(child);
			else {
				hash.update(`${child}\0`);
				hash.update(fs.readFileSync(path.join(dir, child)));
			}
		}
	};
	walk('');
	return hash.digest('hex');
}

/**
 * @param {string} userFolder
 * @param {string} name
 * @returns {{ ok: true, name: string, version: string, digest: string } | { ok: false, problem: string }}
 */
function inspect(userFolder, name) {
	const dir = installedPackageDir(userFolder, name);
	const manifestFile = path.join(dir, 'package.json');
	if (!fs.existsSync(manifestFile)) return { ok: false, problem: `not installed (no ${manifestFile})` };
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const absent = declared.filter((/** @type {string} */ file) => !fs.existsSync(path.join(dir, file)));
	if (absent.length > 0) return { ok: false, problem: `incomplete: ${absent.join(', ')} missing in ${dir}` };
	return { ok: true, name: manifest.name, version: manifest.version, digest: treeDigest(dir) };
}

/**
 * Compares every process's copy with main's. Returns one readable problem per process that differs
 * (empty when all match).
 * @param {string} name the package name
 * @param {Array<{ role: string, userFolder: string }>} processes the first is main
 */
function checkPackages(name, processes) {
	const [main, ...others] = processes;
	const reference = inspect(main.userFolder, name);
	if (!reference.ok) return [`${main.role}: ${name} is ${reference.problem}`];
	/** @type {string[]} */
	const problems = [];
	for (const process of others) {
		const found = inspect(process.userFolder, name);
		if (!found.ok) problems.push(`${process.role}: ${name} is ${found.problem}`);
		else if (found.version !== reference.version) problems.push(`${process.role}: ${name} ${found.version} is installed, ${main.role} has ${reference.version}`);
		else if (found.digest !== reference.digest) problems.push(`${process.role}: ${name} ${found.version} differs from ${main.role}'s copy (a different build of the same version)`);
	}
	return problems;
}

/** The loud refusal. @param {string} name @param {string[]} problems */
function refusal(name, problems) {
	return [
		`REFUSING TO START: the package ${name} is not the same on every n8n process.`,
		...problems.map((p) => `  - ${p}`),
		'Main would answer ThriveCart 200 and a worker without the package would fail every execution with',
		'"Unrecognized node type": those sales would be lost (ThriveCart does not resend). Install the same',
		`version of ${name} in every process's ~/.n8n/nodes (or $N8N_USER_FOLDER/.n8n/nodes), then start again.`,
	].join('\n');
}

/** What a worker prints when an execution meets a node type it does not have. */
const UNRECOGNIZED_NODE = /Unrecognized node type/i;

module.exports = { checkPackages, refusal, inspect, installedPackageDir, UNRECOGNIZED_NODE };
