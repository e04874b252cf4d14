/** The node description and the operations table agree with each other. */
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

test('usable as a tool, one credential tested by the node, light and dark icons', () => {
	expect(node.description.usableAsTool).toBe(true);
	expect(node.description.credentials).toEqual([{ name: 'thriveApprenticeApi', required: true, testedBy: 'thriveApprenticeApiTest' }]);
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
