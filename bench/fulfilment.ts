export async function runFulfilment(): Promise<unknown> { throw new Error('todo'); }
