// @ts-check
'use strict';
/** Course rows as TA answers them: the short list row and the full course (with its products). */
const { customersOf } = require('../access');
const { productRow } = require('./products');
const { mysqlDate } = require('../store');

/** @typedef {import('../store').State} State */
/** @typedef {import('../store').Course} Course */

/**
 * @param {State} state
 * @param {Course} course
 */
const productsHolding = (state, course) => state.products.filter((p) => p.courseIds.includes(course.id));

/**
 * Users with access to the course through any of its products.
 * @param {State} state
 * @param {Course} course
 */
function enrolledCount(state, course) {
	return new Set(productsHolding(state, course).flatMap((p) => customersOf(state, p.id).map((u) => u.id))).size;
}

/**
 * A row of `tva/v2/courses`. Observed: `enrolled_users` is a string ("0") for courses with access rules and
 * a number for the demo courses; `is_private` is true once a product holds the course.
 * @param {State} state
 * @param {string} siteUrl
 * @param {Course} course
 * @param {{ enrolledAsNumber?: boolean }} [options]
 */
function courseRow(state, siteUrl, course, options = {}) {
	const enrolled = enrolledCount(state, course);
	return {
		id: course.id,
		status: course.status,
		topic: 0,
		name: course.name,
		is_private: productsHolding(state, course).length > 0,
		publish_date: mysqlDate(),
		preview_url: `${siteUrl}/courses/${course.slug}/?preview=true`,
		cover_image: course.demo ? `${siteUrl}/wp-content/plugins/thrive-apprentice/img/default_cover.png` : '',
		slug: course.slug,
		order: course.order || 0,
		conversions: 0,
		enrolled_users: course.demo || options.enrolledAsNumber ? enrolled : String(enrolled),
		count_lessons: course.lessons || 0,
		count_assessments: 0,
	};
}

/**
 * The full course: `tva/v1/products/{id}/courses` and a new member's `courses`.
 * @param {State} state
 * @param {string} siteUrl
 * @param {Course} course
 * @param {{ enrolledAsNumber?: boolean }} [options]
 */
function courseDetail(state, siteUrl, course, options = {}) {
	const row = courseRow(state, siteUrl, course, options);
	const inherit = () => ({ option: 'inherit' });
	return {
		...row,
		level: 0,
		label: 0,
		text: course.name,
		author: { ID: null, biography_type: 'wordpress_bio', custom_biography: '', avatar_url: null, name: null, username: null, email: null },
		structure: null,
		description: course.description || '',
		allows_comments: false,
		has_video: false,
		video: { options: [], source: '', type: 'youtube' },
		excluded: 0,
		protect_overview: 0,
		message: '',
		access_restrictions: { not_logged: inherit(), not_purchased: inherit(), action_button_display: { option: 'call_to_action' }, locked: inherit(), custom: [] },
		overview_post: { preview_url: row.preview_url },
		excerpt: '',
		taxonomy: 'tva_courses',
		last_edit_date: row.publish_date,
		drip_campaigns: [],
		selected_campaign: null,
		products: productsHolding(state, course).map((p) => productRow(state, p)),
		published_lessons_count: course.lessons || 0,
		has_certificate: 0,
		certificate: { course_id: course.id },
		has_completed_post: 0,
		completed_post: { course_id: course.id },
	};
}

/**
 * `GET`/`POST tva/v2/courses/{id}`: the full course as the course editor loads it (restriction pages,
 * a structure list). `overviewPostId`: the overview post the GET creates, shown by the GET only.
 * @param {State} state
 * @param {string} siteUrl
 * @param {Course} course
 * @param {{ overviewPostId?: number }} [options]
 */
function courseEditorRow(state, siteUrl, course, options = {}) {
	const detail = courseDetail(state, siteUrl, course);
	const page = () => ({ option: 'inherit', content: { post_id: 0, title: '__original' } });
	const overview =
		options.overviewPostId === undefined
			? { preview_url: detail.preview_url }
			: { preview_url: detail.preview_url, post_id: options.overviewPostId, edit_url: '?tve=true&action=architect' };
	return {
		...detail,
		structure: [],
		access_restrictions: { not_purchased: page(), not_logged: page(), locked: page(), custom: [], action_button_display: { option: 'call_to_action' } },
		overview_post: overview,
	};
}

module.exports = { courseRow, courseDetail, courseEditorRow, productsHolding };
