/** The Chatwoot payload reader: the shapes Chatwoot versions send, read to the few fields the bridge acts on. */
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../adapters/chatwoot/webhook.ts';

describe('parseWebhook', () => {
  it('reads a message_created payload (names or enum numbers for message_type, digit-string ids)', () => {
    const base = { event: 'message_created', id: 77, content: 'halo', message_type: 'incoming', private: false, conversation: { id: 12, status: 'pending' }, account: { id: 3 } };
    expect(parseWebhook(base)).toEqual({ ok: true, event: { kind: 'message', event: 'message_created', messageId: 77, text: 'halo', type: 'incoming', private: false, conversation: 12, status: 'pending', account: 3 } });
    const numeric = parseWebhook({ ...base, id: '78', message_type: 1, conversation: { id: '12', status: 'open' }, account: undefined, content: null });
    expect(numeric).toMatchObject({ ok: true, event: { messageId: 78, type: 'outgoing', conversation: 12, status: 'open', text: '', account: undefined } });
  });

  it('finds the account of a payload without an account object in the conversation or its last message', () => {
    const m = { event: 'message_created', id: 1, content: 'x', message_type: 'incoming', conversation: { id: 5, status: 'pending', messages: [{ account_id: 4 }] } };
    expect(parseWebhook(m)).toMatchObject({ ok: true, event: { account: 4 } });
    const s = { event: 'conversation_status_changed', id: 5, status: 'pending', account_id: 6, changed_attributes: [{ status: { previous_value: 'open', current_value: 'pending' } }] };
    expect(parseWebhook(s)).toEqual({ ok: true, event: { kind: 'status', conversation: 5, status: 'pending', previous: 'open', account: 6, updatedAt: undefined } });
  });

  it('acknowledges other events and names the wrong field of a malformed one', () => {
    expect(parseWebhook({ event: 'webwidget_triggered', id: 1 })).toEqual({ ok: true, event: { kind: 'other', event: 'webwidget_triggered' } });
    expect(parseWebhook('hello')).toMatchObject({ ok: false });
    expect(parseWebhook({ event: 'message_created', id: 1, message_type: 'incoming', conversation: { id: 0, status: 'pending' } })).toMatchObject({ ok: false, reason: expect.stringMatching(/^conversation\.id/) });
    expect(parseWebhook({ event: 'message_created', id: 1, message_type: 9, conversation: { id: 1, status: 'pending' } })).toMatchObject({ ok: false, reason: expect.stringMatching(/^message_type/) });
  });
});
