/**
 * Parameters shared by Grant and Revoke (and the user part of Get Many), and their readers.
 */
import type { DisplayCondition, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export type Transport = 'apiKey' | 'applicationPassword';
export type AccessTo = 'products' | 'courses' | 'thriveCartItems';
export type UserBy = 'email' | 'id';

const grantRevoke = { resource: ['access'], operation: ['grant', 'revoke'] };
const grantRevokeGetMany = { resource: ['access'], operation: ['grant', 'revoke', 'getMany'] };
const mappedItems = { ...grantRevoke, accessTo: ['thriveCartItems'] };

const MAP_AS_OPTIONS = [
	{
		name: 'JSON',
		value: 'json',
		description: 'One JSON object, for expressions (such as the map of another Thrive Apprentice node) and imports',
	},
	{ name: 'Rows', value: 'rows', description: 'One row per ThriveCart item, its products picked from your site' },
];

const productIdsField: INodeProperties = {
	displayName: 'Thrive Apprentice Product Names or IDs',
	name: 'productIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getProducts' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

/**
 * Version 1.2's ThriveCart item: picked from the seller's ThriveCart account (the node's optional
 * ThriveCart API credential), or typed as its product-map key. The value is the key either way.
 */
const thriveCartItemField: INodeProperties = {
	displayName: 'ThriveCart Item',
	name: 'item',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The product, pricing option, bump, upsell or downsell. The list needs a ThriveCart API credential with an API key on this node; without one, type its key.',
	modes: [
		{
			// n8n's editor labels a list mode "From list" whatever its name here.
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Choose an item of your ThriveCart account…',
			typeOptions: { searchListMethod: 'searchThriveCartItems', searchable: true },
		},
		{
			displayName: 'By Key',
			name: 'key',
			type: 'string',
			placeholder: 'e.g. product-12',
			hint: 'product-12, product-12:78572 (one pricing option of product 12), bump-12 (the bump of product 12), upsell-5, downsell-6',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(product|bump|upsell|downsell)-\\d+(:\\d+)?\\s*$',
						errorMessage: 'A ThriveCart item key, such as product-12, product-12:78572, bump-12, upsell-5 or downsell-6',
					},
				},
			],
		},
	],
};

/** The Product Map in its Rows form: one collection per node version, differing only in a row's fields. */
function productMapRows(version: DisplayCondition, rowFields: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Product Map',
		name: 'productMapRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add ThriveCart Item',
		displayOptions: { show: { ...mappedItems, mapAs: ['rows'], '@version': [version] } },
		default: {},
		description: 'Which Thrive Apprentice products each ThriveCart item unlocks. Add a row for every product, bump, upsell and downsell you sell.',
		options: [{ displayName: 'ThriveCart Item', name: 'rows', values: rowFields }],
	};
}

/**
 * The Product Map: rows with a product dropdown (the default from version 1.1; from 1.2 each row's
 * ThriveCart item is one field, picked from ThriveCart or typed as its key), or the JSON object that
 * version 1 nodes were saved with. All reach the node as the input of parseProductMap.
 */
