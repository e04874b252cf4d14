/** Customer › Get: `POST /customer {email}`. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { normaliseCustomer } from '../api/customer';
import { thriveCartRequest } from '../transport/request';

export async function get(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const email = String(this.getNodeParameter('email', itemIndex, '') ?? '').trim();
	if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
		throw new NodeOperationError(this.getNode(), `"${email}" is not an email address`, {
			itemIndex,
			description: 'Customer › Get looks a buyer up by the email they bought with.',
		});
	}
	const body = await thriveCartRequest.call(this, 'POST', '/customer', 'looking up the customer', itemIndex, { body: { email } });
	return normaliseCustomer(body, email) as unknown as IDataObject;
}
