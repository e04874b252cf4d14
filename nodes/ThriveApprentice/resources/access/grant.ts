import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withBuyer } from '../../coordination';
import { loadCredentials } from '../../transport/request';
import { buyerOf, readAccessParameters, type AccessResult } from './fields';
import { grantWithApiKey, type GrantOptions } from './grantWithApiKey';
import { grantWithApplicationPassword } from './grantWithApplicationPassword';
import { resolveTarget } from './target';

const show = { resource: ['access'], operation: ['grant'] };

export const description: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		displayOptions: { show },
		default: '',
		description: 'The buyer\'s first name, used when the member is created, e.g. the ThriveCart Trigger output customer.firstName',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		displayOptions: { show },
		default: '',
		description: 'The buyer\'s last name, used when the member is created, e.g. the ThriveCart Trigger output customer.lastName',
	},
	{
		displayName: 'Options',
		name: 'grantOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Access Name',
				name: 'accessName',
				type: 'string',
				default: 'Granted by n8n',
				description:
					"API key only: the name Thrive Apprentice shows in the member's access list for products or courses chosen directly (ThriveCart items use their own names)",
			},
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: 'USD',
				description: 'API key only: the order currency recorded in Thrive Apprentice, e.g. the ThriveCart Trigger output order.currency',
			},
			{
				displayName: 'Only Restore Revoked Access',
				name: 'restoreOnly',
				type: 'boolean',
				default: false,
				description:
					"Whether to grant only products this workflow revoked for the order before, e.g. after a subscription is resumed or a failed rebill is paid. A rebill for a buyer who still has access then changes nothing. With an application password in the credential, Thrive Apprentice's own record decides.",
			},
			{
				displayName: 'Payment Processor',
				name: 'processor',
				type: 'string',
				default: 'n8n',
				description: 'API key only: the processor recorded on the order, e.g. the ThriveCart Trigger output order.processor',
			},
			{
				displayName: 'Send Welcome Email',
				name: 'sendWelcomeEmail',
				type: 'boolean',
				default: false,
				description:
					"Whether to send Thrive Apprentice's new-account email when the member is created (application password only; existing members never get one). With the API key, Thrive Apprentice's ThriveCart email settings decide.",
			},
		],
	},
];

export function readGrantOptions(this: IExecuteFunctions, itemIndex: number): GrantOptions {
	const options = this.getNodeParameter('grantOptions', itemIndex, {}) as Partial<GrantOptions>;
	const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim() : fallback);
	return {
		firstName: text(this.getNodeParameter('firstName', itemIndex, ''), ''),
		lastName: text(this.getNodeParameter('lastName', itemIndex, ''), ''),
		accessName: text(options.accessName, 'Granted by n8n'),
		currency: text(options.currency, 'USD').toUpperCase(),
		processor: text(options.processor, 'n8n'),
		sendWelcomeEmail: options.sendWelcomeEmail === true,
		restoreOnly: options.restoreOnly === true,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<AccessResult> {
	const params = readAccessParameters.call(this, itemIndex);
	const options = readGrantOptions.call(this, itemIndex);
	const target = await resolveTarget.call(this, params.accessTo, itemIndex);
	if (params.transport === 'applicationPassword') {
		// Idempotent routes, but creating a member is not: one step per buyer at a time here too.
		const credentials = await loadCredentials.call(this, itemIndex);
		return await withBuyer(this, credentials, buyerOf(params), async () => await grantWithApplicationPassword.call(this, params, target, options, itemIndex));
	}
	return await grantWithApiKey.call(this, params, target, options, itemIndex);
}
