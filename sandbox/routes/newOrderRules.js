// @ts-check
'use strict';
/**
 * `newOrder`'s validation: TA checks the whole body in the `order` argument's validate callback, so
 * WordPress answers every problem as `rest_invalid_param` with TA's own code in `data.details.order.code`.
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
 * @param {unknown} email
 * @param {unknown} order
 * @returns {Problem | null}
 */
function checkNewOrder(email, order) {
	if (order === null || typeof order !== 'object' || Array.isArray(order)) return notOfType('order', 'object');
	if (typeof email !== 'string' || !isEmail(email.trim())) return { code: 'rest_invalid_email', message: 'Invalid email address.' };
	const o = /** @type {Record<string, unknown>} */ (order);
	for (const field of ['order_id', 'total', 'currency', 'charges']) {
		if (o[field] === undefined || o[field] === null || o[field] === '') {
			return { code: 'rest_missing_order_param', message: `Missing order parameter: ${field}.` };
		}
	}
	if (!isIntegerLike(o.order_id)) return notOfType('order[order_id]', 'integer');
	if (!isNumberLike(o.total)) return notOfType('order[total]', 'number');
	if (!Array.isArray(o.charges) && (typeof o.charges !== 'object' || o.charges === null)) {
		return { code: 'invalid_order_charges', message: 'The order charges must be a non-empty list.' };
	}
	const charges = Object.values(/** @type {object} */ (o.charges));
	if (charges.length === 0) return { code: 'invalid_order_charges', message: 'The order charges must be a non-empty list.' };
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
		if (c[field] === undefined || c[field] === null) return { code: 'rest_missing_charge_param', message: `Missing charge parameter: ${field}.` };
	}
	if (c.type !== 'single' && c.type !== 'recurring') {
		return { code: 'rest_not_in_enum', message: `${at}[type] is not one of single and recurring.`, data: { param: `${at}[type]` } };
	}
	if (typeof c.courses !== 'object' || c.courses === null) return notOfType(`${at}[courses]`, 'array');
	if (typeof c.name !== 'string' || c.name.trim() === '') return { code: 'invalid_order_charge_name', message: 'The charge name cannot be empty.' };
	if (!isIntegerLike(c.item_id)) return notOfType(`${at}[item_id]`, 'integer');
	if (!isNumberLike(c.amount)) return notOfType(`${at}[amount]`, 'number');
	if (Number(c.amount) < 0) {
		return { code: 'rest_out_of_bounds', message: `${at}[amount] must be greater than or equal to 0`, data: { param: `${at}[amount]` } };
	}
	return null;
}

module.exports = { checkNewOrder, isIntegerLike, isNumberLike };
