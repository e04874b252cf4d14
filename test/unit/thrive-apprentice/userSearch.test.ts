/** Finding a user by email reads every page of WordPress's substring search and matches exactly. */
import type { IExecuteFunctions } from 'n8n-workflow';

jest.mock('../../../nodes/ThriveApprentice/transport/request', () => ({
	taSend: jest.fn(),
	taFail: jest.fn(async () => {
		throw new Error('failed');
	}),
	taRequest: jest.fn(),
	isSuccess: (response: { status: number }) => response.status >= 200 && response.status < 300,
}));

import { findUserByEmail } from '../../../nodes/ThriveApprentice/resources/user/users';
import { taSend } from '../../../nodes/ThriveApprentice/transport/request';

const send = taSend as jest.MockedFunction<typeof taSend>;
const ctx = {} as IExecuteFunctions;
const paths: string[] = [];

// 230 users whose email contains "carol@example.test"; the exact one is on the third page.
const users = Array.from({ length: 230 }, (_, index) => ({ id: index + 1, email: `mary${index}.carol@example.test` }));
users[215] = { id: 216, email: 'Carol@Example.test' };

beforeEach(() => {
	paths.length = 0;
	send.mockImplementation(async (route) => {
		paths.push(route.path);
		const query = new URLSearchParams(route.path.split('?')[1]);
		const page = Number(query.get('page') ?? 1);
		const perPage = Number(query.get('per_page'));
		return { status: 200, body: users.slice((page - 1) * perPage, page * perPage), headers: { 'x-wp-total': '230', 'x-wp-totalpages': '3' } };
	});
});

test('follows X-WP-TotalPages and matches case-insensitively', async () => {
	expect(await findUserByEmail.call(ctx, 'carol@example.TEST')).toEqual({ id: 216, email: 'Carol@Example.test' });
	expect(paths).toEqual([
		'wp/v2/users?search=carol%40example.TEST&context=edit&per_page=100',
		'wp/v2/users?search=carol%40example.TEST&context=edit&per_page=100&page=2',
		'wp/v2/users?search=carol%40example.TEST&context=edit&per_page=100&page=3',
	]);
});

test('stops at the first page holding the match, and after the last page', async () => {
	expect(await findUserByEmail.call(ctx, 'mary3.carol@example.test')).toMatchObject({ id: 4 });
	expect(paths).toHaveLength(1);
	paths.length = 0;
	expect(await findUserByEmail.call(ctx, 'nobody@example.test')).toBeUndefined();
	expect(paths).toHaveLength(3);
});

test('a + is sent as %2B (a raw + would be a space)', async () => {
	await findUserByEmail.call(ctx, 'henry+vip@example.test');
	expect(paths[0]).toBe('wp/v2/users?search=henry%2Bvip%40example.test&context=edit&per_page=100');
});

test('without X-WP-TotalPages: a full page means there may be more', async () => {
	send.mockImplementation(async (route) => {
		paths.push(route.path);
		const page = Number(new URLSearchParams(route.path.split('?')[1]).get('page') ?? 1);
		return { status: 200, body: users.slice((page - 1) * 100, page * 100), headers: {} };
	});
	expect(await findUserByEmail.call(ctx, 'carol@example.test')).toMatchObject({ id: 216 });
	expect(paths).toHaveLength(3);
});

test('an error answer fails instead of meaning "no user"', async () => {
	send.mockImplementation(async () => ({ status: 401, body: { code: 'rest_forbidden_context' }, headers: {} }));
	await expect(findUserByEmail.call(ctx, 'carol@example.test')).rejects.toThrow('failed');
});
