// @ts-check
'use strict';
/** Member (customer) rows as TA's `tva/v1/customer` routes answer them. */
const { productsOf } = require('../access');
const { avatarUrl } = require('../wordpress');
const { courseDetail } = require('./courses');

/** @typedef {import('../store').State} State */
/** @typedef {import('../store').User} User */

/**
 * The courses the user reaches through their products, in course order.
 * @param {State} state
 * @param {User} user
 */
function coursesOf(state, user) {
	const ids = new Set(productsOf(state, user).flatMap((p) => p.courseIds));
	return state.courses.filter((c) => ids.has(c.id));
}

/** `25.11.2026` from `2026-11-25 13:53:10`. */
const enrolledDate = (/** @type {string} */ registered) => registered.slice(0, 10).split('-').reverse().join('.');

/**
 * A row of `GET tva/v1/customer`.
 * @param {State} state
 * @param {User} user
 */
function customerRow(state, user) {
	return {
		ID: user.id,
		display_name: user.displayName,
		user_email: user.email,
		avatar_url: avatarUrl(user.email, 96),
		enrolled: enrolledDate(user.registered),
		published_courses_count: coursesOf(state, user).filter((c) => c.status === 'publish').length,
		last_seen: 'never',
	};
}

/**
 * The answer of `POST tva/v1/customer`: the member with the full rows of their courses.
 * @param {State} state
 * @param {string} siteUrl
 * @param {User} user
 */
function memberDetail(state, siteUrl, user) {
	return {
		...customerRow(state, user),
		enrolled: null,
		user_login: user.login,
		edit_url: `${siteUrl}/wp-admin/user-edit.php?user_id=${user.id}`,
		courses: coursesOf(state, user).map((c) => courseDetail(state, siteUrl, c, { enrolledAsNumber: true })),
		user_registered: user.registered,
		courses_count: 0,
		lessons_completed: [],
		items_completed: [],
		items_bypassed: [],
		courses_progress: [],
		locked_status: [],
		modules_and_lessons_status: [],
		enrollment_dates: [],
		activity: [],
		courses_certificates: [],
	};
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** WordPress's "F j, Y g:i a": `November 25, 2026 1:53 pm` from `2026-11-25 13:53:10`. */
function displayDate(/** @type {string} */ mysql) {
	const [date, time] = mysql.split(' ');
	const [y, m, d] = date.split('-').map(Number);
	const [h, min] = (time || '00:00').split(':').map(Number);
	const hour = h % 12 === 0 ? 12 : h % 12;
	return `${MONTHS[m - 1]} ${d}, ${y} ${hour}:${String(min).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

module.exports = { customerRow, memberDetail, displayDate };
