// @ts-check
/**
 * `owner.js <n8n url> <owner file>`: makes sure the local n8n has an owner account, so nobody who reaches
 * the editor first can claim the instance. Creates one with a random password the first time (kept in the
 * owner file, readable by this user only) and prints one line saying how to sign in.
 */
const crypto = require('crypto');
const fs = require('fs');

const EMAIL = 'owner@example.com';

/** n8n wants 8+ characters with a digit and an upper-case letter. */
function newPassword() {
	return `Tc${crypto.randomBytes(12).toString('base64url')}9`;
}

/** @param {string} url @param {RequestInit} [init] */
async function call(url, init) {
	const res = await fetch(url, init);
	const text = await res.text();
	if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : {};
}

/** @param {string} base @param {string} file */
async function ensureOwner(base, file) {
	const settings = await call(`${base}/rest/settings`);
	const needsOwner = settings?.data?.userManagement?.showSetupOnFirstLoad === true;
	if (!needsOwner) {
		if (fs.existsSync(file)) {
			const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
			return `${saved.email} / ${saved.password}   (saved in ${file})`;
		}
		return 'already set up in this n8n (not by npm start): sign in with the account you created';
	}
	const owner = { email: EMAIL, password: newPassword() };
	await call(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...owner, firstName: 'Local', lastName: 'Owner' }),
	});
	fs.writeFileSync(file, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return `${owner.email} / ${owner.password}   (created now; saved in ${file})`;
}

if (require.main === module) {
	const [base, file] = process.argv.slice(2);
	if (!base || !file) throw new Error('usage: owner.js <n8n url> <owner file>');
	ensureOwner(base, file).then(
		(line) => console.log(line),
		(error) => {
			console.error(`Could not set up n8n's owner account: ${error.message}`);
			process.exit(1);
		},
	);
}

module.exports = { ensureOwner };
