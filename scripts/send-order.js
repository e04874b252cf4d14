#!/usr/bin/env node
// @ts-check
/**
 * Companion to `npm start`: sends one ThriveCart order (product + bump, form-encoded like ThriveCart's
 * default) to the running fulfilment workflow, then asks the Thrive Apprentice sandbox — through TA's
 * own customer routes — which products the customer now has.
 *   npm run send-order [-- --email someone@example.test] [--json] [--test-mode]
 */
const fs = require('fs');
const path = require('path');
const { orderSuccess, encodeForm } = require('./lib/thrivecart-delivery');
const seed = require('../sandbox/seed.json');

const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => args.includes(name);
const option = (/** @type {string} */ name) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};

async function main() {
	const infoFile = path.join(__dirname, '..', '.runtime', 'main-job.json');
	if (!fs.existsSync(infoFile)) throw new Error('Start the main job first: npm start');
	const info = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
	const email = option('--email') ?? `buyer-${Date.now()}@example.test`;
	const delivery = orderSuccess({
		email,
		firstName: 'Sample',
		lastName: 'Buyer',
		orderId: Math.floor(Date.now() / 1000) % 100_000_000,
		mode: flag('--test-mode') ? 'test' : 'live',
		items: [
			{ type: 'product', id: 12, name: 'Foundations Program', amount: 9700 },
			{ type: 'bump', id: 12, name: 'Bonus Masterclass', amount: 2700 },
		],
	});
	const json = flag('--json');
	const res = await fetch(info.webhookUrl, {
		method: 'POST',
		headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
		body: json ? JSON.stringify(delivery) : encodeForm(delivery),
	});
	console.log(`POST ${info.webhookUrl} (${json ? 'JSON' : 'form'}) → ${res.status} ${await res.text()}`);

	const admin = seed.users.find((u) => u.login === 'admin');
	const auth = { authorization: `Basic ${Buffer.from(`${admin.login}:${admin.applicationPasswords[0]}`).toString('base64')}` };
	const api = `${info.sandboxUrl}/wp-json/tva/v1`;
	for (let attempt = 0; attempt < 60; attempt++) {
		const found = await (await fetch(`${api}/customer?s=${encodeURIComponent(email)}&limit=5`, { headers: auth })).json();
		const customer = found.items?.find((/** @type {any} */ c) => c.user_email.toLowerCase() === email.toLowerCase());
		if (customer) {
			const products = await (await fetch(`${api}/customer/${customer.ID}/products`, { headers: auth })).json();
			console.log(`\n${email} (Thrive Apprentice user ${customer.ID}) now has:`);
			for (const p of products) console.log(`  - product ${p.id}: ${p.name}`);
			return;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	console.log(`\nNo access for ${email} after 30 s: look at the execution in the n8n editor (Executions tab).`);
	process.exitCode = 1;
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
