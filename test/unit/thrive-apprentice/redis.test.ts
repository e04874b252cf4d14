/** The guard's Redis client: URL parsing and the RESP2 reply parser. */
import { parseRedisUrl, parseReply, RedisError } from '../../../nodes/ThriveApprentice/coordination/redis';

describe('Redis URLs', () => {
	test('host, port, database, credentials and TLS', () => {
		expect(parseRedisUrl('redis://127.0.0.1:6380/2')).toEqual({ host: '127.0.0.1', port: 6380, tls: false, username: undefined, password: undefined, db: 2 });
		expect(parseRedisUrl('rediss://user:p%40ss@redis.example.com')).toEqual({ host: 'redis.example.com', port: 6379, tls: true, username: 'user', password: 'p@ss', db: 0 });
		expect(parseRedisUrl(' redis://[::1]:7000 ')).toMatchObject({ host: '::1', port: 7000 });
	});

	test.each(['127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://127.0.0.1/x'])('refuses %s with a reason', (url) => {
		expect(() => parseRedisUrl(url)).toThrow(RedisError);
	});
});

describe('RESP2 replies', () => {
	const parse = (text: string) => parseReply(Buffer.from(text));

	test('simple strings, integers, bulk strings, nil, arrays', () => {
		expect(parse('+OK\r\n')).toEqual({ value: 'OK', next: 5 });
		expect(parse(':42\r\n')?.value).toBe(42);
		expect(parse('$4\r\nhé!\r\n')?.value).toBe('hé!');
		expect(parse('$-1\r\n')?.value).toBeNull();
		expect(parse('*2\r\n$1\r\na\r\n:1\r\n')?.value).toEqual(['a', 1]);
	});

	test('errors are values, not throws', () => {
		const reply = parse('-WRONGPASS invalid password\r\n');
		expect(reply?.value).toBeInstanceOf(RedisError);
		expect((reply?.value as Error).message).toBe('WRONGPASS invalid password');
	});

	test('an incomplete reply waits for more data', () => {
		expect(parse('$5\r\nab')).toBeUndefined();
		expect(parse('*2\r\n$1\r\na\r\n')).toBeUndefined();
		expect(parse('+O')).toBeUndefined();
	});
});
