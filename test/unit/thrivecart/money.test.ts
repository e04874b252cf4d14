import { formatMinorUnits } from '../../../nodes/ThriveCartTrigger/thrivecart/money';
import { builtJson, JSON_TYPE } from '../../support/thrivecartFixtures';
import { parseDelivery } from '../../../nodes/ThriveCartTrigger/thrivecart';

describe('amounts in currency units beside the minor units', () => {
	it('formats minor units with the currency\'s own decimals', () => {
		expect(formatMinorUnits(12400, 'USD')).toBe('124.00 USD');
		expect(formatMinorUnits(5, 'eur')).toBe('0.05 EUR');
		expect(formatMinorUnits(0, 'GBP')).toBe('0.00 GBP');
		expect(formatMinorUnits(-1999, 'USD')).toBe('-19.99 USD');
		expect(formatMinorUnits(1500, 'JPY')).toBe('1500 JPY');
		expect(formatMinorUnits(12345, 'KWD')).toBe('12.345 KWD');
		expect(formatMinorUnits(429583657898226, 'USD')).toBe('4295836578982.26 USD');
	});

	it('leaves out an unknown currency and keeps null for an unknown amount', () => {
		expect(formatMinorUnits(12400, null)).toBe('124.00');
		expect(formatMinorUnits(12400, 'dollars')).toBe('124.00');
		expect(formatMinorUnits(12400, 'XYZ')).toBe('124.00 XYZ');
		expect(formatMinorUnits(null, 'USD')).toBeNull();
	});

	it('appears beside every minor-unit amount of a delivery', () => {
		const parsed = parseDelivery(builtJson('order-success-multi-item'), JSON_TYPE);
		if (!parsed.ok) throw new Error(parsed.problem);
		const { order, items } = parsed.delivery;
		expect(order?.totalFormatted).toBe(`${((order?.total ?? 0) / 100).toFixed(2)} ${order?.currency}`);
		for (const item of items) expect(item.amountFormatted).toBe(item.amount === null ? null : `${(item.amount / 100).toFixed(2)} USD`);
	});
});
