// @ts-check
'use strict';
/** TA's `tva/v2/courses` routes (application passwords). */
const { reply } = require('../errors');
const { canUseApprentice } = require('./permissions');
const { courseRow } = require('../rows/courses');
const { productDetail } = require('../rows/products');
const { toInt, asList } = require('./types');

/** @typedef {import('./types').Route} Route */

const DEFAULT_LIMIT = 10;
/** Observed: without a status filter the list holds published and draft courses, not private (demo) ones. */
const DEFAULT_STATUSES = ['publish', 'draft'];
const COUNTED_STATUSES = ['publish', 'draft', 'hidden', 'archived'];

/**
 * `filter[status]=a`, `filter[status]=a,b` or `filter[status][]=a&filter[status][]=b`.
 * @param {unknown} filter
 * @returns {string[]}
 */
function statusFilter(filter) {
	const status = filter && typeof filter === 'object' ? /** @type {Record<string, unknown>} */ (filter).status : undefined;
	const statuses = asList(status).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter((s) => s !== '');
	return statuses.length > 0 ? statuses : DEFAULT_STATUSES;
}

/** @type {Route} */
const listCourses = {
	method: 'GET',
	path: '/tva/v2/courses',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const statuses = statusFilter(ctx.params.filter);
		const matching = ctx.state.courses
			.filter((c) => statuses.includes(c.status))
			.sort((a, b) => (b.order || 0) - (a.order || 0) || a.id - b.id);
		const limit = ctx.params.limit === undefined ? DEFAULT_LIMIT : Math.max(0, toInt(ctx.params.limit));
		const offset = Math.max(0, toInt(ctx.params.offset));
		const items = matching.slice(offset, offset + limit).map((c) => courseRow(ctx.state, ctx.siteUrl, c));
		return reply(200, { items, total: matching.length });
	},
};

/** @type {Route} */
const countByStatus = {
	method: 'GET',
	path: '/tva/v2/courses/get_count_by_status',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => reply(200, Object.fromEntries(COUNTED_STATUSES.map((s) => [s, ctx.state.courses.filter((c) => c.status === s).length]))),
};

/** @type {Route} */
const courseProducts = {
	method: 'GET',
	path: '/tva/v2/courses/(?<courseId>\\d+)/products',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const courseId = toInt(ctx.urlParams.courseId);
		return reply(200, ctx.state.products.filter((p) => p.courseIds.includes(courseId)).map((p) => productDetail(ctx.state, p)));
	},
};

module.exports = { routes: [listCourses, countByStatus, courseProducts] };
