import { asList, bool, integer, isoDate, text } from '../../../nodes/ThriveCartTrigger/thrivecart/values';

describe("ThriveCart's value conventions", () => {
	it('reads "null", "false" and empty strings as no value, and keeps ids as strings', () => {
		expect(text('null')).toBeNull();
		expect(text('false')).toBeNull();
		expect(text('  ')).toBeNull();
		expect(text(undefined)).toBeNull();
		expect(text(' sub_1 ')).toBe('sub_1');
		expect(text(12)).toBe('12');
	});

	it('reads booleans from strings', () => {
		expect(bool('true')).toBe(true);
		expect(bool('0')).toBe(false);
		expect(bool('null')).toBeNull();
	});

	it('reads minor-unit amounts as whole numbers, and nothing else', () => {
		expect(integer('5900')).toBe(5900);
		expect(integer(5900)).toBe(5900);
		expect(integer('59.00')).toBeNull();
		expect(integer('429583657898226838')).toBeNull();
		expect(integer('null')).toBeNull();
	});

	it('reads lists given as arrays, indexed objects or comma strings', () => {
		expect(asList(['a'])).toEqual(['a']);
		expect(asList({ 0: 'a', 1: 'b' })).toEqual(['a', 'b']);
		expect(asList('product-12, bump-12,upsell-5')).toEqual(['product-12', 'bump-12', 'upsell-5']);
		expect(asList('null')).toEqual([]);
		expect(asList(undefined)).toEqual([]);
	});

	it('reads dates as ISO 8601 in UTC from every form ThriveCart uses', () => {
		expect(isoDate('2020-08-24T05:17:33+00:00')).toBe('2020-08-24T05:17:33.000Z');
		expect(isoDate('2020-08-24T07:17:33+02:00')).toBe('2020-08-24T05:17:33.000Z');
		expect(isoDate('1598246253')).toBe('2020-08-24T05:17:33.000Z');
		expect(isoDate('2020-08-24 05:17:33')).toBe('2020-08-24T05:17:33.000Z');
		expect(isoDate('soon')).toBeNull();
		expect(isoDate('null')).toBeNull();
	});
});
