// @ts-check
'use strict';
/**
 * The sandbox's embedded store: one JSON document in `<dataDir>/state.json`, written atomically
 * (temp file + rename) after every change and loaded at start. Ids grow like WordPress auto-increments.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { defaultSettings } = require('./settings');

/**
 * The starting states: `default` (seed.json, what the project's tests use), `recordings` (the real site
 * the recordings were made on) and `recordings-unseeded` (that site before its seeding calls: no API key,
 * only the demo courses, no products).
 */
const SEEDS = { default: 'seed.json', recordings: 'seed-recordings.json', 'recordings-unseeded': 'seed-recordings.json' };
const STATE_FILE = 'state.json';

/** @typedef {keyof typeof SEEDS} SeedName */

/**
 * @typedef {{ key: string, enabled: boolean, id?: number, name?: string }} ApiKey
 * @typedef {{ id: number, login: string, email: string, displayName: string, firstName: string,
 *   lastName: string, roles: string[], applicationPasswords: string[], passwordHash?: string,
 *   registered: string }} User
 * @typedef {{ id: number, name: string, slug: string, status: string, description?: string, lessons?: number,
 *   order?: number, demo?: boolean, overviewPostId?: number }} Course `demo`: one of TA's demo courses (no
 *   access rules, a default cover).
 * @typedef {{ id: number, name: string, courseIds: number[], setId?: number }} Product `setId`: its content set's post id.
 * @typedef {{ role: string, productId: number }} RoleAccess
 * @typedef {{ id: number, orderId: number, productId: number, name: string, status: number,
 *   unitPrice: number, currency: string, gatewayOrderItemId: string, createdAt: string }} OrderItem
 * @typedef {{ id: number, userId: number, status: number, gateway: string, gatewayOrderId: string,
 *   buyerEmail: string, total: number, currency: string, createdAt: string, items: OrderItem[] }} Order
 * @typedef {{ id: number, to: string, subject: string, kind: 'new-account' | 'admin-new-user',
 *   body: string, at: string }} Email
 * @typedef {import('./settings').Settings} Settings
 * @typedef {{ siteName: string, apiKeys: ApiKey[], roles: Record<string, { capabilities: string[] }>,
 *   users: User[], courses: Course[], products: Product[], roleAccess: RoleAccess[], orders: Order[],
 *   emails: Email[], settings: Settings, seed: SeedName, nextIds: { user: number, order: number, orderItem: number, email: number, term: number, post: number } }} State
 */

/** @param {string} password */
function hashPassword(password) {
	return crypto.createHash('sha256').update(password).digest('hex');
}

/** WordPress's `Y-m-d H:i:s` (UTC), the format TA and WordPress answer with. */
function mysqlDate(date = new Date()) {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * @param {unknown} name
 * @returns {name is SeedName}
 */
const isSeedName = (name) => typeof name === 'string' && Object.prototype.hasOwnProperty.call(SEEDS, name);

/**
 * A fresh state from a seed file.
 * @param {Partial<Settings>} overrides settings that differ from the defaults (the sandbox's start options)
 * @param {SeedName} [seedName]
 * @returns {State}
 */
function seedState(overrides, seedName = 'default') {
	const seed = JSON.parse(fs.readFileSync(path.join(__dirname, SEEDS[seedName]), 'utf8'));
	if (seedName === 'recordings-unseeded') {
		seed.site.apiKeys = [];
		seed.courses = seed.courses.filter((/** @type {Course} */ c) => c.demo);
		seed.products = [];
		seed.nextIds = seed.unseededNextIds;
	}
	const termIds = [...seed.courses, ...seed.products].map((/** @type {{ id: number }} */ t) => t.id);
	const postIds = seed.products.map((/** @type {Product} */ p) => p.setId || 0);
	/** @type {User[]} */
	const users = seed.users.map((/** @type {any} */ u) => ({
		id: u.id,
		login: u.login,
		email: u.email,
		displayName: u.displayName,
		firstName: u.firstName || '',
		lastName: u.lastName || '',
		roles: [...u.roles],
		applicationPasswords: [...(u.applicationPasswords || [])],
		...(u.loginPassword ? { passwordHash: hashPassword(u.loginPassword) } : {}),
		registered: '2026-01-01 00:00:00',
	}));
	return {
		siteName: seed.site.name,
		apiKeys: seed.site.apiKeys.map((/** @type {ApiKey} */ k) => ({ ...k })),
		roles: seed.roles,
		users,
		courses: seed.courses,
		products: seed.products,
		roleAccess: seed.roleAccess || [],
		orders: [],
		emails: [],
		settings: { ...defaultSettings(seed.site.emailTemplates), ...overrides },
		seed: seedName,
		nextIds: {
			user: Math.max(...users.map((u) => u.id)) + 1,
			order: 1,
			orderItem: 1,
			email: 1,
			term: Math.max(0, ...termIds) + 1,
			post: Math.max(0, ...postIds) + 1,
			...seed.nextIds,
		},
	};
}

class Store {
	/**
	 * @param {string} dataDir
	 * @param {{ reset?: boolean, seed?: SeedName, settings?: Partial<Settings> }} options `settings`: this
	 *   sandbox's defaults (kept by reset)
	 */
	constructor(dataDir, options = {}) {
		if (options.seed !== undefined && !isSeedName(options.seed)) throw new Error(`Unknown sandbox seed ${options.seed}: use one of ${Object.keys(SEEDS).join(', ')}.`);
		this.dataDir = dataDir;
		this.file = path.join(dataDir, STATE_FILE);
		this.overrides = options.settings || {};
		fs.mkdirSync(dataDir, { recursive: true });
		/** @type {State} */
		const saved = !options.reset && fs.existsSync(this.file) ? JSON.parse(fs.readFileSync(this.file, 'utf8')) : null;
		// A saved state from another seed is not this sandbox's starting point.
		this.state = saved && (options.seed === undefined || (saved.seed || 'default') === options.seed) ? saved : seedState(this.overrides, options.seed);
		/** @type {SeedName} */
		this.seed = this.state.seed || 'default';
		// A state file from an older sandbox lacks newer settings.
		const { displayErrors: _old, ...kept } = /** @type {any} */ (this.state.settings);
		this.state.settings = { ...defaultSettings({}), ...kept, ...this.overrides };
		this.save();
	}

	/** Back to the seed this sandbox started from. */
	reset() {
		this.state = seedState(this.overrides, this.seed);
		this.save();
	}

	/** Atomic write: a reader never sees half a file, a crash never leaves one. */
	save() {
		const tmp = `${this.file}.${process.pid}.tmp`;
		fs.writeFileSync(tmp, JSON.stringify(this.state));
		fs.renameSync(tmp, this.file);
	}

	/**
	 * @param {'user' | 'order' | 'orderItem' | 'email' | 'term' | 'post'} kind
	 * @returns {number}
	 */
	nextId(kind) {
		// A state file from an older sandbox has no term or post counter.
		if (this.state.nextIds[kind] === undefined) this.state.nextIds[kind] = 1000;
		return this.state.nextIds[kind]++;
	}
}

module.exports = { Store, mysqlDate, seedState, hashPassword, SEEDS };
