import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { TooManyPagesError } from './api/paging';
import { ShapeError } from './api/shapeError';
import { properties } from './description';
import * as customer from './operations/customer';
import * as product from './operations/products';
import * as reconciliation from './operations/reconciliation';
import * as transaction from './operations/transactions';

type PerItem = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
type WholeInput = (this: IExecuteFunctions) => INodeExecutionData[];

const perItem: Record<string, Record<string, PerItem>> = {
	transaction: { getMany: transaction.getMany, expectedAccess: transaction.expectedAccess },
	customer: { get: customer.get },
	product: { get: product.get, getMany: product.getMany },
};

const wholeInput: Record<string, Record<string, WholeInput>> = {
	reconciliation: { compare: reconciliation.compare, report: reconciliation.report },
};

function asNodeError(node: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof ShapeError) return new NodeOperationError(node.getNode(), error.message, { itemIndex, description: error.description });
	if (error instanceof TooManyPagesError) return new NodeOperationError(node.getNode(), error.message, { itemIndex });
	return new NodeOperationError(node.getNode(), error as Error, { itemIndex });
}

/**
 * ThriveCart's REST API: transactions, customers, products, in the ThriveCart Trigger's vocabulary
 * (item keys `product-12`, `bump-12`, …, so the fulfilment product map applies), and the two steps
 * of the reconciliation template that need the fulfilment rules.
 */
export class ThriveCart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ThriveCart',
		name: 'thriveCart',
		icon: { light: 'file:thrivecart.svg', dark: 'file:thrivecart.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: "Read ThriveCart's transactions, customers and products, and reconcile course access with them",
		defaults: { name: 'ThriveCart' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'thriveCartApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;

		const whole = wholeInput[resource]?.[operation];
		if (whole) {
			try {
				return [whole.call(this)];
			} catch (error) {
				if (this.continueOnFail()) return [[{ json: { error: (error as Error).message }, pairedItem: items.map((_, item) => ({ item })) }]];
				throw asNodeError(this, error, 0);
			}
		}

		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const run = perItem[resource]?.[operation];
				if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex });
				const result = await run.call(this, itemIndex);
				for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw asNodeError(this, error, itemIndex);
			}
		}
		return [output];
	}
}
