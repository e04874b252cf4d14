// @ts-check
'use strict';
/**
 * `newOrder`'s validation: TA checks the whole order in the `order` argument's validate callback, so
 * WordPress answers every problem as `rest_invalid_param` with TA's own code in `data.details.order.code`
 * (a bad email in `data.details.email.code`).
 */
const { isEmail } = require('../wordpress');

/** @typedef {{ code: string, message: string, data?: unknown }} Problem */

/**
 * WordPress's `rest_is_integer()`: integers and numeric strings without a fractional part.
 * @param {unknown} value
 */
function isIntegerLike(value) {
	if (typeof value === 'number') return Number.isFinite(value) && Math.round(value) === value;
	if (typeof value === 'string') return /^\s*[+-]?\d+(\.0*)?\s*$/.test(value);
	return false;
}

/** @param {unknown} value */
function isNumberLike(value) {
	if (typeof value === 'number') return Number.isFinite(value);
	return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

/**
 * @param {string} param
 * @param {string} type
 * @returns {Problem}
 */
const notOfType = (param, type) => ({ code: 'rest_invalid_type', message: `${param} is not of type ${type}.`, data: { param } });

/**
 * The problems of a newOrder body by parameter: WordPress validates `email` and `order` separately and
 * reports every failing one.
 * @param {unknown} email
 * @param {unknown} order
 * @returns {Record<string, Problem> | null}
 */
function checkNewOrder(email, order) {
	/** @type {Record<string, Problem>} */
	const problems = {};
	if (typeof email !== 'string' || !isEmail(email.trim())) problems.email = { code: 'rest_invalid_email', message: 'Invalid email address.' };
	const orderProblem = checkOrder(order);
	if (orderProblem) problems.order = orderProblem;
	return Object.keys(problems).length > 0 ? problems : null;
}

/**
 * @param {unknown} order
 * @returns {Problem | null}
 */
function checkOrder(order) {
	if (order === null || typeof order !== 'object' || Array.isArray(order)) return notOfType('order', 'object');
	const o = /** @type {Record<string, unknown>} */ (order);
	for (const field of ['order_id', 'total', 'currency', 'charges']) {
		if (o[field] === undefined || o[field] === null || (o[field] === '' && field !== 'currency')) {
			return { code: 'rest_missing_order_param', message: `Missing parameter(s): ${field}` };
		}
	}
	if (!isIntegerLike(o.order_id)) return notOfType('order[order_id]', 'integer');
	if (!isNumberLike(o.total)) return notOfType('order[total]', 'number');
	// Observed: an empty currency is TA's generic "invalid param".
	if (typeof o.currency !== 'string' || o.currency.trim() === '') return { code: 'rest_invalid_param', message: 'Invalid param currency' };
	const charges = o.charges !== null && typeof o.charges === 'object' ? Object.values(o.charges) : [];
	if (charges.length === 0) return { code: 'invalid_order_charges', message: 'Charges for an order cannot be empty' };
	for (let i = 0; i < charges.length; i++) {
		const problem = checkCharge(charges[i], `order[charges][${i}]`);
		if (problem) return problem;
	}
	return null;
}

/**
 * @param {unknown} charge
 * @param {string} at
 * @returns {Problem | null}
 */
function checkCharge(charge, at) {
	if (charge === null || typeof charge !== 'object' || Array.isArray(charge)) return notOfType(at, 'object');
	const c = /** @type {Record<string, unknown>} */ (charge);
	for (const field of ['type', 'courses', 'name', 'item_id', 'amount']) {
		if (c[field] === undefined || c[field] === null) return { code: 'rest_missing_charge_param', message: `Missing parameter(s): ${field}` };
	}
	if (c.type !== 'single' && c.type !== 'recurring') {
		// Observed: this detail has `data: null`.
		return { code: 'rest_not_in_enum', message: `${at}[type] is not one of single and recurring.` };
	}
	if (typeof c.courses !== 'object' || c.courses === null) return notOfType(`${at}[courses]`, 'array');
	if (typeof c.name !== 'string' || c.name.trim() === '') return { code: 'invalid_order_charge_name', message: 'Invalid product name for a charge' };
	if (!isIntegerLike(c.item_id)) return notOfType(`${at}[item_id]`, 'integer');
	if (!isNumberLike(c.amount)) return notOfType(`${at}[amount]`, 'number');
	if (Number(c.amount) < 0) {
		return { code: 'rest_out_of_bounds', message: `${at}[amount] must be greater than or equal to 0`, data: { param: `${at}[amount]` } };
	}
	return null;
}

module.exports = { checkNewOrder, isIntegerLike, isNumberLike };
