import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { normaliseSiteUrl, type RouteAuth } from './routes';

export const CREDENTIAL_NAME = 'thriveApprenticeApi';

export interface TaCredentials {
	siteUrl: string;
	apiKey: string;
	username: string;
	applicationPassword: string;
}

export function readCredentials(data: ICredentialDataDecryptedObject | undefined): TaCredentials {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return {
		siteUrl: normaliseSiteUrl(text(data?.siteUrl)),
		apiKey: text(data?.apiKey),
		username: text(data?.username),
		applicationPassword: text(data?.applicationPassword),
	};
}

export function hasApiKey(credentials: TaCredentials): boolean {
	return credentials.apiKey !== '';
}

export function hasApplicationPassword(credentials: TaCredentials): boolean {
	return credentials.username !== '' && credentials.applicationPassword !== '';
}

/** A seller-readable reason why these credentials cannot call a route of this kind, or undefined. */
export function missingCredentialPart(credentials: TaCredentials, auth: RouteAuth): string | undefined {
	if (!credentials.siteUrl) {
		return 'The Thrive Apprentice credential has no Site URL: add the address of your WordPress site to the credential.';
	}
	if (!/^https?:\/\//i.test(credentials.siteUrl)) {
		return `The Site URL in the Thrive Apprentice credential must start with https:// (or http:// for a local site), e.g. https://academy.example.com.`;
	}
	if (auth === 'apiKey' && !hasApiKey(credentials)) {
		return 'This operation needs the Thrive Apprentice API key: add it to the credential (Thrive Apprentice > Settings > API keys, the key ThriveCart uses), or choose "Connect With: Application Password".';
	}
	if (auth === 'applicationPassword' && !hasApplicationPassword(credentials)) {
		const missing = [
			credentials.username ? undefined : 'WordPress Username',
			credentials.applicationPassword ? undefined : 'Application Password',
		].filter(Boolean);
		return `This operation needs a WordPress application password: add the ${missing.join(' and ')} to the Thrive Apprentice credential (WordPress > Users > Profile > Application Passwords, for an administrator).`;
	}
	return undefined;
}

/** Every form in which a secret of these credentials could appear in text. */
export function secretsOf(credentials: TaCredentials): string[] {
	const secrets: string[] = [];
	if (credentials.apiKey) secrets.push(credentials.apiKey);
	if (credentials.applicationPassword) {
		secrets.push(credentials.applicationPassword, credentials.applicationPassword.replace(/\s+/g, ''));
		if (credentials.username) {
			secrets.push(Buffer.from(`${credentials.username}:${credentials.applicationPassword}`).toString('base64'));
		}
	}
	return secrets.filter((secret) => secret.length >= 4);
}
