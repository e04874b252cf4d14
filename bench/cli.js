// @ts-check
'use strict';
/**
 * Entry point of `npm run bench`: runs the TypeScript sources in place. They are transpiled on require
 * with the project's compiler options (npm test's type-check covers them: tsconfig.json includes bench/),
 * so every `__dirname`-relative path in bench/ and test/support/ means what it means in the repository;
 * a compiled copy elsewhere would point those paths at the wrong folders.
 */
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, inlineSources: false, declaration: false, noEmit: false };

/** Lets `require` load .ts files (also called inside worker threads, which start without it). */
function hook() {
	/** @type {any} */ (Module)._extensions['.ts'] = (/** @type {any} */ module, /** @type {string} */ filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
		module._compile(outputText, filename);
	};
}

module.exports = { hook };

if (require.main === module) {
	hook();
	require('./run.ts');
}
