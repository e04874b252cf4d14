// @ts-check
'use strict';
/**
 * Loaded into `n8n start` with NODE_OPTIONS=--require (benchmarks only): counts the expression isolates
 * n8n creates (each `new ivm.Isolate`, which is what n8n 2.40's pool does for every isolate it hands
 * out), and keeps the count in the file named by TC_ISOLATE_COUNT_FILE, so the benchmark can read
 * isolates per delivery from the difference before and after a batch. Other n8n commands are left alone.
 */
const fs = require('fs');
const Module = require('module');

const file = process.env.TC_ISOLATE_COUNT_FILE;
if (file && process.argv.includes('start')) {
	let created = 0;
	fs.writeFileSync(file, '0');
	/** @type {any} */
	let wrapped;
	const load = /** @type {any} */ (Module)._load;
	/** @type {any} */ (Module)._load = function (/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
		const loaded = load.call(this, request, ...rest);
		if (request !== 'isolated-vm') return loaded;
		if (!wrapped) {
			const Original = loaded.Isolate;
			class CountedIsolate extends Original {
				constructor(/** @type {unknown[]} */ ...args) {
					super(...args);
					created++;
					fs.writeFileSync(/** @type {string} */ (file), String(created));
				}
			}
			// The native module's exports are read-only: everything else comes through the prototype.
			wrapped = Object.create(loaded, { Isolate: { value: CountedIsolate } });
		}
		return wrapped;
	};
}
