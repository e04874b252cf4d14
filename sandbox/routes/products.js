// @ts-check
'use strict';
/** TA's `tva/v1/products` routes (application passwords). */
const { reply } = require('../errors');
const { canUseApprentice } = require('./permissions');
const { courseDetail } = require('../rows/courses');
const { productRow, productDetail, unknownProduct } = require('../rows/products');
const { toInt } = require('./types');

/** @typedef {import('./types').Route} Route */

/**
 * Observed: the order is not stable between calls. Rotating by the call count makes that visible
 * while staying reproducible.
 * @template T
 * @param {T[]} list
 * @param {number} call
 */
function rotate(list, call) {
	if (list.length === 0) return list;
	const by = call % list.length;
	return [...list.slice(by), ...list.slice(0, by)];
}

/** @type {Route} */
const listProducts = {
	method: 'GET',
	path: '/tva/v1/products',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		// `number` and `offset` are ignored, as on a real site.
		const search = typeof ctx.params.search === 'string' ? ctx.params.search.toLowerCase() : '';
		const found = ctx.state.products.filter((p) => search === '' || p.name.toLowerCase().includes(search));
		return reply(200, { total: found.length, items: rotate(found, ctx.nextCall()).map((p) => productRow(ctx.state, p)) });
	},
};

/** @type {Route} */
const getProduct = {
	method: 'GET',
	path: '/tva/v1/products/(?<productId>\\d+)',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const product = ctx.state.products.find((p) => p.id === toInt(ctx.urlParams.productId));
		return reply(200, product ? productDetail(ctx.state, product) : unknownProduct());
	},
};

/** @type {Route} */
const productCourses = {
	method: 'GET',
	path: '/tva/v1/products/(?<productId>\\d+)/courses',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const product = ctx.state.products.find((p) => p.id === toInt(ctx.urlParams.productId));
		if (!product) return reply(200, []);
		const courses = ctx.state.courses.filter((c) => product.courseIds.includes(c.id));
		return reply(200, courses.map((c) => courseDetail(ctx.state, ctx.siteUrl, c)));
	},
};

module.exports = { routes: [listProducts, getProduct, productCourses] };
