/** Dropdowns of the site's products and courses, loaded live. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { hasApiKey, hasApplicationPassword } from '../transport/credentials';
import { loadCredentials } from '../transport/request';
import { listCourses } from '../resources/course/courses';
import { listProducts, listProductsWithApiKey } from '../resources/product/products';

export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentials = await loadCredentials.call(this);
	// With only the API key, ThriveCart's own route lists the products (all of them, as id and title).
	const products =
		hasApiKey(credentials) && !hasApplicationPassword(credentials)
			? await listProductsWithApiKey.call(this)
			: await listProducts.call(this);
	return products.map((product) => ({ name: `${product.name || 'Untitled'} (ID ${product.id})`, value: product.id }));
}

export async function getCourses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const courses = await listCourses.call(this, {});
	return courses.map((course) => ({
		name: `${course.name}${course.status === 'publish' ? '' : ` (${course.status})`} (ID ${course.id})`,
		value: course.id,
	}));
}
