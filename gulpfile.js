// Copies node and credential icons next to the compiled JavaScript in dist/ (tsc copies only code).
const { task, src, dest, parallel } = require('gulp');

const copy = (folder) => () =>
	src(`${folder}/**/*.{png,svg}`, { encoding: false }).pipe(dest(`dist/${folder}`));

task('build:icons', parallel(copy('nodes'), copy('credentials')));
