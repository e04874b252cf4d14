// @ts-check
'use strict';
/**
 * Request bodies and query strings as PHP (and so WordPress) reads them: JSON, or form fields with
 * bracket names (`order[charges][0][courses][]=5`).
 */

/**
 * Sets `name` (with PHP bracket syntax) to `value` inside `target`.
 * @param {Record<string, any>} target
 * @param {string} name
 * @param {string} value
 */
function setPhpParam(target, name, value) {
	const first = name.indexOf('[');
	if (first <= 0) {
		target[name] = value;
		return;
	}
	const keys = [name.slice(0, first)];
	const re = /\[([^\]]*)\]/g;
	let m;
	while ((m = re.exec(name.slice(first)))) keys.push(m[1]);
	/** @type {any} */
	let node = target;
	for (let i = 0; i < keys.length; i++) {
		const last = i === keys.length - 1;
		let key = keys[i];
		if (key === '') key = String(Array.isArray(node) ? node.length : Object.keys(node).length);
		if (last) {
			if (Array.isArray(node)) node.push(value);
			else node[key] = value;
		} else {
			if (node[key] === null || typeof node[key] !== 'object') node[key] = keys[i + 1] === '' ? [] : {};
			node = node[key];
		}
	}
}

/**
 * @param {URLSearchParams} params
 * @returns {Record<string, any>}
 */
function phpParams(params) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [name, value] of params) setPhpParam(out, name, value);
	return out;
}

/**
 * @param {import('http').IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/**
 * @param {string} raw
 * @param {string | undefined} contentType
 * @returns {{ json: unknown, form: Record<string, any>, invalidJson?: string }}
 */
function parseBody(raw, contentType) {
	const type = (contentType || '').toLowerCase();
	if (type.includes('json')) {
		if (raw.trim() === '') return { json: undefined, form: {} };
		try {
			return { json: JSON.parse(raw), form: {} };
		} catch (e) {
			return { json: undefined, form: {}, invalidJson: String(e instanceof Error ? e.message : e) };
		}
	}
	if (type.includes('application/x-www-form-urlencoded')) return { json: undefined, form: phpParams(new URLSearchParams(raw)) };
	return { json: undefined, form: {} };
}

module.exports = { phpParams, readBody, parseBody };
