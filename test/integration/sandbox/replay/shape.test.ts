// The replay's comparison: it must catch what matters and ignore values that differ between sites.
import { errorCodes, shapeDifferences } from './shape';

describe('shapeDifferences', () => {
	it('ignores values of strings, counts, dates and URLs', () => {
		expect(shapeDifferences({ name: 'a', count: 1, url: 'http://x' }, { name: 'b', count: 7, url: 'http://y' })).toEqual([]);
	});

	it('reports missing and extra keys, recursively', () => {
		expect(shapeDifferences({ a: { b: 1 } }, { a: { c: 1 } })).toEqual(['$.a.b: missing', '$.a.c: not in the recording']);
	});

	it('reports a different JSON type, also a number sent as a string', () => {
		expect(shapeDifferences({ enrolled_users: '0' }, { enrolled_users: 0 })).toEqual(['$.enrolled_users: recorded string "0", got number 0']);
		expect(shapeDifferences({ structure: null }, { structure: [] })).toHaveLength(1);
	});

	it('compares arrays by length and element by element', () => {
		expect(shapeDifferences([], [{ id: 1 }])).toEqual(['$: recorded 0 elements, got 1']);
		expect(shapeDifferences([{ a: 1 }], [{ b: 1 }])).toHaveLength(2);
	});

	it('follows numeric ids, pairing rows by id whatever their order', () => {
		expect(shapeDifferences([{ id: 15 }, { id: 16 }], [{ id: 16 }, { id: 15 }])).toEqual([]);
		expect(shapeDifferences({ order_id: 1, user_id: 2 }, { order_id: 1, user_id: 3 })).toEqual(['$.user_id: recorded id 2, got 3']);
		expect(shapeDifferences({ id: null }, { id: 0 })).toHaveLength(1);
	});

	it('compares a bare top-level value exactly', () => {
		expect(shapeDifferences(900001, 900002)).toHaveLength(1);
		expect(shapeDifferences(true, true)).toEqual([]);
	});
});

describe('errorCodes', () => {
	it('reads the code and the detail codes', () => {
		const body = { code: 'rest_invalid_param', data: { status: 400, details: { order: { code: 'invalid_order_charges' } } } };
		expect(errorCodes(body)).toEqual({ code: 'rest_invalid_param', details: { order: 'invalid_order_charges' } });
		expect(errorCodes([1])).toEqual({ details: {} });
		expect(errorCodes({ message: 'x', data: null })).toEqual({ code: undefined, details: {} });
	});
});
