import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authForUrl } from '../nodes/ThriveApprentice/transport/routes';

/**
 * Thrive Apprentice has two ways in: the API key (accepted only on the three routes ThriveCart calls)
 * and a WordPress application password (everything else). Either or both may be filled in; each
 * request gets exactly the part its route needs and nothing else.
 */
export class ThriveApprenticeApi implements ICredentialType {
	name = 'thriveApprenticeApi';

	displayName = 'Thrive Apprentice API';

	icon: Icon = {
		light: 'file:thriveApprentice.svg',
		dark: 'file:thriveApprentice.dark.svg',
	};

	documentationUrl = 'https://help.thrivethemes.com';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'siteUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://academy.example.com',
			description:
				'Address of the WordPress site where Thrive Apprentice runs (without /wp-json), as the site answers it: with https:// and www. if it redirects to them',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Thrive Apprentice > Settings > API keys: the key ThriveCart uses. Needed for granting and revoking with the API key and for listing products that way.',
		},
		{
			displayName: 'WordPress Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'e.g. admin',
			description: 'The WordPress user the application password belongs to (an administrator)',
		},
		{
			displayName: 'Application Password',
			name: 'applicationPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Users > Profile > Application Passwords in WordPress. Needed for users, courses, product details and granting or revoking with the application password.',
		},
	];

	// The API key goes in the `TVA` header and never with an Authorization header: WordPress treats any
	// Basic header as an application-password attempt, and TA logs the headers of its key routes in plain
	// text, so the application password must never reach those routes.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
			const lower = name.toLowerCase();
			if (lower === 'authorization' || lower === 'tva') continue;
			headers[name] = String(value);
		}
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url}`;
		if (authForUrl(url) === 'apiKey') {
			const apiKey = String(credentials.apiKey ?? '').trim();
			if (apiKey) headers.TVA = apiKey;
		} else {
			const username = String(credentials.username ?? '').trim();
			const password = String(credentials.applicationPassword ?? '').trim();
			if (username && password) {
				headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
			}
		}
		return { ...requestOptions, headers };
	};
}
