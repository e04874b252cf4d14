/** The node description and the operations table agree with each other. */
import { NodeHelpers, type INode } from 'n8n-workflow';
import { ThriveApprentice } from '../../../nodes/ThriveApprentice/ThriveApprentice.node';
import * as access from '../../../nodes/ThriveApprentice/resources/access';
import * as course from '../../../nodes/ThriveApprentice/resources/course';
import * as product from '../../../nodes/ThriveApprentice/resources/product';
import * as user from '../../../nodes/ThriveApprentice/resources/user';

const node = new ThriveApprentice();
const { properties } = node.description;
const tables: Record<string, Record<string, unknown>> = {
	access: access.operations,
	course: course.operations,
	product: product.operations,
	user: user.operations,
};

test('usable as a tool, its credential tested by the node, the ThriveCart one optional, light and dark icons', () => {
	expect(node.description.usableAsTool).toBe(true);
	expect(node.description.credentials).toEqual([
		{ name: 'thriveApprenticeApi', required: true, testedBy: 'thriveApprenticeApiTest' },
		{ name: 'thriveCartApi', required: false, displayOptions: expect.objectContaining({ show: { '@version': [1.2] } }) },
	]);
	expect(node.methods.credentialTest.thriveApprenticeApiTest).toBeInstanceOf(Function);
	expect(node.description.icon).toEqual({ light: 'file:thriveApprentice.svg', dark: 'file:thriveApprentice.dark.svg' });
});

test('every resource and operation in the description has an implementation, and nothing else does', () => {
	const resources = properties.find((property) => property.name === 'resource')!.options!.map((option) => (option as { value: string }).value);
	expect(resources.sort()).toEqual(Object.keys(tables).sort());
	for (const resource of resources) {
		const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
		const values = operation!.options!.map((option) => (option as { value: string }).value).sort();
		expect(values).toEqual(Object.keys(tables[resource]).sort());
	}
});

test("the ThriveCart credential shows only where the Product Map's rows list ThriveCart items, also for saved nodes that leave defaults out", () => {
	const credential = node.description.credentials!.find((entry) => entry.name === 'thriveCartApi')!;
	const shown = (parameters: Record<string, string | undefined>, typeVersion = 1.2) =>
		NodeHelpers.displayParameter(parameters, credential, { typeVersion } as INode, node.description, parameters);
	expect(shown({})).toBe(true);
	expect(shown({ resource: 'access', operation: 'revoke', accessTo: 'thriveCartItems', mapAs: 'rows' })).toBe(true);
	expect(shown({}, 1.1)).toBe(false);
	for (const hidden of [{ resource: 'user' }, { operation: 'getMany' }, { accessTo: 'products' }, { mapAs: 'json' }]) expect(shown(hidden)).toBe(false);
});

test('version 1.2 rows pick the ThriveCart item from a list the node has', () => {
	const rows = properties.filter((property) => property.name === 'productMapRows');
	expect(rows).toHaveLength(2);
	const latest = rows.find((property) => JSON.stringify(property.displayOptions?.show?.['@version']).includes('gte'))!;
	const values = (latest.options![0] as { values: Array<{ name: string; type: string; modes?: Array<{ typeOptions?: { searchListMethod?: string } }> }> }).values;
	expect(values.map((value) => [value.name, value.type])).toEqual([
		['item', 'resourceLocator'],
		['productIds', 'multiOptions'],
	]);
	const method = values[0].modes!.find((mode) => mode.typeOptions?.searchListMethod)!.typeOptions!.searchListMethod!;
	expect(node.methods.listSearch).toHaveProperty(method);
	// The typed mode's check (run by the editor) accepts exactly the keys the map reads.
	const { regex } = (values[0].modes!.find((mode) => (mode as { name?: string }).name === 'key') as { validation: Array<{ properties: { regex: string } }> }).validation[0].properties;
	for (const key of ['product-12', 'product-12:78572', 'bump-12', ' upsell-5 ', 'downsell-6']) expect({ key, ok: new RegExp(regex).test(key) }).toEqual({ key, ok: true });
	for (const key of ['12', 'course-3', 'product-12:abc', 'product-']) expect({ key, ok: new RegExp(regex).test(key) }).toEqual({ key, ok: false });
	expect(node.description.defaultVersion).toBe(1.2);
});

test('every dropdown method exists', () => {
	const methods = properties.map((property) => property.typeOptions?.loadOptionsMethod).filter(Boolean);
	expect(methods.length).toBeGreaterThan(0);
	for (const method of methods) expect(node.methods.loadOptions).toHaveProperty(method as string);
});

test('parameters that share a name never show at the same time', () => {
	const byName = new Map<string, typeof properties>();
	for (const property of properties) byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
	for (const [name, variants] of byName) {
		if (variants.length < 2 || name === 'operation') continue;
		for (let a = 0; a < variants.length; a++) {
			for (let b = a + 1; b < variants.length; b++) {
				const showA = variants[a].displayOptions?.show ?? {};
				const showB = variants[b].displayOptions?.show ?? {};
				const disjoint = Object.keys(showA).some(
					(key) => key in showB && !(showA[key] as unknown[]).some((value) => (showB[key] as unknown[]).includes(value)),
				);
				expect({ name, disjoint }).toEqual({ name, disjoint: true });
			}
		}
	}
});
