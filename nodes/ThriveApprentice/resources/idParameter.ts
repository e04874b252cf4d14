/** A single Thrive Apprentice ID chosen from a list or given by an expression. */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** `what` names the thing in the error: "course", "product". */
export function readIdParameter(this: IExecuteFunctions, parameter: string, what: string, itemIndex: number): number {
	const raw = this.getNodeParameter(parameter, itemIndex, '');
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) {
		throw new NodeOperationError(this.getNode(), `${JSON.stringify(raw)} is not a ${what} ID`, { itemIndex });
	}
	return id;
}
