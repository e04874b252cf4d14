/**
 * The secret-word check without reading the credential on every request. n8n resolves a credential
 * inside `webhook()` through an expression isolate of its own (a second isolate per delivery, the
 * costliest part of the trigger), so — like n8n's Stripe and WooCommerce triggers — the webhook
 * lifecycle keeps what the check needs in the workflow's static data at activation: a salted HMAC of
 * the secret word (verifier.ts), never the word. A delivery that does not match it is compared with the
 * credential once, so a changed secret word is picked up at its first genuine delivery (the verifier is
 * then replaced and the old word stops working); a forged one is refused as before.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { CREDENTIAL_NAME } from './transport/api';
import { asVerifier, createVerifier, matchesVerifier, type SecretVerifier } from './thrivecart/verifier';

const KEY = 'secretCheck';

type Context = IHookFunctions | IWebhookFunctions;

function nodeData(context: Context): IDataObject {
	return context.getWorkflowStaticData('node');
}

async function credentialWord(context: Context): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	return typeof credentials.secretWord === 'string' ? credentials.secretWord : '';
}

export function storedVerifier(context: Context): SecretVerifier | undefined {
	return asVerifier(nodeData(context)[KEY]);
}

/** Activation: whether the kept verifier still matches the credential's word (else `create` renews it). */
export async function verifierIsCurrent(context: IHookFunctions): Promise<boolean> {
	const stored = storedVerifier(context);
	if (!stored) return false;
	try {
		return matchesVerifier(await credentialWord(context), stored);
	} catch {
		// No readable credential: activation reports that itself; webhook() falls back per delivery.
		return false;
	}
}

/** Activation: a fresh salt and verifier for the credential's current word. */
export async function storeVerifier(context: IHookFunctions): Promise<void> {
	const data = nodeData(context);
	let word = '';
	try {
		word = await credentialWord(context);
	} catch {
		word = '';
	}
	if (word) data[KEY] = createVerifier(word) as unknown as IDataObject;
	else delete data[KEY];
}

export function forgetVerifier(context: IHookFunctions): void {
	delete nodeData(context)[KEY];
}

/** Checks a delivery's secret words; the returned function re-checks a word (the decoded one) the same way. */
export async function acceptedSecret(
	context: IWebhookFunctions,
	candidates: string[],
): Promise<((word: unknown) => boolean) | undefined> {
	if (candidates.length === 0) return undefined;
	const stored = storedVerifier(context);
	if (stored && candidates.some((word) => matchesVerifier(word, stored))) return (word) => matchesVerifier(word, stored);

	// No verifier yet (a workflow activated before this version, a test run) or a word it does not know.
	const word = await credentialWord(context);
	if (!word) return undefined;
	const current = createVerifier(word);
	if (!candidates.some((word) => matchesVerifier(word, current))) return undefined;
	// n8n saves static data changed during a webhook call once the call is answered.
	nodeData(context)[KEY] = current as unknown as IDataObject;
	return (word) => matchesVerifier(word, current);
}
