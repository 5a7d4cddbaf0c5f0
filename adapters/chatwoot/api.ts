/**
 * The two Chatwoot REST calls the bridge makes, as the Agent Bot (header `api_access_token`):
 *   POST /api/v1/accounts/{account}/conversations/{conversation}/messages       {content, message_type: 'outgoing'}
 *   POST /api/v1/accounts/{account}/conversations/{conversation}/toggle_status  {status: 'open' | 'pending' | 'resolved'}
 * Error texts from Chatwoot are not kept (they can echo the conversation); only the HTTP status is.
 */

export type ChatwootStatus = 'open' | 'pending' | 'resolved';

export interface ChatwootClient {
  postMessage(account: number, conversation: number, content: string): Promise<void>;
  toggleStatus(account: number, conversation: number, status: ChatwootStatus): Promise<void>;
}

export class ChatwootApiError extends Error {
  constructor(readonly status: number, readonly call: 'message' | 'toggle_status') {
    super(`chatwoot ${call} answered HTTP ${status}`);
    this.name = 'ChatwootApiError';
  }
}

export function createChatwootClient(opts: { baseUrl: string; token: string; timeoutMs?: number }): ChatwootClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const conversationUrl = (account: number, conversation: number) => `${base}/api/v1/accounts/${account}/conversations/${conversation}`;
  async function post(url: string, body: Record<string, unknown>, call: ChatwootApiError['call']): Promise<void> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { api_access_token: opts.token, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    await res.body?.cancel().catch(() => undefined);
    if (!res.ok) throw new ChatwootApiError(res.status, call);
  }
  return {
    postMessage: (account, conversation, content) => post(`${conversationUrl(account, conversation)}/messages`, { content, message_type: 'outgoing' }, 'message'),
    toggleStatus: (account, conversation, status) => post(`${conversationUrl(account, conversation)}/toggle_status`, { status }, 'toggle_status'),
  };
}
