/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What a seller sees in the n8n editor, in a real browser: Debian's Chromium opens the imported
 * fulfilment template in a real n8n (light and dark theme; its queue-mode variant in light), both
 * package nodes show their icons, every package node opens without an error, and no connection on the canvas passes behind a node (measured
 * on the rendered page). Screenshots are kept in .runtime/screenshots/. The shipped template, map
 * untouched, refuses to run and says where to fill the map.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, screenshot, SCREENSHOTS_DIR, type Chromium } from '../support/browser';
import { N8n } from '../support/n8n';
import { fulfilmentVariant } from '../support/templates';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials, redisCredential } = require('../../scripts/lib/sandbox-setup');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');

jest.setTimeout(240_000);

const FILLED = fulfilmentVariant({ id: 'e2eEditorFilled1', webhookId: '0a7e2e00-0000-4000-8000-0000000000e1' });
const SHIPPED = fulfilmentVariant({ id: 'e2eEditorShipped', webhookId: '0a7e2e00-0000-4000-8000-0000000000e2', shippedProductMap: true });
const QUEUE = fulfilmentVariant({ id: 'e2eEditorQueue01', webhookId: '0a7e2e00-0000-4000-8000-0000000000e3', queueMode: true });
const PACKAGE_TYPE = /^n8n-nodes-thrivecart-apprentice\./;
const packageNodes = (FILLED.nodes as Array<{ name: string; type: string }>).filter((node) => PACKAGE_TYPE.test(node.type));
const TEMPLATES = { template: FILLED, 'queue-mode template': QUEUE } as const;

let sandbox: { url: string; stop(): Promise<void> };
let n8n: N8n;
let chromium: Chromium;
let workDir: string;

/** Signs in through n8n's own sign-in form, as the owner `n8n.rest` set up. */
async function signIn(page: Page): Promise<void> {
	await n8n.rest('GET', '/login'); // sets up the owner account
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill('owner@example.test');
	await page.locator('input[type="password"]').fill('E2e-owner-Passw0rd');
	await page.keyboard.press('Enter');
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}

