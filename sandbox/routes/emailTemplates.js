// @ts-check
'use strict';
/** TA's email template settings (`tva/v1/emailTemplate`): the "new account" template and its triggers. */
const { reply } = require('../errors');
const { canUseApprentice } = require('./permissions');
const { asList } = require('./types');

/** @typedef {import('./types').Route} Route */

/** @type {Route} */
const saveTemplate = {
	method: 'POST',
	path: '/tva/v1/emailTemplate',
	auth: 'user',
	required: ['slug'],
	permission: canUseApprentice,
	handle: (ctx) => {
		// Only the new-account template changes what the sandbox sends; other templates are accepted.
		if (ctx.params.slug === 'newAccount') {
			const triggers = asList(ctx.params.triggers).map(String);
			ctx.state.settings.thrivecartNewAccountEmail = triggers.includes('thrivecart');
			ctx.state.settings.wordpressNewAccountEmail = triggers.includes('wordpress');
		}
		return reply(200, true);
	},
};

module.exports = { routes: [saveTemplate] };
