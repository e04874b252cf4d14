/** User > Get / Create / Get or Create, in n8n's execution engine against the sandbox over real HTTP. */
import { access, delivery, item } from './params';
import { ADMIN, useSandbox } from './sandbox';

const sandbox = useSandbox();

const user = (operation: 'get' | 'create' | 'getOrCreate', extra = {}) => ({ resource: 'user', operation, ...extra });

describe('get', () => {
	test('by email: exact and case-insensitive, even when the search also finds a longer email', async () => {
		await sandbox.run({ parameters: user('create', { email: 'mary.carol@example.test' }) });
		await sandbox.run({ parameters: user('create', { email: 'carol@example.test' }) });
		const { items } = await sandbox.run({ parameters: user('get', { email: 'CAROL@example.test' }) });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ email: 'carol@example.test', username: 'carol@example.test', created: false });
	});

	test('by email with a +, which WordPress needs as %2B', async () => {
		await sandbox.run({ input: [delivery('henry+vip@example.test', '9001', [item('product-12')])], parameters: access('grant') });
		await sandbox.clearRequests();
		const { items, error } = await sandbox.run({ parameters: user('get', { email: 'henry+vip@example.test' }) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ email: 'henry+vip@example.test', username: 'henryvip@example.test' });
		const [search] = await sandbox.requests();
		expect(search.query.search).toBe('henry+vip@example.test');
	});

	test('by id', async () => {
		const { items } = await sandbox.run({ parameters: user('get', { userBy: 'id', userId: 2 }) });
		expect(items[0].json).toEqual({ id: 2, email: 'editor@sandbox.test', username: 'editor', firstName: 'Site', lastName: 'Editor', name: 'Site Editor', created: false });
	});

	test('an unknown user is an error (and a continueOnFail item)', async () => {
		const byEmail = await sandbox.run({ parameters: user('get', { email: 'ghost@example.test' }) });
		expect(byEmail.error?.message).toBe('No WordPress user has the email ghost@example.test');
		const byId = await sandbox.run({ continueOnFail: true, parameters: user('get', { userBy: 'id', userId: 999 }) });
		expect(byId.items).toEqual([{ json: { error: 'WordPress has no user with ID 999' }, pairedItem: { item: 0 } }]);
	});

	test('an invalid email is refused before any request', async () => {
		await sandbox.clearRequests();
		const { error } = await sandbox.run({ parameters: user('get', { email: 'not-an-email' }) });
		expect(error?.message).toBe('"not-an-email" is not an email address');
		expect(await sandbox.requests()).toEqual([]);
	});
});

describe('create', () => {
	test('username from the email without disallowed characters; a random password that is never output; no email', async () => {
		const { items } = await sandbox.run({
			parameters: user('create', { email: 'ann+course@example.test', additionalFields: { firstName: 'Ann', lastName: 'Lee' } }),
		});
		expect(items[0].json).toEqual({
			id: 5,
			email: 'ann+course@example.test',
			username: 'anncourse@example.test',
			firstName: 'Ann',
			lastName: 'Lee',
			name: 'Ann Lee',
			created: true,
		});
		const state = await sandbox.state();
		expect(state.users.find((candidate) => candidate.id === 5)).toMatchObject({ login: 'anncourse@example.test', roles: ['subscriber'] });
		expect(state.emails).toEqual([]);
	});

	test('Send Welcome Email uses Thrive Apprentice\'s member route, which sends one', async () => {
		const { items, error } = await sandbox.run({
			parameters: user('create', { email: 'welcome.user@example.test', additionalFields: { firstName: 'Wel', lastName: 'Come', sendWelcomeEmail: true } }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ email: 'welcome.user@example.test', name: 'Wel Come', created: true });
		const emails = await sandbox.emails();
		expect(emails.filter((email) => email.to === 'welcome.user@example.test')).toHaveLength(1);
		expect(JSON.stringify(items)).not.toMatch(/password/i);
	});

	test('an existing email is an error that points to Get or Create', async () => {
		const { error } = await sandbox.run({ parameters: user('create', { email: 'member@sandbox.test' }) });
		// WordPress checks the login first; the seeded member's login is "member", so the email check answers.
		expect(error?.message).toBe('A WordPress user with this email already exists (500 existing_user_email)');
		expect(error?.description).toMatch(/Get or Create/);
	});
});

describe('get or create', () => {
	test('an existing user is returned, not created', async () => {
		const { items } = await sandbox.run({ parameters: user('getOrCreate', { email: 'Member@Sandbox.test' }) });
		expect(items[0].json).toMatchObject({ id: 3, created: false });
		expect((await sandbox.state()).users).toHaveLength(4);
	});

	test('two executions racing for one new email end with ONE user; the loser reports the existing user', async () => {
		await sandbox.settings({ latencyMs: 150 });
		const run = () => sandbox.run({ parameters: user('getOrCreate', { email: 'race@example.test' }) });
		const [first, second] = await Promise.all([run(), run()]);
		await sandbox.settings({ latencyMs: 0 });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const racers = (await sandbox.state()).users.filter((candidate) => candidate.email === 'race@example.test');
		expect(racers).toHaveLength(1);
		expect([first.items[0].json.id, second.items[0].json.id]).toEqual([racers[0].id, racers[0].id]);
		expect([first.items[0].json.created, second.items[0].json.created].sort()).toEqual([false, true]);
		// Both searched before either created: the loser really hit WordPress's duplicate check and re-read.
		const creates = (await sandbox.requests()).filter((entry) => entry.method === 'POST');
		expect(creates.map((entry) => entry.path)).toEqual(['/wp-json/wp/v2/users', '/wp-json/wp/v2/users']);
		expect(creates.filter((entry) => entry.status === 201)).toHaveLength(1);
		expect(creates.filter((entry) => entry.status === 500)).toHaveLength(1);
	});

	test('the same race through the member route (Send Welcome Email): one user and one welcome email', async () => {
		await sandbox.settings({ latencyMs: 150 });
		const run = () =>
			sandbox.run({ parameters: user('getOrCreate', { email: 'race2@example.test', additionalFields: { sendWelcomeEmail: true } }) });
		const [first, second] = await Promise.all([run(), run()]);
		await sandbox.settings({ latencyMs: 0 });
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		const state = await sandbox.state();
		const racers = state.users.filter((candidate) => candidate.email === 'race2@example.test');
		expect(racers).toHaveLength(1);
		expect([first.items[0].json.id, second.items[0].json.id]).toEqual([racers[0].id, racers[0].id]);
		expect(state.emails.filter((email) => email.to === 'race2@example.test')).toHaveLength(1);
		// TA's member route answers 200 for the loser too, without saying who created the user, so both may report created: true.
		expect(first.items[0].json.created || second.items[0].json.created).toBe(true);
	});

	test('a login clash with ANOTHER user is a real error, not a race', async () => {
		await sandbox.run({ parameters: user('create', { email: 'henry+vip@clash.test' }) });
		const { error } = await sandbox.run({ parameters: user('getOrCreate', { email: 'henryvip@clash.test' }) });
		expect(error?.message).toBe('The WordPress username made from this email already belongs to another user (500 existing_user_login)');
		expect(JSON.stringify(error)).not.toContain(ADMIN.password);
	});
});
