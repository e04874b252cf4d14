/**
 * Runs nodes inside n8n-core's real execution engine (WorkflowExecute), in-process: real parameter
 * resolution and expressions, real `httpRequestWithAuthentication` (n8n's HTTP client, with the
 * credential's own `authenticate`), real pairedItem/continueOnFail handling and the real
 * processed-items helper backed by an in-memory store. Needs Node 24 (n8n-core's requirement).
 */
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataDeduplicator,
	type ICheckProcessedContextData,
	type DeduplicationItemTypes,
	type DeduplicationScope,
	type ICheckProcessedOptions,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type IDeduplicationOutput,
} from 'n8n-workflow';
import { DataDeduplicationService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createHash } from 'crypto';

import { ThriveApprenticeApi } from '../../credentials/ThriveApprenticeApi.credentials';
import { ThriveCartApi } from '../../credentials/ThriveCartApi.credentials';
import { ThriveApprentice } from '../../nodes/ThriveApprentice/ThriveApprentice.node';
import { ThriveCart } from '../../nodes/ThriveCart/ThriveCart.node';

/** Same semantics as n8n's DeduplicationHelper ('entries' mode): md5 of each value, per workflow and node. */
export class MemoryDeduplicator implements IDataDeduplicator {
	readonly store = new Map<string, string[]>();

	private key(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		if (!context.workflow.id) throw new Error('workflow id missing');
		return `${context.workflow.id}|${scope === 'node' ? `n:${context.node?.id}` : ''}`;
	}

	private hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(String(value)).digest('base64');
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		_options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const key = this.key(scope, context);
		const entries = this.store.get(key) ?? [];
		const result: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hashed = this.hash(item);
			if (entries.includes(hashed)) result.processed.push(item);
			else {
				result.new.push(item);
				entries.push(hashed);
			}
		}
		this.store.set(key, entries);
		return result;
	}

	async removeProcessed(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<void> {
		const key = this.key(scope, context);
		const hashes = new Set(items.map((item) => this.hash(item)));
		this.store.set(key, (this.store.get(key) ?? []).filter((entry) => !hashes.has(entry)));
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<void> {
		this.store.delete(this.key(scope, context));
	}

	async getProcessedDataCount(scope: DeduplicationScope, context: ICheckProcessedContextData): Promise<number> {
		return (this.store.get(this.key(scope, context)) ?? []).length;
	}

	clear(): void {
		this.store.clear();
	}
}

// n8n logs every node error to the console; the tests assert on them instead. (n8n's logger is created lazily.)
process.env.N8N_LOG_LEVEL ??= 'silent';

export const deduplicator = new MemoryDeduplicator();
let deduplicationReady = false;

async function ensureDeduplication(): Promise<void> {
	if (deduplicationReady) return;
	await DataDeduplicationService.init(deduplicator);
	deduplicationReady = true;
}

const credentialTypes: Record<string, ICredentialType> = { thriveApprenticeApi: new ThriveApprenticeApi(), thriveCartApi: new ThriveCartApi() };

/** Hands the test's credential data to the engine and applies the credential type's real `authenticate`. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate !== 'function') throw new Error(`test helper: no authenticate function for ${typeName}`);
		return await type.authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('test helper: getCredentials is not used');
	}

	async getDecrypted(_additionalData: unknown, nodeCredentials: { id: string | null }, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`test helper: no credential of type ${type} (${nodeCredentials.id})`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

/** The engine's start node: emits the test's input items. */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items given in its parameter',
		defaults: { name: 'Test Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const nodeTypeMap: Record<string, INodeType> = {
	'test.input': new TestInput(),
	'test.thriveApprentice': new ThriveApprentice(),
	'test.thriveCart': new ThriveCart(),
};

/** The package node a test runs, with its node name and credential type. */
const NODES = {
	thriveApprentice: { type: 'test.thriveApprentice', name: 'Thrive Apprentice', credential: 'thriveApprenticeApi' },
	thriveCart: { type: 'test.thriveCart', name: 'ThriveCart', credential: 'thriveCartApi' },
} as const;

const nodeTypes: INodeTypes = {
	getByName: (name: string) => nodeTypeMap[name],
	getByNameAndVersion: (name: string) => nodeTypeMap[name],
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

export interface RunOptions {
	/** The Thrive Apprentice node's parameters, as a workflow JSON would hold them. */
	parameters: INodeParameters;
	/** Input items of the node (default: one empty item). */
	input?: IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Same workflow and node id = same processed-items store (as in one saved workflow). */
	workflowId?: string;
	nodeId?: string;
	/** Which package node to run (default: the Thrive Apprentice node). */
	node?: keyof typeof NODES;
	/** The workflow's static data (kept in this object, as n8n keeps it between runs). */
	staticData?: IDataObject;
	/** The node's version (default 1). */
	typeVersion?: number;
	/** More credentials on the node, by type (the Thrive Apprentice node's optional ThriveCart API). */
	extraCredentials?: Record<string, ICredentialDataDecryptedObject>;
}

export interface RunResult {
	/** Output items of the Thrive Apprentice node. */
	items: INodeExecutionData[];
	/** The node's error when the execution failed. */
	error?: { message: string; description?: string | null; httpCode?: string | null; name?: string; [key: string]: unknown };
	run: IRun;
}

function buildWorkflow(options: RunOptions) {
	const workflowId = options.workflowId ?? 'wf-test';
	const chosen = NODES[options.node ?? 'thriveApprentice'];
	const NODE_NAME = chosen.name;
	const input: INode = {
		id: 'input',
		name: 'Input',
		type: 'test.input',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.input ?? [{}]) },
	};
	const node: INode = {
		id: options.nodeId ?? 'ta-node',
		name: NODE_NAME,
		type: chosen.type,
		typeVersion: options.typeVersion ?? 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials:
			options.credentials === undefined && !options.extraCredentials
				? undefined
				: {
						...(options.credentials === undefined ? {} : { [chosen.credential]: { id: 'cred-1', name: NODE_NAME } }),
						...Object.fromEntries(Object.keys(options.extraCredentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }])),
					},
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const connections = { Input: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const workflow = new Workflow({ id: workflowId, name: 'test', nodes: [input, node], connections, active: false, nodeTypes, staticData: options.staticData });
	const hooks = new ExecutionLifecycleHooks('manual', `exec-${Date.now()}`, {
		id: workflowId,
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [input, node],
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ ...(options.credentials ? { [chosen.credential]: options.credentials } : {}), ...options.extraCredentials }),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formBaseUrl: 'http://localhost/form',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		formTestBaseUrl: 'http://localhost/form-test',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		mcpBaseUrl: 'http://localhost/mcp',
		mcpTestBaseUrl: 'http://localhost/mcp-test',
		variables: {},
		workflowId,
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, input, node, additionalData, nodeName: NODE_NAME };
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	await ensureDeduplication();
	const { workflow, input, additionalData, nodeName } = buildWorkflow(options);
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: input });
	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'] | undefined;
	return { items: taskData?.data?.main?.[0] ?? [], error, run };
}

