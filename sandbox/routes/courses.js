// @ts-check
'use strict';
/** TA's `tva/v2/courses` routes (application passwords). */
const { reply } = require('../errors');
const { canUseApprentice } = require('./permissions');
const { courseRow, productRow } = require('./catalog');
const { toInt } = require('./types');

/** @typedef {import('./types').Route} Route */

const DEFAULT_LIMIT = 10;

/** @type {Route} */
const listCourses = {
	method: 'GET',
	path: '/tva/v2/courses',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const filter = ctx.params.filter && typeof ctx.params.filter === 'object' ? ctx.params.filter : {};
		const statuses = filter.status === undefined ? [] : String(filter.status).split(',').map((s) => s.trim());
		const matching = ctx.state.courses.filter((c) => statuses.length === 0 || statuses.includes(c.status));
		const limit = ctx.params.limit === undefined ? DEFAULT_LIMIT : Math.max(0, toInt(ctx.params.limit));
		const offset = Math.max(0, toInt(ctx.params.offset));
		return reply(200, { items: matching.slice(offset, offset + limit).map((c) => courseRow(ctx, c)), total: matching.length });
	},
};

/** @type {Route} */
const courseProducts = {
	method: 'GET',
	path: '/tva/v2/courses/(?<courseId>\\d+)/products',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const courseId = toInt(ctx.urlParams.courseId);
		return reply(200, ctx.state.products.filter((p) => p.courseIds.includes(courseId)).map((p) => productRow(ctx, p)));
	},
};

module.exports = { routes: [listCourses, courseProducts] };
