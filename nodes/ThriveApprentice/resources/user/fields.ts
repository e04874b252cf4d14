import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NewMember } from './users';

/** Name and welcome-email fields of Create and Get or Create. */
export function newMemberFields(operation: 'create' | 'getOrCreate'): INodeProperties[] {
	const show = { resource: ['user'], operation: [operation] };
	return [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			displayOptions: { show },
			default: '',
			required: true,
			description: "The member's email; the WordPress username is made from it",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			displayOptions: { show },
			default: {},
			options: [
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
				{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
				{
					displayName: 'Send Welcome Email',
					name: 'sendWelcomeEmail',
					type: 'boolean',
					default: false,
					description:
						"Whether to send Thrive Apprentice's new-account email (WordPress's own user route sends none). Only a new user gets it.",
				},
			],
		},
	];
}

export function readNewMember(this: IExecuteFunctions, email: string, itemIndex: number): NewMember {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as {
		firstName?: string;
		lastName?: string;
		sendWelcomeEmail?: boolean;
	};
	return {
		email,
		firstName: fields.firstName?.trim() || undefined,
		lastName: fields.lastName?.trim() || undefined,
		sendWelcomeEmail: fields.sendWelcomeEmail === true,
	};
}
