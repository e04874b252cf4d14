import { normaliseCustomer } from '../../../nodes/ThriveCart/api/customer';
import { normaliseProducts, productFromAnswer } from '../../../nodes/ThriveCart/api/products';

describe('POST /customer', () => {
	it('gives purchases and subscriptions with status, keyed like the trigger', () => {
		const record = normaliseCustomer(
			{
				customer: { email: 'Ana@Example.test', name: 'Ana Lima' },
				purchases: [{ order_id: 71, item_type: 'bump', item_id: 12, item_name: 'Bonus', amount: 2700, status: 'paid', timestamp: 1772323200 }],
				subscriptions: [{ subscription_id: 'sub_71_2', order_id: 71, item_type: 'product', item_id: '2', status: 'Cancelled' }],
			},
			'ana@example.test',
		);
		expect(record).toMatchObject({
			email: 'ana@example.test',
			customer: { firstName: 'Ana', lastName: 'Lima' },
			purchases: [{ orderId: '71', status: 'paid', date: '2026-03-01T00:00:00.000Z', item: { key: 'bump-12', amount: 2700 } }],
			subscriptions: [{ id: 'sub_71_2', status: 'cancelled', item: { key: 'product-2', payment: 'recurring' } }],
		});
	});

	it('says the shape is open when neither list is there, or an entry has no item', () => {
		expect(() => normaliseCustomer({ name: 'x' }, 'x@example.test')).toThrow(
			"ThriveCart's answer to POST /customer has neither purchases nor subscriptions (it had keys name)",
		);
		expect(() => normaliseCustomer({ purchases: [{ order_id: 1 }] }, 'x@example.test')).toThrow('has no item_type and item_id');
	});
});

describe('products', () => {
	it('carry the product-map key', () => {
		expect(normaliseProducts([{ product_id: 12, name: 'Course', label: 'Lifetime', status: 'live' }])).toEqual([
			{ id: '12', key: 'product-12', name: 'Course', label: 'Lifetime', status: 'live' },
		]);
		expect(productFromAnswer({ product: { id: '30', name: 'Beta' } })).toMatchObject({ key: 'product-30' });
		expect(() => normaliseProducts({ items: [] })).toThrow('is not a list of products');
		expect(() => normaliseProducts([{ name: 'no id' }])).toThrow('has no product_id');
	});
});
