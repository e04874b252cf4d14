// @ts-check
'use strict';
/**
 * Product rows as TA answers them: `sets[].post_content[]` name the courses (`value[{id, text}]`, draft
 * courses get " [draft]"); there is no course count. Single-product routes add the term and the rules.
 */
const { customersOf } = require('../access');

/** @typedef {import('../store').State} State */
/** @typedef {import('../store').Product} Product */

const slugify = (/** @type {string} */ name) =>
	name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

const inherit = () => ({ option: 'inherit' });

/**
 * @param {State} state
 * @param {Product} product
 */
function contentSet(state, product) {
	const value = product.courseIds.map((id) => {
		const course = state.courses.find((c) => c.id === id);
		const text = course ? course.name + (course.status === 'draft' ? ' [draft]' : '') : '';
		return { id, text };
	});
	return {
		ID: product.setId ?? product.id + 1000,
		post_title: `${product.name} set`,
		post_content: [
			{ content_type: 'term', content: 'tva_courses', field: 'title', operator: '===', value, content_label: { singular: 'Course', plural: 'Courses' } },
		],
	};
}

/**
 * The WordPress term behind a product (`count`: how many courses it holds).
 * @param {Product} product
 */
function productTerm(product) {
	return {
		term_id: product.id,
		name: product.name,
		slug: slugify(product.name),
		term_group: 0,
		term_taxonomy_id: product.id,
		taxonomy: 'tva_product',
		description: '',
		parent: 0,
		count: product.courseIds.length > 0 ? 1 : 0,
		filter: 'raw',
	};
}

/**
 * A row of `tva/v1/products` (and of a course's `products`).
 * @param {State} state
 * @param {Product} product
 */
function productRow(state, product) {
	return {
		id: product.id,
		name: product.name,
		customers_count: customersOf(state, product.id).length,
		sets: [contentSet(state, product)],
		order: 0,
		access_expiry: [],
	};
}

/**
 * `tva/v1/products/{id}` and `tva/v2/courses/{id}/products`.
 * @param {State} state
 * @param {Product} product
 */
function productDetail(state, product) {
	return {
		...productRow(state, product),
		identifier: '',
		term: productTerm(product),
		rules: [],
		buy_now_links: [],
		access_restrictions: { not_purchased: inherit(), not_logged: inherit(), locked: inherit(), custom: [], action_button_display: { option: 'call_to_action' } },
	};
}

/** @param {string} name */
const restrictionPage = (name) => ({
	option: 'content',
	content: {
		title: '__original',
		post_id: 0,
		post: { category: 'general', name, value: 0, title: '', preview_url: '', edit_url: '?tve=true&action=architect', edit_with_wp: '' },
	},
	redirect_login: { state: 'login', content_redirect: true },
	redirect_custom: { post_id: 0 },
});

/** Observed: `products/<unknown id>` is a 200 with an empty product whose id is null. */
function unknownProduct() {
	return {
		id: null,
		name: '',
		customers_count: 0,
		sets: [],
		order: 0,
		access_expiry: [],
		identifier: false,
		term: null,
		rules: [],
		buy_now_links: [],
		access_restrictions: {
			not_purchased: restrictionPage('content_post_not_purchased'),
			not_logged: restrictionPage('content_post_not_logged'),
			locked: restrictionPage('content_post_locked'),
			custom: [],
			action_button_display: { option: 'call_to_action' },
		},
	};
}

module.exports = { productRow, productDetail, productTerm, unknownProduct };
