/**
 * Thrive Apprentice stores the charge `name` sent to newOrder as the order item's name and shows it in
 * `purchased-items` (and to the seller in the member's access list), but not the ThriveCart order id.
 * The node therefore ends every charge name with the order it belongs to, so reading a member's items
 * tells which ThriveCart order each one came from: the basis of "already granted?" and of verifying a
 * revoke, whatever the n8n side remembers.
 */
const MARKER = /\s*\(ThriveCart order (\d+)\)\s*$/;

export function markedName(name: string, orderId: string): string {
	return `${name.replace(MARKER, '').trim()} (ThriveCart order ${orderId})`;
}

/** The ThriveCart order id a stored item name carries, or undefined for names the node did not write. */
export function orderOfName(name: unknown): string | undefined {
	if (typeof name !== 'string') return undefined;
	return MARKER.exec(name)?.[1];
}
