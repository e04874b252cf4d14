/** The ThriveCart delivery fixtures: the shared real captures and the ones built for this package. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { httpBuildQuery } from './httpBuildQuery';

export const SHARED_FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'thrivecart');
export const BUILT_FIXTURES = join(__dirname, '..', 'fixtures', 'thrivecart');
export const FIXTURE_SECRET = 'test-secret-word';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function sharedFixtureNames(): string[] {
	return readdirSync(SHARED_FIXTURES)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.replace(/\.json$/, ''));
}

export function builtFixtureNames(): string[] {
	return readdirSync(BUILT_FIXTURES)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.replace(/\.json$/, ''));
}

export function sharedJson(name: string): Buffer {
	return readFileSync(join(SHARED_FIXTURES, `${name}.json`));
}

export function sharedForm(name: string): Buffer {
	return Buffer.from(readFileSync(join(SHARED_FIXTURES, `${name}.form.txt`), 'utf8').trim());
}

export function builtPayload(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(BUILT_FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export function builtJson(name: string): Buffer {
	return Buffer.from(JSON.stringify(builtPayload(name)));
}

export function builtForm(name: string): Buffer {
	return Buffer.from(httpBuildQuery(builtPayload(name)));
}
