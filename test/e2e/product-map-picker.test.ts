/// <reference lib="dom" />
/**
 * The Product Map's ThriveCart item list (Thrive Apprentice node 1.2) in a real n8n, in Debian's
 * Chromium: with the node's ThriveCart API credential the row's "ThriveCart Item" lists the account's
 * products, pricing options, bumps, upsells and downsells (from the ThriveCart API stand-in) and a
 * picked item shows by name; without it the list says what to add, with no server error.
 * Screenshots go to .runtime/screenshots/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, screenshot, signIn, type Chromium } from '../support/browser';
import { N8n } from '../support/n8n';
import { STAND_IN_API_KEY, ThriveCartStandIn } from '../support/thrivecartApi';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials, THRIVECART_CREDENTIAL, THRIVE_APPRENTICE_CREDENTIAL } = require('../../scripts/lib/sandbox-setup');

jest.setTimeout(240_000);

const WORKFLOW_ID = 'e2eProductPicker';

function mapNode(name: string, x: number, withThriveCart: boolean) {
	return {
		id: `00000000-0000-4000-8000-0000000000${withThriveCart ? 'a1' : 'a2'}`,
		name,
		type: 'n8n-nodes-thrivecart-apprentice.thriveApprentice',
		typeVersion: 1.2,
		position: [x, 0],
		parameters: {
			resource: 'access',
			operation: 'grant',
			accessTo: 'thriveCartItems',
			mapAs: 'rows',
			productMapRows: { rows: [{ item: { __rl: true, mode: 'list', value: '' }, productIds: [] }] },
		},
		credentials: {
			thriveApprenticeApi: THRIVE_APPRENTICE_CREDENTIAL,
			...(withThriveCart ? { thriveCartApi: THRIVECART_CREDENTIAL } : {}),
		},
	};
}

const WORKFLOW = {
	id: WORKFLOW_ID,
	name: 'Product map picker',
	nodes: [mapNode('Map with ThriveCart', 0, true), mapNode('Map without ThriveCart', 400, false)],
	connections: {},
	settings: {},
};

let sandbox: { url: string; stop(): Promise<void> };
let thrivecart: ThriveCartStandIn;
let n8n: N8n;
let chromium: Chromium;
let workDir: string;
let page: Page;
const serverErrors: string[] = [];

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tc-ta-picker-'));
	sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	thrivecart = new ThriveCartStandIn();
	const apiUrl = await thrivecart.start();
	n8n = await N8n.start({
		userFolder: join(workDir, 'n8n'),
		credentials: sandboxCredentials({ sandboxUrl: sandbox.url, thriveCartApiUrl: apiUrl, thriveCartApiKey: STAND_IN_API_KEY }),
		workflows: [WORKFLOW],
	});
	chromium = await launchChromium();
	page = await chromium.context.newPage();
	page.on('response', (response) => {
		if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.url()}`);
	});
	await signIn(page, n8n);
	await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW_ID}`, { waitUntil: 'networkidle' });
	await page.waitForSelector('[data-test-id="canvas-node"]');
}, 600_000);

afterAll(async () => {
	await chromium?.close();
	await n8n?.stop();
	await thrivecart?.stop();
	await sandbox?.stop();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Opens the node, opens its first row's ThriveCart Item list and returns its entries (or n8n's error box). */
async function openList(name: string): Promise<string[]> {
	await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	await page.waitForSelector('[data-test-id="ndv"]', { state: 'visible' });
	await page.locator('[data-test-id="ndv"] [data-test-id="rlc-input"]').first().click();
	await page.locator('[data-test-id="rlc-search"]').waitFor({ state: 'visible' });
	// The entries arrive once n8n has asked ThriveCart; a failed list shows n8n's error box instead.
	await page.locator('[data-test-id="rlc-item"], [data-test-id="rlc-error-container"]').first().waitFor({ state: 'visible' });
	const error = await page.locator('[data-test-id="rlc-error-container"]').filter({ visible: true }).allInnerTexts();
	const entries = await page.locator('[data-test-id="rlc-item"]').filter({ visible: true }).allInnerTexts();
	return [...error.map((text) => `error: ${text}`), ...entries.map((text) => text.trim())];
}

async function closeNode(): Promise<void> {
	// A click in the input panel closes an open list and takes the focus from its search box; then Escape closes the node.
	for (let attempt = 0; attempt < 5 && (await page.locator('[data-test-id="ndv"]').isVisible()); attempt++) {
		await page.mouse.click(300, 300);
		await page.keyboard.press('Escape');
		await page.waitForTimeout(500);
	}
	await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
}

it("lists the seller's ThriveCart items with the node's ThriveCart credential, and shows a picked item by name", async () => {
	const lines = await openList('Map with ThriveCart');
	await screenshot(page, 'product-map-picker-list');
	expect(lines).toEqual(
		expect.arrayContaining([
			'Product: Course Launchpad (product-12)',
			'Course Launchpad › One payment (product-12:78572)',
			'Bump of Course Launchpad: Workbook (bump-12)',
			'Upsell: Coaching call (upsell-5)',
			'Downsell: Coaching lite (downsell-6)',
		]),
	);
	await page.locator('[data-test-id="rlc-item"]', { hasText: 'One payment (product-12:78572)' }).click();
	const shown = await page.locator('[data-test-id="ndv"] [data-test-id="rlc-input"]').first().inputValue();
	await screenshot(page, 'product-map-picker-picked');
	await closeNode();
	expect(shown).toBe('Course Launchpad › One payment (product-12:78572)');
	expect(serverErrors).toEqual([]);
});

it('says what to add, with no server error, when the node has no ThriveCart credential', async () => {
	const before = serverErrors.length;
	const lines = await openList('Map without ThriveCart');
	await screenshot(page, 'product-map-picker-no-credential');
	await closeNode();
	expect(lines.join(' ')).toMatch(/Add a ThriveCart API credential with its API key to this node/);
	expect(serverErrors.slice(before)).toEqual([]);
});
