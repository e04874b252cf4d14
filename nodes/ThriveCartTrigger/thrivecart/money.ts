/**
 * ThriveCart sends money in minor units (`12400` is 124.00 USD). Sellers read currency units, so every
 * amount also comes out formatted: `"124.00 USD"`, with as many decimals as the currency has (ISO 4217,
 * from Node's own Intl data: JPY has none, KWD three). The minor-unit integers stay the source of truth.
 */
const DIGITS = new Map<string, number>();

function currencyDigits(currency: string | null): number {
	if (!currency || !/^[A-Za-z]{3}$/.test(currency)) return 2;
	const code = currency.toUpperCase();
	let digits = DIGITS.get(code);
	if (digits === undefined) {
		try {
			digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
		} catch {
			digits = 2;
		}
		DIGITS.set(code, digits);
	}
	return digits;
}

/** `12400, "USD"` → `"124.00 USD"`; `-500, "EUR"` → `"-5.00 EUR"`; no currency → `"124.00"`; null → null. */
export function formatMinorUnits(amount: number | null, currency: string | null): string | null {
	if (amount === null || !Number.isSafeInteger(amount)) return null;
	const digits = currencyDigits(currency);
	const sign = amount < 0 ? '-' : '';
	const magnitude = String(Math.abs(amount)).padStart(digits + 1, '0');
	const whole = digits === 0 ? magnitude : magnitude.slice(0, -digits);
	const fraction = digits === 0 ? '' : `.${magnitude.slice(-digits)}`;
	const code = currency && /^[A-Za-z]{3}$/.test(currency) ? ` ${currency.toUpperCase()}` : '';
	return `${sign}${whole}${fraction}${code}`;
}
