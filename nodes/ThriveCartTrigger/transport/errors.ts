/**
 * ThriveCart API failures → errors a seller understands. The API key is never part of a message or a
 * description: the messages are our own, and anything ThriveCart wrote back is scrubbed of it.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

export interface FailureFacts {
	status?: number;
	/** ECONNREFUSED, ENOTFOUND, ETIMEDOUT, … when no HTTP answer came back. */
	networkCode?: string;
	/** ThriveCart's own error text (`auth.missing`, `invalid_token`, …). */
	thriveCartError?: string;
}

type Loose = Record<string, unknown> | undefined;

function record(value: unknown): Loose {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function statusFrom(...candidates: unknown[]): number | undefined {
	for (const candidate of candidates) {
		const number = typeof candidate === 'string' ? Number(candidate) : candidate;
		if (typeof number === 'number' && Number.isInteger(number) && number >= 100 && number < 600) return number;
	}
	return undefined;
}

/** Reads an error thrown by n8n's request helpers (NodeApiError around an HTTP client error) or by `request`. */
export function failureFacts(error: unknown): FailureFacts {
	const outer = record(error);
	const cause = record(outer?.cause);
	const response = record(cause?.response) ?? record(outer?.response);
	const status = statusFrom(outer?.httpCode, response?.status, response?.statusCode, outer?.statusCode, outer?.status, cause?.status);
	const codes = [cause?.code, outer?.code, outer?.httpCode, record(cause?.cause)?.code];
	const networkCode = codes.find((code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code));
	const body = record(response?.data) ?? record(response?.body) ?? record(outer?.error);
	const described = body?.error_description ?? body?.error ?? body?.message;
	return {
		status,
		networkCode: status === undefined ? networkCode : undefined,
		thriveCartError: typeof described === 'string' ? described.slice(0, 200) : undefined,
	};
}

function scrub(text: string, secrets: string[]): string {
	return secrets.filter((secret) => secret.length > 0).reduce((result, secret) => result.split(secret).join('***'), text);
}

/** The seller-facing message and description for a failed call. */
export function explainFailure(facts: FailureFacts, action: string, secrets: string[] = []): { message: string; description: string } {
	if (facts.status === 401 || facts.status === 403) {
		return {
			message: 'ThriveCart rejected the API key',
			description:
				'Check the API key in the ThriveCart credential (ThriveCart > Settings > API & webhooks > API tokens): it may be mistyped, revoked, or for another account.',
		};
	}
	if (facts.status === 429) {
		return {
			message: "ThriveCart's rate limit (60 requests a minute) was hit",
			description: `ThriveCart refused ${action} because too many API calls were made in the last minute. Wait a minute and try again.`,
		};
	}
	if (facts.status === undefined) {
		return {
			message: 'Could not reach ThriveCart',
			description: `${action} failed before ThriveCart answered${facts.networkCode ? ` (${facts.networkCode})` : ''}. Check the API Base URL in the credential and the network connection of this n8n.`,
		};
	}
	const detail = facts.thriveCartError ? `: ${scrub(facts.thriveCartError, secrets)}` : '';
	return {
		message: `ThriveCart answered ${facts.status} to ${action}`,
		description: `ThriveCart could not complete ${action}${detail}.`,
	};
}

export function thriveCartApiError(node: INode, error: unknown, action: string, secrets: string[] = []): NodeApiError {
	const facts = failureFacts(error);
	const { message, description } = explainFailure(facts, action, secrets);
	// A fresh error object: wrapping the original would carry the request (and its Authorization header).
	const payload: JsonObject = { message, ...(facts.status ? { httpCode: String(facts.status) } : {}) };
	return new NodeApiError(node, payload, {
		message,
		description,
		httpCode: facts.status ? String(facts.status) : undefined,
	});
}
