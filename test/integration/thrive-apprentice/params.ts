/** Node parameters and trigger-shaped input items for the integration tests. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PurchasedItem } from '../../../nodes/shared/itemKey';

export const PRODUCT_MAP = JSON.stringify({ 'product-12': [201], 'product-12:78572': 204, 'bump-12': [203], 'upsell-5': [202], 'downsell-6': [] });

export function item(key: string, extra: Partial<PurchasedItem> = {}): PurchasedItem {
	const [type, id] = key.split('-') as [PurchasedItem['type'], string];
	return { key, type, id, name: `TC ${key}`, pricingOptionId: null, pricingOptionName: null, payment: 'single', amount: 1000, subscriptionId: null, ...extra };
}

/** What the ThriveCart Trigger outputs for an order (the fields the node's defaults read). */
export function delivery(email: string, orderId: string, items: PurchasedItem[], affectedItem: PurchasedItem | null = null): IDataObject {
	return {
		event: affectedItem ? 'order.refund' : 'order.success',
		customer: { email, firstName: 'Jane', lastName: 'Buyer' },
		order: { id: orderId, currency: 'USD', processor: 'stripe' },
		items: items as unknown as IDataObject[],
		affectedItem: affectedItem as unknown as IDataObject,
	};
}

export function access(operation: 'grant' | 'revoke' | 'getMany', extra: INodeParameters = {}): INodeParameters {
	return { resource: 'access', operation, ...(operation === 'getMany' ? {} : { productMap: PRODUCT_MAP }), ...extra };
}
