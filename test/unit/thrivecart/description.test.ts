import { Workflow, type INode, type INodeType, type INodeTypes } from 'n8n-workflow';
import { ThriveCartTrigger } from '../../../nodes/ThriveCartTrigger/ThriveCartTrigger.node';
import { productIdsFrom } from '../../../nodes/ThriveCartTrigger/thrivecart/filters';

const trigger = new ThriveCartTrigger();
const eventOptions = trigger.description.properties.find((property) => property.name === 'events')?.options as Array<{ name: string; value: string }>;

/** The subtitle as n8n's own expression engine resolves it for a node with these events. */
function subtitleFor(events: string[]): unknown {
	const node: INode = { id: '1', name: 'ThriveCart Trigger', type: 'test.thriveCartTrigger', typeVersion: 1.1, position: [0, 0], parameters: { events } };
	const nodeTypes: INodeTypes = {
		getByName: () => trigger as INodeType,
		getByNameAndVersion: () => trigger as INodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, trigger.description.subtitle as string, 'internal', {});
}

describe('what the editor shows for the trigger', () => {
	it('names the chosen events in the subtitle as a seller reads them', () => {
		expect(subtitleFor(['order.success', 'order.refund', 'order.subscription_cancelled'])).toBe('Order Completed, Order Refunded, Subscription Cancelled');
		expect(subtitleFor(['order.payment', 'no.such.event'])).toBe('Item Paid, no.such.event');
		expect(subtitleFor([])).toBe('');
	});

	it('labels events that only one delivery style sends', () => {
		const name = (value: string) => eventOptions.find((option) => option.value === value)?.name;
		expect(name('order.payment')).toBe('Item Paid (Event Subscription Only)');
		expect(name('order.payment_declined')).toBe('Payment Declined (Event Subscription Only)');
		expect(name('customer.updated')).toBe('Customer Updated (Account Webhook Only)');
		expect(name('order.success')).toBe('Order Completed');
		expect(name('order.refund')).toBe('Order Refunded');
	});

	it('reads the product filter as ids, dropping the dropdown hint and blanks', () => {
		expect(productIdsFrom(['12', '', ' 30 '])).toEqual(['12', '30']);
		expect(productIdsFrom('12, 30')).toEqual(['12', '30']);
		expect(productIdsFrom(12)).toEqual(['12']);
		expect(productIdsFrom(undefined)).toEqual([]);
	});

	it('hides the test-only API Base URL from sellers and points its docs at the package guide', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { ThriveCartApi } = require('../../../credentials/ThriveCartApi.credentials');
		const credential = new ThriveCartApi();
		expect(credential.properties.find((property: { name: string }) => property.name === 'baseUrl')?.type).toBe('hidden');
		expect(credential.documentationUrl).toMatch(/^https:\/\/www\.npmjs\.com\/package\/n8n-nodes-thrivecart-apprentice#/);
	});
});
