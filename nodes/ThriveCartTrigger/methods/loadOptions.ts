/**
 * The trigger's dropdowns. Without an API key they say what to add instead of failing: n8n answers a
 * failing options call with a server error and logs its stack trace each time the node is opened.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { CREDENTIAL_NAME, thriveCartApiRequest } from '../transport/api';

export const ADD_API_KEY =
	'Add the API key to the ThriveCart credential (ThriveCart > Settings > API & webhooks > API tokens)';

/** A value the filters ignore, should a seller manage to pick the hint (it is disabled). */
export const HINT_VALUE = '';

/** Whether the node has a ThriveCart credential with an API key (false, not an error, when none is chosen). */
export async function hasApiKey(context: ILoadOptionsFunctions): Promise<boolean> {
	try {
		const credentials = await context.getCredentials(CREDENTIAL_NAME);
		return typeof credentials.apiKey === 'string' && credentials.apiKey.trim() !== '';
	} catch {
		// No credential chosen yet.
		return false;
	}
}

function productList(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	const record = (response ?? {}) as IDataObject;
	for (const key of ['products', 'data', 'items']) {
		if (Array.isArray(record[key])) return record[key] as IDataObject[];
	}
	return [];
}

export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (!(await hasApiKey(this))) {
		return [
			{
				name: `${ADD_API_KEY} to choose products here, or type product IDs with an expression`,
				value: HINT_VALUE,
				disabled: true,
			},
		];
	}
	const response = await thriveCartApiRequest.call(this, 'GET', '/products', 'listing your products');
	const options: INodePropertyOptions[] = [];
	for (const product of productList(response)) {
		const id = product.product_id ?? product.id;
		if (id === undefined || id === null || id === '') continue;
		const name = typeof product.name === 'string' && product.name.trim() ? product.name.trim() : `Product ${String(id)}`;
		const status = typeof product.status === 'string' && product.status !== 'live' ? ` – ${product.status}` : '';
		options.push({ name: `${name} (#${String(id)})${status}`, value: String(id) });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The Event Subscription warning: whether the credential has the API key the subscription needs. */
export async function checkApiKey(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (await hasApiKey(this)) return [{ name: 'Found in the ThriveCart Credential', value: 'checked' }];
	return [
		{
			name: `Missing: ${ADD_API_KEY}, or use the Account Webhook style. Activation fails without it.`,
			value: 'checked',
		},
	];
}
