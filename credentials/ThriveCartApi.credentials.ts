import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * ThriveCart: the secret word proves that a delivery came from ThriveCart (it is in every body); the
 * API key is only needed to subscribe to events automatically and to list products in the node.
 * It is tested by the ThriveCart Trigger's `thriveCartApiTest` (GET /ping when an API key is set).
 */
export class ThriveCartApi implements ICredentialType {
	name = 'thriveCartApi';

	displayName = 'ThriveCart API';

	icon: Icon = {
		light: 'file:thrivecart.svg',
		dark: 'file:thrivecart.dark.svg',
	};

	// The package's guide (README): what each field is for and where ThriveCart shows it.
	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-thrivecart-apprentice#thrivecart-account-thrivecart-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Word',
			name: 'secretWord',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'ThriveCart > Settings > API & Webhooks > ThriveCart order validation. Every delivery carries it; deliveries without it are rejected.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'ThriveCart > Settings > API & webhooks > API tokens. Only needed for automatic event subscriptions and for the product list.',
		},
		{
			displayName: 'Mode for API Calls',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Live', value: 'live' },
				{ name: 'Test', value: 'test' },
			],
			default: 'live',
			description: 'Sent to ThriveCart as the X-TC-Mode header: which products and subscriptions API calls see',
		},
		{
			// Not shown to sellers: only the package's own tests point it at a stand-in (set through n8n's API).
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: 'https://thrivecart.com/api/external',
		},
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
			const lower = name.toLowerCase();
			if (lower === 'authorization' || lower === 'x-tc-mode') continue;
			headers[name] = String(value);
		}
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
		headers['X-TC-Mode'] = credentials.mode === 'test' ? 'test' : 'live';
		return { ...requestOptions, headers };
	};
}
