/**
 * The smallest Redis client the guard needs (RESP2 over Node's own net/tls): a community package may
 * not bring runtime dependencies, and n8n's own Redis client is not reachable from an installed package.
 * One connection per use; commands are answered in order.
 */
// Queue mode runs only on self-hosted n8n (where this guard is needed); speaking Redis needs a socket.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { connect as netConnect, type Socket } from 'net';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { connect as tlsConnect } from 'tls';

export type RedisReply = string | number | null | RedisReply[];

export class RedisError extends Error {}

function redisError(message: string): RedisError {
	return new RedisError(message);
}

export interface RedisAddress {
	host: string;
	port: number;
	tls: boolean;
	username?: string;
	password?: string;
	db: number;
}

/** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
export function parseRedisUrl(url: string): RedisAddress {
	const parsed = URL.canParse(url.trim()) ? new URL(url.trim()) : undefined;
	if (!parsed) throw redisError('is not a Redis URL (expected redis://host:port/db)');
	if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
		throw redisError('must start with redis:// or rediss://');
	}
	const db = parsed.pathname.replace(/^\//, '');
	if (db !== '' && !/^\d+$/.test(db)) throw redisError('names a database that is not a number');
	return {
		host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
		port: parsed.port ? Number(parsed.port) : 6379,
		tls: parsed.protocol === 'rediss:',
		username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
		password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
		db: db === '' ? 0 : Number(db),
	};
}

function encode(args: Array<string | number>): Buffer {
	const parts = [`*${args.length}\r\n`];
	for (const arg of args) {
		const text = String(arg);
		parts.push(`$${Buffer.byteLength(text)}\r\n${text}\r\n`);
	}
	return Buffer.from(parts.join(''));
}

/** Parses one reply at `offset`; undefined when the buffer does not hold all of it yet. */
export function parseReply(buffer: Buffer, offset = 0): { value: RedisReply | RedisError; next: number } | undefined {
	const lineEnd = buffer.indexOf('\r\n', offset);
	if (lineEnd < 0) return undefined;
	const type = String.fromCharCode(buffer[offset]);
	const line = buffer.toString('utf8', offset + 1, lineEnd);
	const after = lineEnd + 2;
	switch (type) {
		case '+':
			return { value: line, next: after };
		case '-':
			return { value: new RedisError(line), next: after };
		case ':':
			return { value: Number(line), next: after };
		case '$': {
			const length = Number(line);
			if (length < 0) return { value: null, next: after };
			if (buffer.length < after + length + 2) return undefined;
			return { value: buffer.toString('utf8', after, after + length), next: after + length + 2 };
		}
		case '*': {
			const count = Number(line);
			if (count < 0) return { value: null, next: after };
			const values: RedisReply[] = [];
			let next = after;
			for (let i = 0; i < count; i++) {
				const element = parseReply(buffer, next);
				if (!element) return undefined;
				if (element.value instanceof RedisError) return { value: element.value, next: element.next };
				values.push(element.value);
				next = element.next;
			}
			return { value: values, next };
		}
		default:
			return { value: new RedisError(`unexpected reply type ${JSON.stringify(type)}`), next: buffer.length };
	}
}

interface Waiting {
	resolve: (value: RedisReply) => void;
	reject: (error: Error) => void;
}

export class RedisConnection {
	private buffer: Buffer = Buffer.alloc(0);

	private readonly waiting: Waiting[] = [];

	private failure: Error | undefined;

	private constructor(private readonly socket: Socket) {
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		const fail = (error: Error) => {
			this.failure = error;
			for (const waiter of this.waiting.splice(0)) waiter.reject(error);
		};
		socket.on('error', fail);
		socket.on('close', () => fail(new RedisError('the connection closed')));
	}

	static async open(address: RedisAddress, timeoutMs = 5_000): Promise<RedisConnection> {
		const socket = await new Promise<Socket>((resolve, reject) => {
			const options = { host: address.host, port: address.port, servername: address.host };
			const s: Socket = address.tls ? tlsConnect(options) : netConnect(options);
			s.setTimeout(timeoutMs, () => {
				s.destroy();
				reject(redisError(`no answer from ${address.host}:${address.port} within ${timeoutMs / 1000} s`));
			});
			s.once(address.tls ? 'secureConnect' : 'connect', () => {
				s.setTimeout(0);
				resolve(s);
			});
			s.once('error', reject);
		});
		socket.setNoDelay(true);
		const connection = new RedisConnection(socket);
		const ready = async () => {
			if (address.password !== undefined) {
				await connection.command(address.username ? ['AUTH', address.username, address.password] : ['AUTH', address.password]);
			}
			if (address.db !== 0) await connection.command(['SELECT', address.db]);
		};
		await ready().catch((error: unknown) => {
			connection.close();
			return Promise.reject(error);
		});
		return connection;
	}

	command(args: Array<string | number>): Promise<RedisReply> {
		if (this.failure) return Promise.reject(this.failure);
		return new Promise((resolve, reject) => {
			this.waiting.push({ resolve, reject });
			this.socket.write(encode(args));
		});
	}

	close(): void {
		this.socket.removeAllListeners('close');
		this.socket.on('error', () => undefined);
		this.socket.end();
		this.socket.destroy();
	}

	private receive(chunk: Buffer): void {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		let offset = 0;
		for (;;) {
			const reply = offset < this.buffer.length ? parseReply(this.buffer, offset) : undefined;
			if (!reply) break;
			offset = reply.next;
			const waiter = this.waiting.shift();
			if (!waiter) continue;
			if (reply.value instanceof RedisError) waiter.reject(reply.value);
			else waiter.resolve(reply.value);
		}
		this.buffer = this.buffer.subarray(offset);
	}
}
