/**
 * The repairs and what the Thrive Apprentice node answered → one readable report: buyers checked,
 * already right, repaired, could not be repaired (with why). Pure: no n8n imports.
 */
import type { Repair } from './compare';

export interface ReportLine {
	email: string;
	orderId: string | null;
	action: Repair['action'];
	productIds: number[];
	why: string;
}

export interface Report {
	dryRun: boolean;
	buyersChecked: number;
	alreadyRight: number;
	repaired: ReportLine[];
	wouldRepair: ReportLine[];
	couldNotRepair: ReportLine[];
	summary: string;
}

export interface ReportEntry {
	repair: Repair;
	/** The grant/revoke output (`{ changed, products, … }` or `{ error }`), or the repair itself when none ran. */
	result: Record<string, unknown>;
}

function line(repair: Repair, why = repair.why): ReportLine {
	return { email: repair.email, orderId: repair.orderId, action: repair.action, productIds: repair.productIds, why };
}

export function buildReport(entries: readonly ReportEntry[], dryRun: boolean): Report {
	const report: Report = { dryRun, buyersChecked: 0, alreadyRight: 0, repaired: [], wouldRepair: [], couldNotRepair: [], summary: '' };
	const buyers = new Set<string>();
	const touched = new Set<string>();
	for (const { repair, result } of entries) {
		buyers.add(repair.email);
		if (repair.action === 'none') continue;
		touched.add(repair.email);
		if (repair.action === 'cannotRepair') {
			report.couldNotRepair.push(line(repair));
			continue;
		}
		const ran = 'changed' in result || 'error' in result;
		if (typeof result.error === 'string') report.couldNotRepair.push(line(repair, `${repair.action} failed: ${result.error}`));
		else if (!ran) (dryRun ? report.wouldRepair : report.couldNotRepair).push(dryRun ? line(repair) : line(repair, `${repair.action} did not run`));
		else report.repaired.push(line(repair));
	}
	report.buyersChecked = buyers.size;
	report.alreadyRight = [...buyers].filter((email) => !touched.has(email)).length;
	const parts = [`${report.buyersChecked} buyer${report.buyersChecked === 1 ? '' : 's'} checked`, `${report.alreadyRight} already right`];
	if (dryRun) parts.push(`${report.wouldRepair.length} repair${report.wouldRepair.length === 1 ? '' : 's'} to make (dry run: nothing changed)`);
	else parts.push(`${report.repaired.length} repaired`);
	parts.push(`${report.couldNotRepair.length} could not be repaired`);
	report.summary = parts.join(', ');
	return report;
}
