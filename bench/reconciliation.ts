/**
 * 6. Reconciliation of 1,000 transactions: the reconciliation template in a real n8n against the
 * Thrive Apprentice sandbox and the ThriveCart API stand-in (its 60-a-minute limit on). ThriveCart's list
 * holds 1,000 transactions of 500 buyers whose deliveries were all lost, so the first run repairs every
 * buyer; a second run finds everything right. Per run: time inside n8n, ThriveCart calls, site calls.
 * Correctness: every buyer holds exactly the rules' products once, and the second run writes nothing.
 */
import { buyer } from '../test/support/sandboxState';
import { chargeRows, refundRow } from '../test/support/thrivecartTransactions';
import { executionMs, failedExecutions } from './lib/executions';
import { benchLab, BENCH_WORKFLOWS } from './lib/lab';
import { machine, type Machine } from './lib/machine';
import { clearRequests, requests, tally } from './lib/sandboxRequests';

export const RECONCILIATION_SETTINGS = { buyers: 500, productAndBump: 450, refundedBumps: 50, transactions: 1000 } as const;
const WORKFLOW = BENCH_WORKFLOWS.reconciliation;

export interface ReconciliationRun {
	label: string;
	executionMs: number | null;
	wallMs: number;
	summary: string;
	repaired: number;
	couldNotRepair: number;
	thriveCartCalls: number;
	thriveCartRateLimited: number;
	siteCalls: number;
	siteWrites: number;
	siteCallsByRoute: Record<string, number>;
}

export interface ReconciliationResult {
	kind: 'reconciliation';
	at: string;
	machine: Machine;
	command: string;
	settings: typeof RECONCILIATION_SETTINGS;
	runs: ReconciliationRun[];
	problems: string[];
}

export async function runReconciliation(): Promise<ReconciliationResult> {
	const at = new Date().toISOString();
	const problems: string[] = [];
	const lab = await benchLab();
	const { n8n, sandbox, thriveCart: thrivecart, formUrl } = lab;
	const runs: ReconciliationRun[] = [];
	const expected = new Map<string, number[]>();
	// The stand-in is the lab's: its list holds only this benchmark's transactions.
	thrivecart.transactions.length = 0;
	// 1,000 transactions, spread over the last 10 hours: 450 product+bump orders, 50 bump refunds, 50 product-only orders.
	const now = Date.now();
	for (let i = 0; i < RECONCILIATION_SETTINGS.buyers; i++) {
		const email = `rec.${i}@example.test`;
		const orderId = 9_000_000 + i;
		const when = new Date(now - (RECONCILIATION_SETTINGS.buyers - i) * 72_000);
		const withBump = i < RECONCILIATION_SETTINGS.productAndBump;
		thrivecart.transactions.push(
			...chargeRows({ email, name: `Buyer ${i}`, orderId, at: when, items: withBump ? [{ type: 'product', id: 12, amount: 9700 }, { type: 'bump', id: 12, amount: 2700 }] : [{ type: 'product', id: 12, amount: 9700 }] }),
		);
		const refunded = withBump && i % 9 === 0 && i / 9 < RECONCILIATION_SETTINGS.refundedBumps;
		if (refunded) thrivecart.transactions.push(refundRow({ email, orderId, at: new Date(when.getTime() + 30_000), item: { type: 'bump', id: 12, amount: 2700 } }));
		expected.set(email, withBump && !refunded ? [201, 203] : [201]);
	}
	if (thrivecart.transactions.length !== RECONCILIATION_SETTINGS.transactions) {
		throw new Error(`built ${thrivecart.transactions.length} transactions, not ${RECONCILIATION_SETTINGS.transactions}`);
	}
	for (const label of ['first run: every delivery was lost (500 buyers to repair)', 'second run: everything already right']) {
		await clearRequests(sandbox.url);
		thrivecart.requests.length = 0;
		const before = n8n.executions(WORKFLOW.id).length;
		const form = new FormData();
		form.append('field-0', 'No');
		const started = Date.now();
		const res = await fetch(formUrl, { method: 'POST', body: form });
		const rows = await n8n.waitForExecutions(WORKFLOW.id, before + 1, { timeoutMs: 900_000 });
		const wallMs = Date.now() - started;
		const row = rows[rows.length - 1];
		const failed = failedExecutions(n8n, [row], 'the reconciliation');
		if (failed || res.status !== 200) {
			problems.push(failed ?? `the form answered ${res.status}`);
			break;
		}
		const report = n8n.executionData(row.id).resultData.runData?.Report?.[0]?.data?.main?.[0]?.[0]?.json as
			| { summary: string; repaired: unknown[]; couldNotRepair: unknown[] }
			| undefined;
		const log = await requests(sandbox.url);
		const thriveCart = thrivecart.requests.filter((r) => r.path === '/transactions');
		runs.push({
			label,
			executionMs: executionMs(row) ?? null,
			wallMs,
			summary: report?.summary ?? 'no report',
			repaired: report?.repaired.length ?? 0,
			couldNotRepair: report?.couldNotRepair.length ?? 0,
			thriveCartCalls: thriveCart.length,
			thriveCartRateLimited: thriveCart.filter((r) => !r.answered).length,
			siteCalls: log.length,
			siteWrites: log.filter((entry) => entry.method !== 'GET').length,
			siteCallsByRoute: tally(log).byRoute,
		});
	}
	// Correctness: exactly the rules' products, each through one active order item; the second run wrote nothing.
	let wrong = 0;
	for (const [email, products] of expected) {
		const b = await buyer(sandbox.url, email);
		const once = Object.values(b.activeItemsByProduct).every((count) => count === 1);
		if (JSON.stringify(b.products) !== JSON.stringify(products) || !once || b.users.length !== 1) {
			if (wrong++ < 3) problems.push(`${email} holds ${JSON.stringify(b.activeItemsByProduct)}, expected ${JSON.stringify(products)} once each`);
		}
	}
	if (wrong > 3) problems.push(`… ${wrong} buyers in all hold the wrong access`);
	if (runs[0] && runs[0].repaired !== RECONCILIATION_SETTINGS.buyers) problems.push(`the first run repaired ${runs[0].repaired} buyers, not ${RECONCILIATION_SETTINGS.buyers}`);
	if (runs[1] && (runs[1].siteWrites !== 0 || runs[1].repaired !== 0)) problems.push(`the second run changed something: ${runs[1].summary}, ${runs[1].siteWrites} writes`);
	return { kind: 'reconciliation', at, machine: machine(), command: 'npm run bench -- reconciliation', settings: RECONCILIATION_SETTINGS, runs, problems };
}
