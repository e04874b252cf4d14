// @ts-check
'use strict';
/** Rows for courses and products as TA's admin routes answer them. */
const { customersOf } = require('../access');

/** @typedef {import('./types').Context} Context */

/**
 * @param {Context} ctx
 * @param {import('../store').Course} course
 */
function courseRow(ctx, course) {
	const productIds = ctx.state.products.filter((p) => p.courseIds.includes(course.id)).map((p) => p.id);
	const enrolled = new Set(productIds.flatMap((id) => customersOf(ctx.state, id).map((u) => u.id))).size;
	return {
		id: course.id,
		name: course.name,
		slug: course.slug,
		status: course.status,
		url: `${ctx.siteUrl}/courses/${course.slug}/`,
		preview_url: `${ctx.siteUrl}/courses/${course.slug}/?tva_preview=1`,
		// Observed: a count from the database, a string when there is one, 0 otherwise.
		enrolled_users: enrolled > 0 ? String(enrolled) : 0,
	};
}

/**
 * @param {Context} ctx
 * @param {import('../store').Product} product
 */
function productRow(ctx, product) {
	return {
		id: product.id,
		name: product.name,
		description: '',
		courses_count: product.courseIds.length,
		customers_count: customersOf(ctx.state, product.id).length,
	};
}

module.exports = { courseRow, productRow };