/** Calls one of the node's `loadOptions` methods through n8n-core's real LoadOptionsContext. */
export async function loadOptions(method: 'getProducts' | 'getCourses', credentials: ICredentialDataDecryptedObject, parameters: INodeParameters = {}) {
	await ensureDeduplication();
	const { LoadOptionsContext } = await import('n8n-core');
	const { workflow, node, additionalData } = buildWorkflow({ parameters, credentials });
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.productIds');
	return await new ThriveApprentice().methods.loadOptions[method].call(context);
}

/**
 * Calls the Thrive Apprentice node's ThriveCart item list (a resource locator's `listSearch` method)
 * through n8n-core's real LoadOptionsContext, as n8n's editor does for a Product Map row.
 */
export async function searchThriveCartItems(
	options: Pick<RunOptions, 'parameters' | 'credentials' | 'extraCredentials' | 'typeVersion'>,
	filter?: string,
	paginationToken?: string,
) {
	await ensureDeduplication();
	const { LoadOptionsContext } = await import('n8n-core');
	const { workflow, node, additionalData } = buildWorkflow(options);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.productMapRows.rows[0].item');
	return await new ThriveApprentice().methods.listSearch.searchThriveCartItems.call(context, filter, paginationToken);
}

/**
 * A real n8n-core context (LoadOptionsContext) of the Thrive Apprentice node with these credentials, for
 * calling the node's transport and helpers directly with n8n's HTTP client and the credential's authenticate.
 */
export async function nodeContext(credentials: ICredentialDataDecryptedObject) {
	const { LoadOptionsContext } = await import('n8n-core');
	const { workflow, node, additionalData } = buildWorkflow({ parameters: {}, credentials });
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.productIds');
}

/** Runs the node's credential test the way n8n's credential tester does, with n8n-core's real test context. */
export async function testCredential(data: ICredentialDataDecryptedObject) {
	const { CredentialTestContext } = await import('n8n-core');
	const test = new ThriveApprentice().methods.credentialTest.thriveApprenticeApiTest;
	return await test.call(new CredentialTestContext(), { id: 'cred-1', name: 'Thrive Apprentice', type: 'thriveApprenticeApi', data });
}

/**
 * Sends a credential type's declarative `test` request the way n8n's credential tester does (2.40.7,
 * CredentialsTester.runRequestTest): a temporary node whose one property routes `test.request`, run by
 * n8n-core's RoutingNode with the credential's authenticate. Resolves with the answer or rejects with
 * n8n's error (the HTTP status on `cause.response.status`), which the tester matches against `test.rules`.
 */
export async function sendCredentialTestRequest(typeName: keyof typeof credentialTypes, data: ICredentialDataDecryptedObject): Promise<unknown> {
	const { ExecuteContext, RoutingNode } = await import('n8n-core');
	const { createEmptyRunExecutionData } = await import('n8n-workflow');
	const credentialType = credentialTypes[typeName];
	if (!credentialType.test) throw new Error(`test helper: ${typeName} has no declarative test`);
	const tempType = {
		description: {
			...new TestInput().description,
			name: 'test.credentialTest',
			credentials: [{ name: typeName, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' }],
		},
	} as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'test.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'cred-1', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { ...nodeTypes, getByNameAndVersion: () => tempType, getByName: () => tempType } as INodeTypes,
	});
	const { additionalData } = buildWorkflow({ parameters: {}, credentials: data, node: typeName === 'thriveCartApi' ? 'thriveCart' : 'thriveApprentice' });
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', createEmptyRunExecutionData(), 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const credentialsDecrypted = { id: 'cred-1', name: 'test', type: typeName, data };
	await workflow.expression.acquireIsolate();
	try {
		const response = await new RoutingNode(context, tempType, credentialsDecrypted).runNode();
		return response?.[0]?.[0]?.json;
	} finally {
		await workflow.expression.releaseIsolate();
	}
}
