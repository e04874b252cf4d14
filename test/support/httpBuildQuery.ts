/**
 * PHP's `http_build_query`, as ThriveCart encodes form deliveries. One implementation serves the tests,
 * the sample order and the benchmarks: scripts/lib/thrivecart-delivery.js.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const delivery = require('../../scripts/lib/thrivecart-delivery');

export const phpUrlEncode: (value: string) => string = delivery.phpUrlEncode;
export const httpBuildQuery: (data: Record<string, unknown>) => string = delivery.encodeForm;
