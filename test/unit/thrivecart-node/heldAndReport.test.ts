import type { Repair } from '../../../nodes/ThriveCart/reconcile/compare';
import { heldByBuyer } from '../../../nodes/ThriveCart/reconcile/held';
import { buildReport } from '../../../nodes/ThriveCart/reconcile/report';
import { commitRun, readState, sinceFor, startRun, STATIC_KEY } from '../../../nodes/ThriveCart/reconcile/watermark';

describe("reading the Thrive Apprentice node's Access › Get Many output", () => {
	const emails = ['a@example.test', 'b@example.test', 'c@example.test', 'd@example.test'];

	it('products per buyer by email or pairing; no account = nothing held; other errors = unknown; no item = nothing held', () => {
		const held = heldByBuyer(emails, [
			{ json: { email: 'a@example.test', productId: 201 }, pairedItem: { item: 0 } },
			{ json: { email: 'A@example.test', productId: 203 }, pairedItem: { item: 0 } },
			{ json: { error: 'No WordPress user has the email b@example.test' }, pairedItem: { item: 1 } },
			{ json: { error: 'The site answered with an HTML page instead of JSON' }, pairedItem: [{ item: 2 }] },
			{ json: {}, pairedItem: { item: 0 } },
		]);
		expect(held).toEqual([
			{ productIds: new Set([201, 203]) },
			{ productIds: new Set() },
			{ unknown: 'The site answered with an HTML page instead of JSON' },
			{ productIds: new Set() },
		]);
	});
});

const repair = (action: Repair['action'], email: string, why = 'x'): Repair => ({
	action,
	email,
	firstName: null,
	lastName: null,
	orderId: action === 'none' ? null : '1',
	items: [],
	productIds: action === 'none' ? [] : [201],
	why,
});

describe('the report', () => {
	it('counts buyers checked, already right, repaired and could not repair, with why', () => {
		const report = buildReport(
			[
				{ repair: repair('none', 'ok@example.test'), result: repair('none', 'ok@example.test') as never },
				{ repair: repair('grant', 'fixed@example.test'), result: { changed: true, products: [{ id: 201 }] } },
				{ repair: repair('revoke', 'fixed@example.test'), result: { changed: true } },
				{ repair: repair('grant', 'down@example.test'), result: { error: 'The site answered 503' } },
				{ repair: repair('cannotRepair', 'unmapped@example.test', 'upsell-99 has no entry'), result: {} },
			],
			false,
		);
		expect(report).toMatchObject({ dryRun: false, buyersChecked: 4, alreadyRight: 1 });
		expect(report.repaired.map((l) => [l.email, l.action])).toEqual([
			['fixed@example.test', 'grant'],
			['fixed@example.test', 'revoke'],
		]);
		expect(report.couldNotRepair.map((l) => l.why)).toEqual(['grant failed: The site answered 503', 'upsell-99 has no entry']);
		expect(report.summary).toBe('4 buyers checked, 1 already right, 2 repaired, 2 could not be repaired');
	});

	it('a dry run lists what it would repair and repairs nothing', () => {
		const grant = repair('grant', 'n@example.test');
		const report = buildReport([{ repair: grant, result: grant as never }], true);
		expect(report.wouldRepair).toHaveLength(1);
		expect(report.repaired).toHaveLength(0);
		expect(report.summary).toBe('1 buyer checked, 0 already right, 1 repair to make (dry run: nothing changed), 0 could not be repaired');
	});
});

describe('the watermark', () => {
	it('first run looks back; later runs start at the last successful run minus the overlap; only a commit moves it', () => {
		const staticData: Record<string, unknown> = {};
		const now = new Date('2026-03-10T12:00:00Z');
		expect(sinceFor(readState(staticData), now, 60, 30)).toBe('2026-02-08T12:00:00.000Z');
		startRun(staticData, now);
		expect(sinceFor(readState(staticData), new Date('2026-03-10T13:00:00Z'), 60, 30)).toBe('2026-02-08T13:00:00.000Z');
		expect(commitRun(staticData)).toBe('2026-03-10T12:00:00.000Z');
		expect(staticData[STATIC_KEY]).toEqual({ lastSuccessfulRun: '2026-03-10T12:00:00.000Z' });
		expect(sinceFor(readState(staticData), new Date('2026-03-10T13:00:00Z'), 60, 30)).toBe('2026-03-10T11:00:00.000Z');
		expect(commitRun(staticData)).toBeNull();
	});
});