function productMapFields(): INodeProperties[] {
	return [
		{
			displayName: 'Map As',
			name: 'mapAs',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { ...mappedItems, '@version': [1] } },
			options: MAP_AS_OPTIONS,
			default: 'json',
		},
		{
			displayName: 'Map As',
			name: 'mapAs',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { ...mappedItems, '@version': [{ _cnd: { gte: 1.1 } }] } },
			options: MAP_AS_OPTIONS,
			default: 'rows',
		},
		productMapRows({ _cnd: { lt: 1.2 } }, [
			{
				displayName: 'ThriveCart Item Type',
				name: 'itemType',
				type: 'options',
				options: [
					{ name: 'Bump', value: 'bump', description: "A product's order bump" },
					{ name: 'Downsell', value: 'downsell' },
					{
						name: 'Pricing Option',
						value: 'pricingOption',
						description: "One pricing option of a product: it wins over the product's own row",
					},
					{ name: 'Product', value: 'product' },
					{ name: 'Upsell', value: 'upsell' },
				],
				default: 'product',
			},
			{
				displayName: 'ThriveCart ID',
				name: 'itemId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12',
				description:
					"The item's ID in ThriveCart (in the address of its edit page). For a bump or a pricing option: the ID of its product.",
			},
			{
				displayName: 'Pricing Option ID',
				name: 'pricingOptionId',
				type: 'string',
				displayOptions: { show: { itemType: ['pricingOption'] } },
				default: '',
				placeholder: 'e.g. 78572',
				description: "The pricing option's ID in ThriveCart (the product's Pricing tab)",
			},
			productIdsField,
		]),
		productMapRows({ _cnd: { gte: 1.2 } }, [thriveCartItemField, productIdsField]),
		{
			displayName: 'Product Map',
			name: 'productMap',
			type: 'json',
			displayOptions: { show: { ...mappedItems, mapAs: ['json'] } },
			default: '{}',
			required: true,
			description:
				'ThriveCart item key → Thrive Apprentice product IDs, e.g. { "product-12": [201] }. Keys: product-12, bump-12, upsell-5, downsell-6, or product-12:78572 for one pricing option (it beats the item\'s entry). [] grants nothing on purpose. The rows of another node\'s map are accepted too.',
		},
	];
}

export const connectWithField: INodeProperties = {
	displayName: 'Connect With',
	name: 'connectWith',
	type: 'options',
	displayOptions: { show: grantRevoke },
	options: [
		{
			name: 'API Key (ThriveCart Routes)',
			value: 'apiKey',
			description:
				"One call to Thrive Apprentice's ThriveCart route, like ThriveCart itself: creates the member when needed. Repeats are detected with n8n's processed-items store.",
		},
		{
			name: 'Application Password (Admin Routes)',
			value: 'applicationPassword',
			description:
				"Thrive Apprentice's admin routes: idempotent by nature, can revoke any order item, and sends the welcome email only when asked",
		},
	],
	default: 'apiKey',
};

export const userFields: INodeProperties[] = [
	{
		displayName: 'User',
		name: 'userBy',
		type: 'options',
		displayOptions: { show: grantRevokeGetMany },
		options: [
			{ name: 'By Email', value: 'email' },
			{ name: 'By ID', value: 'id', description: 'The WordPress user ID (only with the application password)' },
		],
		default: 'email',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		displayOptions: { show: { ...grantRevokeGetMany, userBy: ['email'] } },
		default: '={{ $json.customer.email }}',
		required: true,
		description: "The buyer's email. Grant creates the member when no WordPress user has it.",
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'number',
		displayOptions: { show: { ...grantRevokeGetMany, userBy: ['id'] } },
		default: 0,
		required: true,
		description: 'The WordPress user ID of the member',
	},
];

