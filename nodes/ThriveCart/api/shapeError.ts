/**
 * ThriveCart's documentation names the REST routes but not every answer's shape. When an answer lacks
 * what the node reads, it stops with this error and names what it expected, instead of guessing.
 */
export class ShapeError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'ShapeError';
	}
}

export function keysOf(value: unknown): string {
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value);
	const keys = Object.keys(value);
	return keys.length ? `keys ${keys.slice(0, 12).join(', ')}` : 'an empty object';
}
