/**
 * Reconciliation › Compare With Held Access and Reconciliation › Report: the two steps of the
 * reconciliation template that need the rules, kept here instead of in Code nodes. Both read all their
 * input items at once.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type IPairedItemData } from 'n8n-workflow';
import { FulfilmentInputError, parseProductMap } from '../../ThriveApprentice/fulfilment/productMap';
import { compareBuyer, type Repair } from '../reconcile/compare';
import type { BuyerExpectation } from '../reconcile/expectedAccess';
import { heldByBuyer } from '../reconcile/held';
import { buildReport } from '../reconcile/report';
import { commitRun } from '../reconcile/watermark';

function asObjects(value: unknown, what: string, node: IExecuteFunctions): IDataObject[] {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new NodeOperationError(node.getNode(), `${what} is not valid JSON`);
		}
	}
	const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
	return list.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object' && !Array.isArray(entry));
}

function isBuyer(value: IDataObject): value is IDataObject & BuyerExpectation {
	return typeof value.email === 'string' && Array.isArray(value.orders) && !!value.customer && typeof value.customer === 'object';
}

export function compare(this: IExecuteFunctions): INodeExecutionData[] {
	const input = this.getInputData();
	const buyers = asObjects(this.getNodeParameter('expectedAccess', 0), 'Expected Access', this);
	if (!buyers.every(isBuyer)) {
		throw new NodeOperationError(this.getNode(), 'Expected Access must be the output of the ThriveCart node\'s "Transaction › Expected Access"', {
			description: "Set it to {{ $('Expected access').all().map(item => item.json) }} (the name of that node in your workflow).",
		});
	}
	let map;
	try {
		map = parseProductMap(this.getNodeParameter('productMap', 0));
	} catch (error) {
		const description = error instanceof FulfilmentInputError ? error.description : undefined;
		throw new NodeOperationError(this.getNode(), (error as Error).message, { description });
	}
	const held = heldByBuyer(
		buyers.map((buyer) => buyer.email),
		input.map((item) => ({ json: item.json, pairedItem: item.pairedItem })),
	);
	const output: INodeExecutionData[] = [];
	buyers.forEach((buyer, index) => {
		// Pair each repair with the access rows it was decided from (or the first input when there were none).
		const rows: IPairedItemData[] = [];
		input.forEach((item, inputIndex) => {
			if (item.json.email === buyer.email) rows.push({ item: inputIndex });
		});
		for (const repair of compareBuyer(buyer, held[index], map)) {
			output.push({ json: repair as unknown as IDataObject, pairedItem: rows.length ? rows : { item: 0 } });
		}
	});
	return output;
}

export function report(this: IExecuteFunctions): INodeExecutionData[] {
	const input = this.getInputData();
	const dryRun = this.getNodeParameter('dryRun', 0, false) as boolean;
	const entries = input.map((_, itemIndex) => {
		const repair = this.getNodeParameter('repair', itemIndex) as unknown as Repair;
		const result = this.getNodeParameter('result', itemIndex, {}) as IDataObject;
		if (!repair || typeof repair !== 'object' || typeof repair.action !== 'string' || typeof repair.email !== 'string') {
			throw new NodeOperationError(this.getNode(), 'Repair must be an item from "Reconciliation › Compare With Held Access"', {
				itemIndex,
				description: "Set it to {{ $('Compare with Thrive Apprentice').item.json }} (the name of that node in your workflow).",
			});
		}
		return { repair, result: result && typeof result === 'object' ? result : {} };
	});
	const built = buildReport(entries, dryRun);
	let watermark: string | null = null;
	const remember = this.getNodeParameter('rememberSuccessfulRun', 0, true) as boolean;
	if (remember && !dryRun && built.couldNotRepair.length === 0) watermark = commitRun(this.getWorkflowStaticData('global'));
	return [
		{
			json: { ...built, lastSuccessfulRun: watermark } as unknown as IDataObject,
			pairedItem: input.map((_, item) => ({ item })),
		},
	];
}
