// @ts-check
'use strict';
/**
 * TA's authoring routes (application passwords): create and save courses, products and lessons, as the
 * recordings' seeding used them. Courses and products are terms (one id sequence), sets and lessons posts.
 */
const { reply, wpError } = require('../errors');
const { canUseApprentice } = require('./permissions');
const { courseDetail, courseEditorRow } = require('../rows/courses');
const { productDetail } = require('../rows/products');
const { toInt, asList } = require('./types');
const { mysqlDate } = require('../store');

/** @typedef {import('./types').Route} Route */
/** @typedef {import('./types').Context} Context */

const STATUSES = ['publish', 'draft', 'hidden', 'archived', 'private'];

const slugify = (/** @type {string} */ name) =>
	name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

/** @param {Context} ctx */
const courseFromPath = (ctx) => ctx.state.courses.find((c) => c.id === toInt(ctx.urlParams.courseId));
const notFound = () => wpError('tva_course_not_found', 'Course not found.', 404);

/** @type {Route} */
const createCourse = {
	method: 'POST',
	path: '/tva/v2/courses',
	auth: 'user',
	required: ['name'],
	permission: canUseApprentice,
	handle: (ctx) => {
		const name = String(ctx.params.name);
		/** @type {import('../store').Course} */
		const course = { id: ctx.store.nextId('term'), name, slug: slugify(name), status: 'draft', description: String(ctx.params.description ?? ''), lessons: 0 };
		ctx.state.courses.push(course);
		return reply(200, { ...courseDetail(ctx.state, ctx.siteUrl, course, { enrolledAsNumber: true }), structure: null });
	},
};

/** @type {Route} */
const getCourse = {
	method: 'GET',
	path: '/tva/v2/courses/(?<courseId>\\d+)',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const course = courseFromPath(ctx);
		if (!course) return notFound();
		// The course editor creates the overview post on first load.
		if (course.overviewPostId === undefined) course.overviewPostId = ctx.store.nextId('post');
		return reply(200, courseEditorRow(ctx.state, ctx.siteUrl, course, { overviewPostId: course.overviewPostId }));
	},
};

/** @type {Route} */
const saveCourse = {
	method: 'POST',
	path: '/tva/v2/courses/(?<courseId>\\d+)',
	auth: 'user',
	permission: canUseApprentice,
	handle: (ctx) => {
		const course = courseFromPath(ctx);
		if (!course) return notFound();
		const p = ctx.params;
		if (typeof p.status === 'string' && STATUSES.includes(p.status)) course.status = p.status;
		if (typeof p.name === 'string' && p.name.trim() !== '') course.name = p.name;
		if (typeof p.description === 'string') course.description = p.description;
		return reply(200, courseEditorRow(ctx.state, ctx.siteUrl, course));
	},
};

/** @type {Route} */
const createProduct = {
	method: 'POST',
	path: '/tva/v1/products',
	auth: 'user',
	required: ['name'],
	permission: canUseApprentice,
	handle: (ctx) => {
		// The courses are the `value` ids of the sets' tva_courses rules.
		const courseIds = asList(ctx.params.sets)
			.flatMap((set) => asList(/** @type {any} */ (set)?.post_content))
			.filter((rule) => /** @type {any} */ (rule)?.content === 'tva_courses')
			.flatMap((rule) => asList(/** @type {any} */ (rule).value).map((v) => toInt(typeof v === 'object' && v !== null ? /** @type {any} */ (v).id : v)));
		/** @type {import('../store').Product} */
		const product = { id: ctx.store.nextId('term'), name: String(ctx.params.name), courseIds: [...new Set(courseIds)] };
		product.setId = ctx.store.nextId('post');
		ctx.state.products.push(product);
		return reply(200, productDetail(ctx.state, product));
	},
};

/** @type {Route} */
const createLesson = {
	method: 'POST',
	path: '/tva/v2/lessons',
	auth: 'user',
	required: ['post_title', 'course_id'],
	permission: canUseApprentice,
	handle: (ctx) => {
		const p = ctx.params;
		const course = ctx.state.courses.find((c) => c.id === toInt(p.course_id));
		if (!course) return notFound();
		course.lessons = (course.lessons || 0) + 1;
		const id = ctx.store.nextId('post');
		const title = String(p.post_title);
		const slug = slugify(title);
		return reply(200, {
			ID: id,
			id,
			order: toInt(p.order),
			tcb_edit_url: `${ctx.siteUrl}/wp-admin/post.php?post=${id}&action=architect&tve=true`,
			post_title: title,
			post_status: typeof p.post_status === 'string' ? p.post_status : 'draft',
			post_excerpt: '',
			post_type: 'tva_lesson',
			post_parent: course.id,
			structure: '',
			comment_status: 'closed',
			preview_url: `${ctx.siteUrl}/course/${slug}/?preview=true`,
			post_name: slug,
			publish_date: mysqlDate(),
			lesson_type: typeof p.lesson_type === 'string' ? p.lesson_type : 'text',
			has_tcb_content: false,
			video: { options: [], type: 'youtube', source: '' },
			audio: { options: [], type: 'soundcloud', source: '' },
			cover_image: '',
			resource_count: '',
			freemium: 'inherit',
		});
	},
};

module.exports = { routes: [createCourse, getCourse, saveCourse, createProduct, createLesson] };
