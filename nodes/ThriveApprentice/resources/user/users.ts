/**
 * WordPress users as Thrive Apprentice members: find by email (exact, case-insensitive), find by id,
 * create, and get-or-create that survives two executions racing for the same email.
 */
import { randomBytes } from 'crypto';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { errorCode } from '../../transport/errors';
import { isSuccess, taFail, taRequest, taSend, type TaContext } from '../../transport/request';
import { routes } from '../../transport/routes';

export interface WpUser {
	id: number;
	email?: string;
	username?: string;
	name?: string;
	first_name?: string;
	last_name?: string;
}

export interface MemberOutput extends IDataObject {
	id: number;
	email: string;
	username: string;
	firstName: string;
	lastName: string;
	name: string;
	created: boolean;
}

export function toMemberOutput(user: WpUser, created: boolean): MemberOutput {
	return {
		id: user.id,
		email: user.email ?? '',
		username: user.username ?? '',
		firstName: user.first_name ?? '',
		lastName: user.last_name ?? '',
		name: user.name ?? '',
		created,
	};
}

/** Close to WordPress's `is_email()`: one @, something before it, a dotted domain. */
export function isEmailAddress(value: string): boolean {
	return /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(value);
}

/** WordPress's strict `sanitize_user()`: the login TA itself gives a ThriveCart buyer (`henry+vip@x` → `henryvip@x`). */
export function usernameFromEmail(email: string): string {
	return email
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9 _.\-@]/gi, '')
		.trim()
		.replace(/\s+/g, ' ');
}

/** A strong random password; WordPress needs one to create a user and it is never output. */
export function randomPassword(): string {
	return randomBytes(24).toString('base64').replace(/[\\]/g, '');
}

export function requireEmail(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const email = typeof value === 'string' ? value.trim() : '';
	if (!email) {
		throw new NodeOperationError(this.getNode(), 'An email address is required', {
			itemIndex,
			description: 'Set "Email" to the buyer\'s email, e.g. {{ $json.customer.email }} after the ThriveCart Trigger.',
		});
	}
	if (!isEmailAddress(email)) {
		throw new NodeOperationError(this.getNode(), `"${email}" is not an email address`, { itemIndex });
	}
	return email;
}

/** More pages than any real search needs: a guard against a site that keeps answering the same page. */
const MAX_SEARCH_PAGES = 50;

/**
 * Exact, case-insensitive match. WordPress's search is a substring match (`carol@…` also finds
 * `mary.carol@…`), so every page is read (100 a page, `X-WP-TotalPages`) before concluding "no user".
 */
export async function findUserByEmail(this: TaContext, email: string, itemIndex = 0): Promise<WpUser | undefined> {
	const wanted = email.trim().toLowerCase();
	for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
		const route = routes.searchUsers(email.trim(), page);
		const response = await taSend.call(this, route, { itemIndex });
		if (!isSuccess(response)) await taFail.call(this, route, response, itemIndex);
		const users = Array.isArray(response.body) ? (response.body as WpUser[]) : [];
		const match = users.find((user) => (user.email ?? '').toLowerCase() === wanted);
		if (match) return match;
		const totalPages = Number(response.headers?.['x-wp-totalpages']);
		const more = Number.isFinite(totalPages) ? page < totalPages : users.length >= 100;
		if (!more || users.length === 0) return undefined;
	}
	return undefined;
}

export async function findUserById(this: TaContext, userId: number, itemIndex = 0): Promise<WpUser | undefined> {
	const users = await taRequest.call(this, routes.getUser(userId), { itemIndex });
	return (Array.isArray(users) ? (users as WpUser[]) : []).find((user) => Number(user.id) === userId);
}

export interface NewMember {
	email: string;
	firstName?: string;
	lastName?: string;
	/** Use TA's member route with `notify: 1`, which sends TA's new-account email (WordPress's REST user route sends none). */
	sendWelcomeEmail?: boolean;
	/** Products to grant in the same call (only with the welcome email route). */
	productIds?: number[];
}

function displayName(member: NewMember): string {
	return [member.firstName, member.lastName].filter((part) => part && part.trim()).join(' ').trim();
}

/**
 * Creates the user. Returns `undefined` when WordPress says the email (or the login derived from it)
 * is taken, so the caller can decide whether that is a race to recover from.
 */
async function tryCreate(
	this: IExecuteFunctions,
	member: NewMember,
	itemIndex: number,
): Promise<{ user?: WpUser; taken?: 'existing_user_email' | 'existing_user_login' | 'member_exists'; fail: () => Promise<never> }> {
	if (member.sendWelcomeEmail) {
		const route = routes.createCustomer();
		const response = await taSend.call(this, route, {
			itemIndex,
			body: {
				user_email: member.email,
				display_name: displayName(member),
				services: { course_ids: member.productIds ?? [] },
				notify: 1,
			},
		});
		const fail = async () => await taFail.call(this, route, response, itemIndex);
		if (isSuccess(response)) return { fail };
		const code = errorCode(response.body);
		if (response.status === 405) return { taken: 'member_exists', fail };
		if (code === 'existing_user_email' || code === 'existing_user_login') return { taken: code, fail };
		return await fail();
	}
	const route = routes.createUser();
	const body: IDataObject = {
		username: usernameFromEmail(member.email),
		email: member.email,
		password: randomPassword(),
	};
	if (member.firstName) body.first_name = member.firstName;
	if (member.lastName) body.last_name = member.lastName;
	const name = displayName(member);
	if (name) body.name = name;
	const response = await taSend.call(this, route, { itemIndex, body });
	const fail = async () => await taFail.call(this, route, response, itemIndex);
	if (isSuccess(response)) return { user: response.body as WpUser, fail };
	const code = errorCode(response.body);
	if (code === 'existing_user_email' || code === 'existing_user_login') return { taken: code, fail };
	return await fail();
}

/** Creates a user; fails when the email is taken. */
export async function createMember(this: IExecuteFunctions, member: NewMember, itemIndex: number): Promise<MemberOutput> {
	const attempt = await tryCreate.call(this, member, itemIndex);
	if (attempt.taken) {
		if (attempt.taken === 'member_exists') {
			throw new NodeOperationError(this.getNode(), `A Thrive Apprentice member with email ${member.email} already exists`, {
				itemIndex,
				description: 'Use "Get or Create" to reuse the existing member.',
			});
		}
		return await attempt.fail();
	}
	const user = attempt.user ?? (await findUserByEmail.call(this, member.email, itemIndex));
	if (!user) {
		throw new NodeOperationError(this.getNode(), `Thrive Apprentice said it created ${member.email}, but WordPress does not list the user`, {
			itemIndex,
		});
	}
	return toMemberOutput(user, true);
}

/**
 * Finds the user by email or creates it. When another execution creates the same email in between,
 * WordPress answers 500 existing_user_email (or _login): the loser re-reads and returns that user.
 */
export async function getOrCreateMember(this: IExecuteFunctions, member: NewMember, itemIndex: number): Promise<MemberOutput> {
	const existing = await findUserByEmail.call(this, member.email, itemIndex);
	if (existing) return toMemberOutput(existing, false);
	const attempt = await tryCreate.call(this, member, itemIndex);
	if (attempt.user) return toMemberOutput(attempt.user, true);
	const user = await findUserByEmail.call(this, member.email, itemIndex);
	if (user) return toMemberOutput(user, attempt.taken === undefined);
	// The login derived from the email belongs to someone with another email: a real clash, not a race.
	return await attempt.fail();
}
