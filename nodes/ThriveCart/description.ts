/** The ThriveCart node's parameters, by resource. */
import type { INodeProperties } from 'n8n-workflow';

const show = (resource: string, operation: string[]) => ({ show: { resource: [resource], operation } });

export const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Customer', value: 'customer', description: "A buyer's purchases and subscriptions" },
		{ name: 'Product', value: 'product' },
		{ name: 'Reconciliation', value: 'reconciliation', description: 'Repair access that a missed or failed fulfilment left wrong' },
		{ name: 'Transaction', value: 'transaction', description: 'Charges, rebills, refunds and cancellations' },
	],
	default: 'transaction',
};

const operationFields: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Expected Access',
				value: 'expectedAccess',
				action: 'Work out the access each buyer should hold',
				description: 'List the transactions of a period and fold them, per buyer, into the items they should hold under the fulfilment rules',
			},
			{ name: 'Get Many', value: 'getMany', action: 'Get many transactions', description: 'List transactions, every page' },
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [{ name: 'Get', value: 'get', action: 'Get a customer', description: "A buyer's purchases and subscriptions with their status" }],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get a product' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many products' },
		],
		default: 'getMany',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reconciliation'] } },
		options: [
			{
				name: 'Compare With Held Access',
				value: 'compare',
				action: 'Compare expected with held access',
				description:
					"Set the buyers' expected access against the Thrive Apprentice node's Access › Get Many output: one item per repair to make (grant, revoke), per buyer already right, or per problem",
			},
			{
				name: 'Report',
				value: 'report',
				action: 'Report on a reconciliation run',
				description: 'One item: buyers checked, already right, repaired, could not be repaired (with why); remembers a complete run',
			},
		],
		default: 'compare',
	},
];

const transactionFields: INodeProperties[] = [
	{
		displayName: 'Transaction Type',
		name: 'transactionType',
		type: 'options',
		displayOptions: show('transaction', ['getMany']),
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Cancellation', value: 'cancel' },
			{ name: 'Charge', value: 'charge' },
			{ name: 'Rebill', value: 'rebill' },
			{ name: 'Refund', value: 'refund' },
		],
		default: 'any',
		description: "ThriveCart's own filter (transactionType)",
	},
	{
		displayName: 'Since',
		name: 'sinceMode',
		type: 'options',
		displayOptions: show('transaction', ['expectedAccess']),
		options: [
			{
				name: 'Last Successful Run',
				value: 'lastSuccessfulRun',
				description: "From the start of this workflow's last run that left nothing unrepaired, minus the overlap (kept in the workflow's static data)",
			},
			{ name: 'A Date', value: 'date' },
		],
		default: 'lastSuccessfulRun',
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		displayOptions: { show: { resource: ['transaction'], operation: ['getMany'] } },
		default: '',
		description: 'Only transactions at or after this moment (ThriveCart has no date filter: the node reads pages until it passes it). Empty: all.',
	},
	{
		displayName: 'Since Date',
		name: 'since',
		type: 'dateTime',
		displayOptions: { show: { resource: ['transaction'], operation: ['expectedAccess'], sinceMode: ['date'] } },
		default: '',
		description: 'Only transactions at or after this moment. Empty: all.',
	},
	{
		displayName: 'Until',
		name: 'until',
		type: 'dateTime',
		displayOptions: show('transaction', ['getMany']),
		default: '',
		description: 'Only transactions before this moment. Empty: up to now.',
	},
	{
		displayName: 'Overlap (Minutes)',
		name: 'overlapMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: { show: { resource: ['transaction'], operation: ['expectedAccess'], sinceMode: ['lastSuccessfulRun'] } },
		default: 1440,
		description: 'Look this far back before the last successful run as well: ThriveCart does not say how soon a transaction appears in its list',
	},
	{
		displayName: 'First Run Looks Back (Days)',
		name: 'firstRunLookbackDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: { show: { resource: ['transaction'], operation: ['expectedAccess'], sinceMode: ['lastSuccessfulRun'] } },
		default: 30,
		description: 'How far back the very first run reads',
	},
	{
		displayName: 'Revoke on Partial Refund',
		name: 'revokeOnPartialRefund',
		type: 'boolean',
		displayOptions: show('transaction', ['expectedAccess']),
		default: false,
		description: 'Whether a partial refund takes the access away (the fulfilment template\'s revokeOnPartialRefund switch)',
	},
	{
		displayName: 'Keep Access Until Period End',
		name: 'keepAccessUntilPeriodEnd',
		type: 'boolean',
		displayOptions: show('transaction', ['expectedAccess']),
		default: false,
		description:
			"Whether a cancelled subscription keeps access until its paid period ends (the fulfilment template's keepAccessUntilPeriodEnd switch). The period end is not in the transaction list, so such access is left as it is.",
	},
	{
		displayName: 'Options',
		name: 'listingOptions',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show: { resource: ['transaction'] } },
		default: {},
		options: [
			{
				displayName: 'Max Pages',
				name: 'maxPages',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 400,
				description: 'Stop with an error rather than read more pages than this',
			},
			{
				displayName: 'Per Page',
				name: 'perPage',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 25,
				description: "Transactions per request (ThriveCart's SDK allows at most 25)",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: "ThriveCart's own search: a customer email, order ID or invoice ID",
			},
		],
	},
];

const customerFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		displayOptions: show('customer', ['get']),
		default: '={{ $json.customer.email }}',
		required: true,
		description: 'The email the buyer used at checkout',
	},
];

const productFields: INodeProperties[] = [
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		displayOptions: show('product', ['get']),
		default: '',
		required: true,
		placeholder: '12',
		description: 'The number in the product\'s URL in ThriveCart, or its key such as "product-12"',
	},
	{
		displayName: 'Status',
		name: 'productStatus',
		type: 'options',
		displayOptions: show('product', ['getMany']),
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Live', value: 'live' },
			{ name: 'Test', value: 'test' },
		],
		default: 'all',
	},
];

const reconciliationFields: INodeProperties[] = [
	{
		displayName: 'Expected Access',
		name: 'expectedAccess',
		type: 'json',
		displayOptions: show('reconciliation', ['compare']),
		default: "={{ $('Expected access').all().map(item => item.json) }}",
		required: true,
		description:
			'The buyers from "Transaction › Expected Access", in the order they went into the Thrive Apprentice node (the input of this node is that node\'s Access › Get Many output)',
	},
	{
		displayName: 'Product Map',
		name: 'productMap',
		type: 'json',
		displayOptions: show('reconciliation', ['compare']),
		default: '{\n  "product-12": [201],\n  "bump-12": [203]\n}',
		required: true,
		description: 'The same map as the fulfilment workflow: ThriveCart item key → Thrive Apprentice product IDs',
	},
	{
		displayName: 'Repair',
		name: 'repair',
		type: 'json',
		displayOptions: show('reconciliation', ['report']),
		default: "={{ $('Compare with Thrive Apprentice').item.json }}",
		required: true,
		description: 'The repair this item stands for, from "Reconciliation › Compare With Held Access"',
	},
	{
		displayName: 'Result',
		name: 'result',
		type: 'json',
		displayOptions: show('reconciliation', ['report']),
		default: '={{ $json }}',
		description: "What the grant or revoke answered (its output, or { error } with Continue On Fail); the repair itself when none ran",
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		displayOptions: show('reconciliation', ['report']),
		default: false,
		description: 'Whether this run only reports (repairs are listed as "would repair" and the run is not remembered)',
	},
	{
		displayName: 'Remember a Complete Run',
		name: 'rememberSuccessfulRun',
		type: 'boolean',
		displayOptions: show('reconciliation', ['report']),
		default: true,
		description: 'Whether a run that left nothing unrepaired moves "Last Successful Run" on, so the next run starts there',
	},
];

export const properties: INodeProperties[] = [
	resourceField,
	...operationFields,
	...transactionFields,
	...customerFields,
	...productFields,
	...reconciliationFields,
];
