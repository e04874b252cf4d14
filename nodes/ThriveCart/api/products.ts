/**
 * `GET /products` and `GET /products/{id}` → products with their item key (`product-12`), the key the
 * product map uses. ThriveCart documents the routes, not the fields; this reads `product_id` (or `id`),
 * `name`, `label`, `status` and says so when there is no id.
 */
import { formatItemKey } from '../../shared/itemKey';
import { asRecord, firstOf, id, text, type Raw } from '../../ThriveCartTrigger/thrivecart/values';
import { keysOf, ShapeError } from './shapeError';

export interface Product {
	id: string;
	key: string;
	name: string | null;
	label: string | null;
	status: string | null;
}

const SHAPE_HELP = "ThriveCart's API documentation does not fix the fields of a product; this node reads product_id (or id), name, label and status.";

export function normaliseProduct(value: unknown): Product {
	const row = asRecord(value);
	const productId = row ? firstOf(id, row.product_id, row.id) : null;
	if (!row || !productId || !/^\d+$/.test(productId)) {
		throw new ShapeError(`A product from ThriveCart has no product_id (it had ${keysOf(value)})`, SHAPE_HELP);
	}
	return { id: productId, key: formatItemKey('product', productId), name: text(row.name), label: text(row.label), status: text(row.status) };
}

export function normaliseProducts(body: unknown): Product[] {
	const record = asRecord(body);
	const list = Array.isArray(body) ? body : (record?.products as unknown);
	if (!Array.isArray(list)) throw new ShapeError(`ThriveCart's answer to GET /products is not a list of products (it had ${keysOf(body)})`, SHAPE_HELP);
	return list.map(normaliseProduct);
}

export function productFromAnswer(body: unknown): Product {
	const record = asRecord(body) as Raw | undefined;
	return normaliseProduct(asRecord(record?.product) ?? body);
}