async function openWorkflow(page: Page, theme: 'light' | 'dark', workflowId: string): Promise<void> {
	// n8n reads its theme from localStorage when the page loads.
	await page.addInitScript((value) => localStorage.setItem('N8N_THEME', value), theme);
	await page.emulateMedia({ colorScheme: theme });
	await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`, { waitUntil: 'networkidle' });
	await page.waitForSelector('[data-test-id="zoom-to-fit"]');
	// Fit the whole workflow into view, as a seller's first look does (the canvas draws what is in view).
	await page.click('[data-test-id="zoom-to-fit"]');
	await page.waitForSelector('[data-test-id="canvas-node"]');
	await page.waitForTimeout(1000);
}

interface Rendered {
	nodes: Array<{ name: string; left: number; top: number; right: number; bottom: number; icon: string | null; iconLoaded: boolean; issues: boolean }>;
	edges: Array<{ from: string; to: string; points: Array<{ x: number; y: number }> }>;
	/** Each sticky note's height left over below its text (negative: the text does not fit). */
	notes: Array<{ name: string; spare: number }>;
}

/** Node boxes, their icons, and points along every drawn connection, in page pixels. */
async function rendered(page: Page): Promise<Rendered> {
	return page.evaluate(() => {
		const nodes = [...document.querySelectorAll<HTMLElement>('[data-test-id="canvas-node"]')].map((element) => {
			const box = element.getBoundingClientRect();
			const img = element.querySelector<HTMLImageElement>('img');
			return {
				name: element.dataset.nodeName ?? '',
				left: box.left,
				top: box.top,
				right: box.right,
				bottom: box.bottom,
				icon: img?.getAttribute('src') ?? null,
				iconLoaded: !!img && img.complete && img.naturalWidth > 0,
				issues: !!element.querySelector('[data-test-id="node-issues"]'),
			};
		});
		const edges = [...document.querySelectorAll<SVGElement>('[data-test-id="edge"]')].map((element) => {
			const path = element.tagName === 'path' ? (element as unknown as SVGPathElement) : element.querySelector('path');
			const points: Array<{ x: number; y: number }> = [];
			if (path) {
				const matrix = (path as SVGGraphicsElement).getScreenCTM();
				const length = path.getTotalLength();
				for (let i = 0; i <= 80; i++) {
					const point = path.getPointAtLength((length * i) / 80);
					const screen = matrix ? new DOMPoint(point.x, point.y).matrixTransform(matrix) : point;
					points.push({ x: screen.x, y: screen.y });
				}
			}
			return { from: element.dataset.sourceNodeName ?? '', to: element.dataset.targetNodeName ?? '', points };
		});
		const notes = [...document.querySelectorAll<HTMLElement>('[data-node-type="n8n-nodes-base.stickyNote"]')].map((element) => {
			const sticky = element.querySelector<HTMLElement>('.n8n-sticky');
			const wrapper = sticky?.firstElementChild as HTMLElement | null;
			const text = wrapper?.firstElementChild as HTMLElement | null;
			const top = wrapper ? parseFloat(getComputedStyle(wrapper).paddingTop) : 0;
			return { name: element.dataset.nodeName ?? '', spare: sticky && text ? sticky.clientHeight - top - text.offsetHeight : -1 };
		});
		return { nodes, edges, notes };
	});
}

beforeAll(async () => {
	workDir = mkdtempSync(join(tmpdir(), 'tc-ta-editor-'));
	sandbox = await startSandbox({ port: 0, dataDir: join(workDir, 'sandbox'), reset: true });
	n8n = await N8n.start({
		userFolder: join(workDir, 'n8n'),
		// The queue-mode template's Redis nodes need a Redis credential to draw without issues (never called here).
		credentials: [...sandboxCredentials({ sandboxUrl: sandbox.url }), redisCredential({ port: 6379 })],
		workflows: [FILLED, SHIPPED, QUEUE],
		publish: [SHIPPED.id],
	});
	chromium = await launchChromium();
	const page = await chromium.context.newPage();
	await signIn(page); // the session cookie serves every later page of this browser
	await page.close();
});

afterAll(async () => {
	await chromium?.close();
	await n8n?.stop();
	await sandbox?.stop();
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each([
	['template', 'light'],
	['template', 'dark'],
	['queue-mode template', 'light'],
] as const)('the %s in the %s theme', (which, theme) => {
	const WORKFLOW = TEMPLATES[which];
	const shot = which === 'template' ? theme : `queue-${theme}`;
	let page: Page;
	let view: Rendered;
	const errors: string[] = [];

	beforeAll(async () => {
		page = await chromium.context.newPage();
		page.on('response', (response) => {
			if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
		});
		await openWorkflow(page, theme, WORKFLOW.id);
		await screenshot(page, `template-${shot}`);
		view = await rendered(page);
		writeFileSync(join(SCREENSHOTS_DIR, `template-${shot}.json`), JSON.stringify(view, null, 2));
	});

	afterAll(async () => page?.close());

	it('shows every node, the package nodes with their own icon for this theme and no issues', () => {
		expect(view.nodes.map((node) => node.name).sort()).toEqual(
			(WORKFLOW.nodes as Array<{ name: string; type: string }>).filter((node) => !node.type.endsWith('stickyNote')).map((node) => node.name).sort(),
		);
		for (const { name, type } of packageNodes) {
			const node = view.nodes.find((candidate) => candidate.name === name)!;
			const file = type.endsWith('.thriveCartTrigger') ? 'thrivecart' : 'thriveApprentice';
			expect({ name, icon: node.icon, loaded: node.iconLoaded, issues: node.issues }).toEqual({
				name,
				icon: expect.stringMatching(new RegExp(`/${file}${theme === 'dark' ? '\\.dark' : ''}\\.svg$`)),
				loaded: true,
				issues: false,
			});
		}
	});

	it('draws no connection behind a node', () => {
		const behind: string[] = [];
		for (const edge of view.edges) {
			for (const node of view.nodes) {
				if (node.name === edge.from || node.name === edge.to) continue;
				const hit = edge.points.some((p) => p.x > node.left && p.x < node.right && p.y > node.top && p.y < node.bottom);
				if (hit) behind.push(`${edge.from} → ${edge.to} behind ${node.name}`);
			}
		}
		expect(view.edges.length).toBeGreaterThan(20);
		expect(behind).toEqual([]);
	});

	it('sizes every sticky note to its text: all of it shows, with little room left over', () => {
		const notes = (WORKFLOW.nodes as Array<{ name: string; type: string }>).filter((node) => node.type.endsWith('stickyNote'));
		expect(view.notes.map((note) => note.name).sort()).toEqual(notes.map((note) => note.name).sort());
		for (const note of view.notes) {
			expect({ ...note, fits: note.spare >= 0 && note.spare <= 48 }).toEqual({ ...note, fits: true });
		}
	});

	it.each(packageNodes.map((node) => [node.name]))('opens "%s" without an error', async (name) => {
		const before = errors.length;
		await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
		await page.waitForSelector('[data-test-id="ndv"]', { state: 'visible' });
		await new Promise((r) => setTimeout(r, 2500)); // dropdowns load their options
		const text = await page.$eval('[data-test-id="ndv"]', (element) => (element as HTMLElement).innerText);
		await screenshot(page, `node-${shot}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`);
		const notices = await page.$$eval('.el-notification', (elements) => elements.map((element) => (element as HTMLElement).innerText));
		// Close before judging, so one node's failure does not leave the panel over the next one.
		await page.keyboard.press('Escape');
		await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
		expect({ name, notices, fetchError: /Error fetching options|Could not load/i.test(text), serverErrors: errors.slice(before) }).toEqual({
			name,
			notices: [],
			fetchError: false,
			serverErrors: [],
		});
	});
});

describe('the shipped template, product map not filled in', () => {
	it('refuses to run and says where to fill the map', async () => {
		const url = n8n.webhookUrl('0a7e2e00-0000-4000-8000-0000000000e2');
		await n8n.waitForWebhook(url);
		const payload = delivery.orderSuccess({ email: 'unmapped@example.test', orderId: 7_300_001, items: [{ type: 'product', id: 12, name: 'Foundations Program', amount: 9700 }] });
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: delivery.encodeForm(payload) });
		expect(res.status).toBe(200);
		const [execution] = await n8n.waitForExecutions(SHIPPED.id, 1);
		expect(execution.status).toBe('error');
		const data = n8n.executionData(execution.id);
		expect(data.resultData.lastNodeExecuted).toBe('Stop: fill in the product map');
		expect(data.resultData.error?.message).toMatch(/product map is empty or unfinished.*"Grant purchased courses"/);
	});
});
