// @ts-check
/**
 * What the main job, the end-to-end tests and the benchmarks install into n8n: credentials that point
 * at the Thrive Apprentice sandbox (and, for ThriveCart, the fixtures' secret word), and the templates
 * with their credential placeholders bound to those credentials.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const seed = require(path.join(ROOT, 'sandbox', 'seed.json'));

/** The secret word the shared fixtures carry. */
const THRIVECART_SECRET_WORD = 'test-secret-word';
const THRIVECART_CREDENTIAL = { id: 'tcSandboxCred0001', name: 'ThriveCart account' };
const THRIVE_APPRENTICE_CREDENTIAL = { id: 'taSandboxCred0001', name: 'Thrive Apprentice site' };
/** n8n's own Redis credential, for the queue-mode template's Redis nodes (the queue's Redis). */
const REDIS_CREDENTIAL = { id: 'queueRedisCred001', name: "Redis (n8n's queue)" };

/**
 * n8n's Redis credential for a Redis on this machine.
 * @param {{ host?: string, port: number, database?: number }} redis
 */
function redisCredential({ host = '127.0.0.1', port, database = 0 }) {
	return { ...REDIS_CREDENTIAL, type: 'redis', data: { host, port, database, password: '' } };
}

/**
 * @param {{ sandboxUrl: string, thriveCartApiUrl?: string, thriveCartApiKey?: string }} options
 */
function sandboxCredentials({ sandboxUrl, thriveCartApiUrl, thriveCartApiKey }) {
	const admin = seed.users.find((/** @type {any} */ u) => u.login === 'admin');
	const apiKey = seed.site.apiKeys.find((/** @type {any} */ k) => k.enabled).key;
	return [
		{
			...THRIVECART_CREDENTIAL,
			type: 'thriveCartApi',
			data: {
				secretWord: THRIVECART_SECRET_WORD,
				apiKey: thriveCartApiKey ?? '',
				mode: 'live',
				...(thriveCartApiUrl ? { baseUrl: thriveCartApiUrl } : {}),
			},
		},
		{
			...THRIVE_APPRENTICE_CREDENTIAL,
			type: 'thriveApprenticeApi',
			data: {
				siteUrl: sandboxUrl,
				apiKey,
				username: admin.login,
				applicationPassword: admin.applicationPasswords[0],
			},
		},
	];
}

/**
 * The sandbox's product map (sandbox/seed.json), in the template's Rows form: the shipped template's map
 * is empty on purpose, so the main job, the tests and the benchmarks fill it here.
 */
const SANDBOX_PRODUCT_MAP_ROWS = [
	{ itemType: 'product', itemId: '12', productIds: [201] },
	{ itemType: 'pricingOption', itemId: '12', pricingOptionId: '78572', productIds: [204] },
	{ itemType: 'bump', itemId: '12', productIds: [203] },
	{ itemType: 'upsell', itemId: '5', productIds: [202] },
	{ itemType: 'downsell', itemId: '6', productIds: [205] },
];

/**
 * Fills the product map of every node that holds one in the Rows form (the others refer to it).
 * @param {any} workflow
 */
function fillSandboxProductMap(workflow) {
	for (const node of workflow.nodes) {
		if (node.parameters?.mapAs === 'rows' && node.parameters.productMapRows) {
			node.parameters.productMapRows = { rows: SANDBOX_PRODUCT_MAP_ROWS.map((row) => ({ ...row, productIds: [...row.productIds] })) };
		}
	}
	return workflow;
}

/**
 * A template as the sandbox runs it: credentials bound, product map filled.
 * @param {any} workflow
 */
function forSandbox(workflow) {
	return fillSandboxProductMap(bindCredentials(workflow));
}

/** @param {string} file a template file name in templates/ */
function loadTemplate(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', file), 'utf8'));
}

function templateFiles() {
	return fs.readdirSync(path.join(ROOT, 'templates')).filter((f) => f.endsWith('.json'));
}

/**
 * Binds every node's credential placeholders to the sandbox credentials.
 * @param {any} workflow
 */
function bindCredentials(workflow) {
	const byType = { thriveCartApi: THRIVECART_CREDENTIAL, thriveApprenticeApi: THRIVE_APPRENTICE_CREDENTIAL, redis: REDIS_CREDENTIAL };
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (type in byType) node.credentials[type] = { ...byType[/** @type {keyof typeof byType} */ (type)] };
		}
	}
	return workflow;
}

module.exports = {
	THRIVECART_SECRET_WORD,
	THRIVECART_CREDENTIAL,
	THRIVE_APPRENTICE_CREDENTIAL,
	REDIS_CREDENTIAL,
	redisCredential,
	sandboxCredentials,
	loadTemplate,
	templateFiles,
	bindCredentials,
	SANDBOX_PRODUCT_MAP_ROWS,
	fillSandboxProductMap,
	forSandbox,
};
