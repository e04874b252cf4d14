import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { thriveApprenticeApiTest } from './methods/credentialTest';
import { getCourses, getProducts } from './methods/loadOptions';
import { searchThriveCartItems } from './methods/thriveCartItems';
import * as access from './resources/access';
import * as course from './resources/course';
import * as product from './resources/product';
import * as user from './resources/user';
import { readCredentials, secretsOf } from './transport/credentials';
import { redact, redactDeep } from './transport/redact';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	access: access.operations,
	course: course.operations,
	product: product.operations,
	user: user.operations,
};

export class ThriveApprentice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Thrive Apprentice',
		name: 'thriveApprentice',
		icon: { light: 'file:thriveApprentice.svg', dark: 'file:thriveApprentice.dark.svg' },
		group: ['output'],
		// 1.1: the Product Map is rows with a product dropdown by default (version 1 nodes keep their JSON).
		// 1.2: a row's ThriveCart item is one field, picked from the seller's ThriveCart account or typed.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Grant and revoke Thrive Apprentice access for ThriveCart sales, and read members, courses and products',
		defaults: { name: 'Thrive Apprentice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'thriveApprenticeApi', required: true, testedBy: 'thriveApprenticeApiTest' },
			// Optional: only the Product Map's ThriveCart item list reads ThriveCart. Hidden by "hide" rules
			// because saved workflows leave default values out (an absent resource is Access, and so on).
			{
				name: 'thriveCartApi',
				required: false,
				displayOptions: {
					// Credentials take plain version numbers: add each version from 1.2 on here.
					show: { '@version': [1.2] },
					hide: { resource: ['course', 'product', 'user'], operation: ['getMany'], accessTo: ['products', 'courses'], mapAs: ['json'] },
				},
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Access', value: 'access', description: "A member's access to products and courses" },
					{ name: 'Course', value: 'course' },
					{ name: 'Product', value: 'product' },
					{ name: 'User', value: 'user', description: 'A WordPress user (Thrive Apprentice member)' },
				],
				default: 'access',
			},
			...access.description,
			...user.description,
			...course.description,
			...product.description,
		],
	};

	methods = {
		loadOptions: { getProducts, getCourses },
		listSearch: { searchThriveCartItems },
		credentialTest: { thriveApprenticeApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		let secrets: string[] = [];
		try {
			secrets = secretsOf(readCredentials(await this.getCredentials<ICredentialDataDecryptedObject>('thriveApprenticeApi')));
		} catch {
			// No usable credential: the operation itself reports that, per item.
		}

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const run = operations[resource]?.[operation];
				if (!run) {
					throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex });
				}
				const result = await run.call(this, itemIndex);
				for (const json of Array.isArray(result) ? result : [result]) {
					output.push({ json: redactDeep(json, secrets), pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					output.push({ json: { error: redact((error as Error).message, secrets) }, pairedItem: { item: itemIndex } });
					continue;
				}
				// n8n's own errors pass through unchanged (NodeOperationError returns them as they are).
				throw error instanceof NodeApiError
					? error
					: new NodeOperationError(this.getNode(), error instanceof NodeOperationError ? error : redact((error as Error).message, secrets), { itemIndex });
			}
		}
		return [output];
	}
}
