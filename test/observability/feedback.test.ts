// 👍/👎: only the intent and the vote are stored; the API refuses unknown intents and conversations it did not issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.ts';
import { feedbackByIntent, recordFeedback } from '../../src/unanswered/feedback.ts';
import { startService, type Service } from '../helpers/service.ts';

describe('feedback store', () => {
  it('counts votes per intent, voted-down answers first, with nothing else kept', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 3; i++) await recordFeedback(store, 'jht_claim_how', true);
    await recordFeedback(store, 'jht_claim_how', false);
    for (let i = 0; i < 2; i++) await recordFeedback(store, 'jp_info', false);
    await recordFeedback(store, 'menu', true);
    expect(await feedbackByIntent(store)).toEqual([
      { intent: 'jp_info', up: 0, down: 2 },
      { intent: 'jht_claim_how', up: 3, down: 1 },
      { intent: 'menu', up: 1, down: 0 },
    ]);
  });
});

describe('POST /api/feedback', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, METRICS_TOKEN: 'm', METRICS_PORT: 0 });
  });
  afterAll(() => svc.close());
  const post = async (body: unknown) => {
    const r = await fetch(`${svc.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, json: (await r.json()) as any };
  };

  it('records a vote on an issued conversation and a known intent, and counts it in /metrics', async () => {
    const s: { id?: string } = {};
    const chat = await svc.say(s, 'gimana cara klaim jht?');
    expect((await post({ sessionId: s.id, intent: chat.intent!.id, helpful: false, text: 'ignored', name: 'Budi' })).status).toBe(200);
    const metrics = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: 'Bearer m' } })).text();
    expect(metrics).toMatch(/jessi_feedback_total\{intent="jht_claim_how",vote="down"\} 1/);
    expect(await feedbackByIntent(svc.jessi.store)).toEqual([{ intent: 'jht_claim_how', up: 0, down: 1 }]);
    // Nothing of the conversation or the person in the stored feedback.
    const dump = JSON.stringify(await Promise.all(['feedback:intents', 'feedback:down:jht_claim_how'].map((k) => svc.jessi.store.get(k))));
    expect(dump).toBe('[["jht_claim_how"],1]');
    expect(dump).not.toContain(s.id!);
  });

  it('refuses an unknown intent (no made-up metric labels) and a conversation the server did not issue', async () => {
    const s: { id?: string } = {};
    await svc.say(s, 'halo');
    expect((await post({ sessionId: s.id, intent: 'made_up_intent', helpful: true })).status).toBe(400);
    expect((await post({ sessionId: 'A'.repeat(44), intent: 'menu', helpful: true })).status).toBe(400);
    expect((await post({ sessionId: s.id, intent: 'menu', helpful: 'yes' })).status).toBe(400);
    const metrics = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: 'Bearer m' } })).text();
    expect(metrics).not.toContain('made_up_intent');
  });
});

describe('feedback asked by text on WhatsApp when the user closes a topic', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, METRICS_TOKEN: 'm', METRICS_PORT: 0 });
  });
  afterAll(() => svc.close());

  it('"makasih" after an answer asks whether it helped; the vote ("1" on WhatsApp = the first button) is counted', async () => {
    const bot = await svc.jessi.ready;
    const conv = { channel: 'whatsapp', conversationId: 'wa:feedback-test-1' };
    await bot.handle({ ...conv, text: 'bisa bayar iuran lewat agen perisai?' });
    const thanks = await bot.handle({ ...conv, text: 'oke makasih min' });
    const ask = thanks.messages.at(-1)!;
    expect(ask.text).toMatch(/Apakah jawaban Jessi tentang \*Cara bayar iuran\* tadi membantu\?/);
    expect(ask.buttons?.map((b) => b.payload)).toEqual(['feedback:yes:payment_how', 'feedback:no:payment_how']);
    const vote = await bot.handle({ ...conv, payload: ask.buttons![1]!.payload });
    expect(vote.messages[0]!.text).toMatch(/akan kami perbaiki/);
    const metrics = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: 'Bearer m' } })).text();
    expect(metrics).toMatch(/jessi_feedback_total\{intent="payment_how",vote="down"\} 1/);
  });

  it('is not asked on the web (the widget has its own buttons), nor after a bare "makasih" with no topic', async () => {
    const bot = await svc.jessi.ready;
    await bot.handle({ channel: 'web', conversationId: 'web-feedback-1', text: 'gimana cara klaim jht?' });
    const web = await bot.handle({ channel: 'web', conversationId: 'web-feedback-1', text: 'makasih' });
    expect(web.messages.map((m) => m.text).join('\n')).not.toMatch(/membantu\?/);
    const bare = await bot.handle({ channel: 'whatsapp', conversationId: 'wa:feedback-test-2', text: 'makasih' });
    expect(bare.messages.map((m) => m.text).join('\n')).not.toMatch(/membantu\?/);
  });

  it('a forged vote for an unknown intent is thanked but not counted', async () => {
    const bot = await svc.jessi.ready;
    await bot.handle({ channel: 'whatsapp', conversationId: 'wa:feedback-test-3', payload: 'feedback:yes:made_up_label' });
    const metrics = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: 'Bearer m' } })).text();
    expect(metrics).not.toMatch(/made_up_label/);
  });
});
