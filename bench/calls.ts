export async function runCalls(): Promise<unknown> { throw new Error('todo'); }
