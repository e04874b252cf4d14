/**
 * Debian's Chromium (`/usr/bin/chromium`, installed by `scripts/prerequisites.sh chromium`) driven by
 * playwright-core, with the flags this machine's closed network needs and a fresh profile per launch.
 * Screenshots go to `.runtime/screenshots/` as test artefacts (a folder per version in the version matrix).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from './runtime';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The version matrix gives each n8n version its own folder (scripts/test-matrix.sh).
export const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR ?? join(PROJECT_ROOT, '.runtime', 'screenshots');

export interface Chromium {
	context: BrowserContext;
	close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
	if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run bash scripts/prerequisites.sh chromium`);
	const profile = mkdtempSync(join(tmpdir(), 'tc-ta-chromium-'));
	// A persistent context is how Playwright takes a --user-data-dir: a new, empty one every time.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1600, height: 1000 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	return {
		context,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	const file = join(SCREENSHOTS_DIR, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

/** Signs in through n8n's own sign-in form, as the owner `n8n.rest` sets up (the cookie then serves the whole browser). */
export async function signIn(page: Page, n8n: { baseUrl: string; rest(method: string, path: string): Promise<unknown> }): Promise<void> {
	await n8n.rest('GET', '/login'); // sets up the owner account
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill('owner@example.test');
	await page.locator('input[type="password"]').fill('E2e-owner-Passw0rd');
	await page.keyboard.press('Enter');
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}
