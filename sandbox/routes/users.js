// @ts-check
'use strict';
/** WordPress core's `wp/v2/users` routes (application passwords). */
const { reply, wpError, wpErrorNoData, invalidParams } = require('../errors');
const { userCan, isEmail, validateUsername, insertUser, avatarUrl, findUserById } = require('../wordpress');

/** @typedef {import('./types').Route} Route */
/** @typedef {import('./types').Context} Context */
/** @typedef {import('../store').User} User */

const CONTEXTS = ['view', 'embed', 'edit'];

/** WordPress's `sanitize_title()` as it makes a user's nicename (slug). */
const nicename = (/** @type {string} */ login) =>
	login
		.toLowerCase()
		.replace(/\./g, '-')
		.replace(/[^a-z0-9 _-]/g, '')
		.replace(/\s+/g, '-')
		.replace(/-+/g, '-')
		.replace(/^-|-$/g, '');

/**
 * A user as WordPress's REST API answers it.
 * @param {Context} ctx
 * @param {User} user
 * @param {string} context
 */
function formatUser(ctx, user, context) {
	const slug = nicename(user.login);
	const avatar_urls = { 24: avatarUrl(user.email, 24), 48: avatarUrl(user.email, 48), 96: avatarUrl(user.email, 96) };
	const links = {
		self: [{ href: `${ctx.siteUrl}/wp-json/wp/v2/users/${user.id}` }],
		collection: [{ href: `${ctx.siteUrl}/wp-json/wp/v2/users` }],
	};
	const link = `${ctx.siteUrl}/author/${slug}/`;
	if (context !== 'edit') {
		return { id: user.id, name: user.displayName, url: '', description: '', link, slug, avatar_urls, meta: [], _links: links };
	}
	/** @type {Record<string, boolean>} */
	const capabilities = {};
	for (const role of user.roles) {
		for (const cap of ctx.state.roles[role]?.capabilities || []) capabilities[cap] = true;
		capabilities[role] = true;
	}
	return {
		id: user.id,
		username: user.login,
		name: user.displayName,
		first_name: user.firstName,
		last_name: user.lastName,
		email: user.email,
		url: '',
		description: '',
		link,
		locale: 'en_US',
		nickname: user.login,
		slug,
		roles: [...user.roles],
		registered_date: `${user.registered.replace(' ', 'T')}+00:00`,
		capabilities,
		extra_capabilities: Object.fromEntries(user.roles.map((r) => [r, true])),
		avatar_urls,
		meta: { persisted_preferences: [] },
		_links: links,
	};
}

/**
 * @param {Context} ctx
 * @returns {import('../errors').Reply | null}
 */
function checkContext(ctx) {
	const context = ctx.params.context;
	if (context !== undefined && !CONTEXTS.includes(context)) {
		const message = 'context is not one of view, embed, and edit.';
		return invalidParams({ context: { code: 'rest_not_in_enum', message, data: { param: 'context' } } });
	}
	return null;
}

/**
 * `WP_User_Query`'s search: the columns depend on the term; `*term*` is a substring match.
 * @param {User} user
 * @param {string} term
 */
function matchesSearch(user, term) {
	const t = term.toLowerCase();
	const has = (/** @type {string} */ v) => v.toLowerCase().includes(t);
	if (t.includes('@')) return has(user.email);
	if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(t)) return has(user.login) || String(user.id) === t.trim();
	if (/^https?:\/\//.test(t)) return false;
	return has(user.login) || has(user.email) || has(nicename(user.login)) || has(user.displayName);
}

/**
 * A WordPress list argument: an array, or a comma-separated string.
 * @param {unknown} value
 * @returns {string[]}
 */
function idList(value) {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : String(value).split(/[\s,]+/);
	return list.map(String).filter((v) => v !== '');
}

/** @type {Route} */
const listUsers = {
	method: 'GET',
	path: '/wp/v2/users',
	auth: 'user',
	validate: (ctx) => {
		const context = checkContext(ctx);
		if (context) return context;
		const perPage = ctx.params.per_page;
		if (perPage !== undefined && !(Number(perPage) >= 1 && Number(perPage) <= 100)) {
			const message = 'per_page must be between 1 (inclusive) and 100 (inclusive)';
			return invalidParams({ per_page: { code: 'rest_out_of_bounds', message, data: { param: 'per_page' } } });
		}
		for (const name of ['include', 'exclude']) {
			const bad = idList(ctx.params[name]).findIndex((v) => !/^\s*\d+\s*$/.test(v));
			if (bad !== -1) {
				const param = `${name}[${bad}]`;
				return invalidParams({ [name]: { code: 'rest_invalid_type', message: `${param} is not of type integer.`, data: { param } } });
			}
		}
		return null;
	},
	permission: (ctx) => {
		if (ctx.params.roles !== undefined && !userCan(ctx.state, ctx.user, 'list_users')) {
			return wpError('rest_user_cannot_view', 'Sorry, you are not allowed to filter users by role.', ctx.user ? 403 : 401);
		}
		if (ctx.params.context === 'edit' && !userCan(ctx.state, ctx.user, 'list_users')) {
			return wpError('rest_forbidden_context', 'Sorry, you are not allowed to list users.', ctx.user ? 403 : 401);
		}
		return null;
	},
	handle: (ctx) => {
		const context = ctx.params.context || 'view';
		// Without list_users WordPress only lists authors of published posts: the sandbox has none.
		const visible = userCan(ctx.state, ctx.user, 'list_users') ? ctx.state.users : [];
		const search = typeof ctx.params.search === 'string' ? ctx.params.search : '';
		const include = idList(ctx.params.include).map(Number);
		const exclude = idList(ctx.params.exclude).map(Number);
		const roles = idList(ctx.params.roles);
		const found = visible
			.filter((u) => include.length === 0 || include.includes(u.id))
			.filter((u) => !exclude.includes(u.id))
			.filter((u) => roles.length === 0 || roles.some((r) => u.roles.includes(r)))
			.filter((u) => search === '' || matchesSearch(u, search))
			.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id - b.id);
		const perPage = ctx.params.per_page === undefined ? 10 : Number(ctx.params.per_page);
		const page = Math.max(1, parseInt(ctx.params.page || '1', 10) || 1);
		const pageItems = found.slice((page - 1) * perPage, page * perPage);
		const headers = { 'X-WP-Total': String(found.length), 'X-WP-TotalPages': String(Math.ceil(found.length / perPage)) };
		return reply(200, pageItems.map((u) => formatUser(ctx, u, context)), headers);
	},
};

