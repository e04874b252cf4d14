// @ts-check
/**
 * Installs the packed package (.runtime/package, made by scripts/pack.sh) into an n8n user folder the
 * way n8n's Community Nodes installer lays it out, so nodes get their real type names
 * (`n8n-nodes-thrivecart-apprentice.thriveCartTrigger`), exactly as the templates reference them.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKED = path.join(ROOT, '.runtime', 'package');

/** @param {string} userFolder the N8N_USER_FOLDER */
function installPackage(userFolder) {
	const manifest = JSON.parse(fs.readFileSync(path.join(PACKED, 'package.json'), 'utf8'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.cpSync(PACKED, target, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }, null, 2),
	);
	return manifest.name;
}

module.exports = { installPackage, PACKED };

if (require.main === module) {
	const userFolder = process.argv[2];
	if (!userFolder) throw new Error('usage: install-package.js <n8n user folder>');
	console.log(installPackage(userFolder));
}
