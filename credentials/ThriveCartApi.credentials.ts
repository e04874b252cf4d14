import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * ThriveCart: the secret word proves that a delivery came from ThriveCart (it is in every body); the
 * API key is only needed to subscribe to events automatically and to list products in the nodes.
 * The test is n8n's own request test: GET /ping with the API key. It proves the key, never the secret word
 * (only a delivery from ThriveCart can), and without a key ThriveCart answers 401, so the test fails and says why.
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl || "https://thrivecart.com/api/external" }}',
			url: '/ping',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ThriveCart did not accept the API key, or none is set, so nothing was checked. Add or correct the API key (ThriveCart > Settings > API & webhooks > API tokens): it is what Event Subscription and the product lists need. The secret word is never checked here: only a delivery from ThriveCart can prove it.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'ThriveCart refused this API key access to the account. Check the key in ThriveCart > Settings > API & webhooks > API tokens.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: "ThriveCart's limit of 60 API requests a minute was reached. Try again in a minute.",
				},
			},
		],
	};

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