/** @type {Route} */
const me = {
	method: 'GET',
	path: '/wp/v2/users/me',
	auth: 'user',
	validate: checkContext,
	handle: (ctx) => {
		if (!ctx.user) return wpError('rest_not_logged_in', 'You are not currently logged in.', 401);
		return reply(200, formatUser(ctx, ctx.user, ctx.params.context || 'view'));
	},
};

/** @type {Route} */
const getUser = {
	method: 'GET',
	path: '/wp/v2/users/(?<userId>\\d+)',
	auth: 'user',
	validate: checkContext,
	handle: (ctx) => {
		const user = findUserById(ctx.state, Number(ctx.urlParams.userId));
		if (!user) return wpError('rest_user_invalid_id', 'Invalid user ID.', 404);
		const context = ctx.params.context || 'view';
		const own = ctx.user !== null && ctx.user.id === user.id;
		// Without list_users WordPress shows only authors of published posts (the sandbox has none) and yourself.
		if (!own && !userCan(ctx.state, ctx.user, 'list_users')) {
			return wpError('rest_user_cannot_view', 'Sorry, you are not allowed to list users.', ctx.user ? 403 : 401);
		}
		return reply(200, formatUser(ctx, user, context));
	},
};

const INVALID_USERNAME = 'This username is invalid because it uses illegal characters. Please enter only alphanumeric, _, space, ., -, *, and @.';

/** @type {Route} */
const createUser = {
	method: 'POST',
	path: '/wp/v2/users',
	auth: 'user',
	required: ['username', 'email', 'password'],
	validate: (ctx) => {
		const { username, email, password } = ctx.params;
		/** @type {Record<string, { code: string, message: string, data?: unknown }>} */
		const problems = {};
		if (typeof username !== 'string' || !validateUsername(username)) {
			problems.username = { code: 'rest_user_invalid_username', message: INVALID_USERNAME, data: { status: 400 } };
		}
		if (typeof email !== 'string' || !isEmail(email)) problems.email = { code: 'rest_invalid_email', message: 'Invalid email address.' };
		if (typeof password !== 'string' || password.trim() === '') {
			problems.password = { code: 'rest_user_invalid_password', message: 'Passwords cannot be empty.', data: { status: 400 } };
		} else if (password.includes('\\')) {
			const message = 'Passwords cannot contain the "\\" character.';
			problems.password = { code: 'rest_user_invalid_password', message, data: { status: 400 } };
		}
		return Object.keys(problems).length > 0 ? invalidParams(problems) : null;
	},
	permission: (ctx) =>
		userCan(ctx.state, ctx.user, 'create_users') ? null : wpError('rest_cannot_create_user', 'Sorry, you are not allowed to create new users.', ctx.user ? 403 : 401),
	handle: (ctx) => {
		const p = ctx.params;
		const roles = Array.isArray(p.roles) ? p.roles.map(String) : typeof p.roles === 'string' ? p.roles.split(',') : [];
		const unknownRole = roles.find((r) => !ctx.state.roles[r]);
		if (unknownRole) return wpError('rest_user_invalid_role', `The role ${unknownRole} does not exist.`, 400);
		const result = insertUser(ctx.store, {
			login: p.username,
			email: p.email,
			password: p.password,
			firstName: typeof p.first_name === 'string' ? p.first_name : '',
			lastName: typeof p.last_name === 'string' ? p.last_name : '',
			displayName: typeof p.name === 'string' ? p.name : '',
			roles,
		});
		if ('error' in result) return wpErrorNoData(result.error.code, result.error.message);
		const location = `${ctx.siteUrl}/wp-json/wp/v2/users/${result.user.id}`;
		return reply(201, formatUser(ctx, result.user, 'edit'), { Location: location });
	},
};

module.exports = { routes: [me, getUser, listUsers, createUser], formatUser };