export const accessToFields: INodeProperties[] = [
	{
		displayName: 'Access To',
		name: 'accessTo',
		type: 'options',
		displayOptions: { show: grantRevoke },
		options: [
			{
				name: 'Course(s)',
				value: 'courses',
				description:
					'Thrive Apprentice sells products, not courses: each course becomes the product that holds only that course (refused, naming the bundles, when only bundles hold it; needs the application password to look that up)',
			},
			{ name: 'Product(s)', value: 'products', description: 'Thrive Apprentice products' },
			{
				name: 'ThriveCart Items',
				value: 'thriveCartItems',
				description: 'The items from the ThriveCart Trigger, turned into products by the Product Map',
			},
		],
		default: 'thriveCartItems',
	},
	{
		displayName: 'Product Names or IDs',
		name: 'productIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getProducts' },
		displayOptions: { show: { ...grantRevoke, accessTo: ['products'] } },
		default: [],
		required: true,
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'Course Names or IDs',
		name: 'courseIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCourses' },
		displayOptions: { show: { ...grantRevoke, accessTo: ['courses'] } },
		default: [],
		required: true,
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'json',
		displayOptions: { show: { resource: ['access'], operation: ['grant'], accessTo: ['thriveCartItems'] } },
		default: '={{ $json.items }}',
		required: true,
		description:
			'The ThriveCart items to fulfil: the trigger\'s "items", one item, a key such as "bump-12", or a list of keys',
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'json',
		displayOptions: { show: { resource: ['access'], operation: ['revoke'], accessTo: ['thriveCartItems'] } },
		default: '={{ $json.affectedItem }}',
		required: true,
		description:
			'The ThriveCart items to revoke: the trigger\'s "affectedItem" for refunds and cancellations, its "items", a key such as "bump-12", or a list of keys',
	},
	...productMapFields(),
	{
		displayName: 'Unmapped Items',
		name: 'unmappedItems',
		type: 'options',
		displayOptions: { show: { ...grantRevoke, accessTo: ['thriveCartItems'] } },
		options: [
			{ name: 'Error', value: 'error', description: 'Stop with a message that lists the items missing from the Product Map' },
			{ name: 'Skip', value: 'skip', description: 'Act on the mapped items and list the others under "unmappedItems"' },
		],
		default: 'error',
		description: 'What to do with items the Product Map has no entry for',
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		displayOptions: { show: { ...grantRevoke, accessTo: ['thriveCartItems'] } },
		default: '={{ $json.order.id }}',
		description:
			'ThriveCart\'s order ID. A revoke with the same reference targets the order that granted the access. Leave empty to derive one from the email and products.',
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		displayOptions: { show: { ...grantRevoke, accessTo: ['products', 'courses'] } },
		default: '',
		description:
			'ThriveCart\'s order ID, if there is one. A revoke with the same reference targets the order that granted the access. Leave empty to derive one from the email and products.',
	},
];

export interface AccessParameters {
	transport: Transport;
	userBy: UserBy;
	email?: string;
	userId?: number;
	accessTo: AccessTo;
	orderReference: unknown;
}

/** Who the buyer lock is for: the email, or the WordPress user id when the user is chosen by id. */
export function buyerOf(params: AccessParameters): string {
	return params.userBy === 'id' ? `user-id:${params.userId}` : String(params.email ?? '');
}

export function readAccessParameters(this: IExecuteFunctions, itemIndex: number): AccessParameters {
	const userBy = this.getNodeParameter('userBy', itemIndex, 'email') as UserBy;
	return {
		transport: this.getNodeParameter('connectWith', itemIndex, 'apiKey') as Transport,
		userBy,
		email: userBy === 'email' ? (this.getNodeParameter('email', itemIndex, '') as string) : undefined,
		userId: userBy === 'id' ? Number(this.getNodeParameter('userId', itemIndex, 0)) : undefined,
		accessTo: this.getNodeParameter('accessTo', itemIndex, 'thriveCartItems') as AccessTo,
		orderReference: this.getNodeParameter('orderReference', itemIndex, '') as unknown,
	};
}

/** The Product Map as entered: the rows, or the JSON (text, object, or another node's rows). */
export function readProductMapInput(this: IExecuteFunctions, itemIndex: number): unknown {
	const mapAs = this.getNodeParameter('mapAs', itemIndex, 'json') as string;
	if (mapAs === 'rows') return this.getNodeParameter('productMapRows', itemIndex, {}) as unknown;
	return this.getNodeParameter('productMap', itemIndex, '') as unknown;
}

/** The output every grant and revoke returns, one per input item. */
export interface AccessResult extends IDataObject {
	email: string | null;
	userId: number | null;
	transport: Transport;
	orderReference: string | null;
	products: Array<{ id: number; name?: string }>;
	changed: boolean;
}
