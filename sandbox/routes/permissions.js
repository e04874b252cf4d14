// @ts-check
'use strict';
/** TA's admin routes need capability `tve-use-tva` (administrators and editors). */
const { forbidden } = require('../errors');
const { userCan } = require('../wordpress');

/**
 * @param {import('./types').Context} ctx
 * @returns {import('../errors').Reply | null}
 */
function canUseApprentice(ctx) {
	return userCan(ctx.state, ctx.user, 'tve-use-tva') ? null : forbidden(Boolean(ctx.user));
}

module.exports = { canUseApprentice };
