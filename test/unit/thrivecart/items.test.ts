import { formatItemKey, parseItemKey, type ItemRef } from '../../../nodes/shared/itemKey';
import { MAX_ITEMS, parseDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart';
import { ChargeRowIndex } from '../../../nodes/ThriveCartTrigger/thrivecart/items';
import { id, text, type Raw } from '../../../nodes/ThriveCartTrigger/thrivecart/values';
import { FORM } from '../../support/thrivecartFixtures';

/** The former per-item scan of every row: the rule the index must keep, row order included. */
function scanRows(rows: Raw[], ref: ItemRef): Raw[] {
	return rows.filter((row) => {
		const identifier = text(row.item_identifier);
		if (identifier && parseItemKey(identifier)) return identifier.toLowerCase() === formatItemKey(ref.type, ref.id);
		if (id(row.reference) !== ref.id) return false;
		const type = text(row.item_type);
		return type ? type === ref.type : ref.type !== 'bump';
	});
}

describe('the charge-row index', () => {
	it('finds the same rows, in the same order, as scanning every row for every item', () => {
		let seed = 11;
		const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
		const types = ['product', 'bump', 'upsell', 'downsell', '', 'foo'];
		const identifiers = ['', 'product-1', 'BUMP-1', 'upsell-2', 'product-01', 'not-a-key', 'downsell-3'];
		for (let round = 0; round < 200; round++) {
			const rows: Raw[] = Array.from({ length: 1 + next(12) }, (_, position) => ({
				position,
				item_identifier: identifiers[next(identifiers.length)] || undefined,
				reference: next(5) === 0 ? 'null' : String(next(4)),
				item_type: types[next(types.length)] || undefined,
				type: next(2) ? 'single' : 'recurring',
			}));
			const index = new ChargeRowIndex(rows);
			for (const type of ['product', 'bump', 'upsell', 'downsell'] as const) {
				for (const itemId of ['0', '1', '2', '3', '01']) {
					const ref = { type, id: itemId };
					expect(index.rowsFor(ref)).toEqual(scanRows(rows, ref));
				}
			}
		}
	});

	function longOrder(itemCount: number): Buffer {
		const parts = ['event=order.success', 'thrivecart_secret=w', 'customer[email]=a%40example.test', 'order_id=1', 'base_product=1'];
		for (let i = 0; i < 4995; i++) parts.push(`order[charges][${i}][item_identifier]=product-${i}&order[charges][${i}][amount]=${100 + i}`);
		const keys = Array.from({ length: itemCount }, (_, i) => `product-${i}`).join(',');
		return Buffer.from(`${parts.join('&')}&purchase_map_flat=${keys}`);
	}

	it('reads an order of 1,000 items beside 4,995 charge rows, each item with its own row', () => {
		const parsed = parseDelivery(longOrder(1000), FORM);
		if (!parsed.ok) throw new Error(parsed.problem);
		expect(parsed.delivery.problems).toBeUndefined();
		expect(parsed.delivery.items).toHaveLength(1000);
		expect(parsed.delivery.items[0]).toMatchObject({ key: 'product-0', amount: 100 });
		expect(parsed.delivery.items[999]).toMatchObject({ key: 'product-999', amount: 1099 });
	});

	it('reads the first 1,000 of an order naming 40,000 items and says so, rather than building them all', () => {
		const parsed = parseDelivery(longOrder(40_000), FORM);
		if (!parsed.ok) throw new Error(parsed.problem);
		const { items, problems, raw } = parsed.delivery;
		expect(items).toHaveLength(MAX_ITEMS);
		expect(items[MAX_ITEMS - 1]).toMatchObject({ key: `product-${MAX_ITEMS - 1}`, amount: 100 + MAX_ITEMS - 1 });
		expect(problems).toEqual([`items: the delivery names more than ${MAX_ITEMS} items; only the first ${MAX_ITEMS} were read`]);
		expect(raw).toBeDefined();
		expect(JSON.stringify(raw)).not.toContain('thrivecart_secret');
	});
});
