// The recorded calls (`../recordings/*.jsonl`, copied from the project reference) and how to send one to
// the sandbox: placeholders replaced by the values of the sandbox's `recordings` seed.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import seed from '../../../../sandbox/seed-recordings.json';

export interface Recording {
	label: string;
	method: string;
	url: string;
	req_headers: Record<string, string>;
	req_body: unknown;
	status: number;
	resp_body: unknown;
}

export const RECORDINGS_DIR = join(__dirname, '..', 'recordings');

/** Every recording file, name → lines in order. */
export function recordingFiles(): Array<{ file: string; calls: Recording[] }> {
	return readdirSync(RECORDINGS_DIR)
		.filter((f) => f.endsWith('.jsonl'))
		.sort()
		.map((file) => ({
			file,
			calls: readFileSync(join(RECORDINGS_DIR, file), 'utf8')
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => JSON.parse(line) as Recording),
		}));
}

const admin = seed.users[0];
const spaced = admin.applicationPasswords[0];
/** The placeholders' values in the sandbox's `recordings` seed. */
export const SECRETS = {
	key: seed.site.apiKeys[0].key,
	appPassword: spaced.replace(/ /g, ''),
	appPasswordSpaced: spaced,
	loginPassword: admin.loginPassword,
};

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function substitute(text: string): string {
	return text
		.replace(/<AUTH_PARAM_([^:>]*):TA_KEY>/g, (_m, user: string) => encodeURIComponent(base64(`${user}:${SECRETS.key}`)))
		.replace(/<TA_KEY>/g, SECRETS.key)
		.replace(/<APP_PASSWORD_SPACED>/g, SECRETS.appPasswordSpaced)
		.replace(/<APP_PASSWORD>/g, SECRETS.appPassword)
		.replace(/<LOGIN_PASSWORD>/g, SECRETS.loginPassword);
}

/** `"Basic-decoded user:secret"` stands for `Basic base64(user:secret)`. */
function headerValue(value: string): string {
	const decoded = /^Basic-decoded (.*)$/.exec(value);
	return decoded ? `Basic ${base64(substitute(decoded[1]))}` : substitute(value);
}

/** The fetch arguments that replay a recorded call against `siteUrl`. */
export function requestFor(siteUrl: string, call: Recording): { url: string; init: RequestInit } {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(call.req_headers)) headers[name] = headerValue(value);
	let body: string | undefined;
	if (call.req_body !== null && call.req_body !== undefined) {
		const fields = JSON.parse(substitute(JSON.stringify(call.req_body))) as Record<string, string>;
		if (/form-encoded/i.test(call.label)) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(fields).toString();
		} else {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(fields);
		}
	}
	return { url: siteUrl + substitute(call.url), init: { method: call.method, headers, body } };
}
