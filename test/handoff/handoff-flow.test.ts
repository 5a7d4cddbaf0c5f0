/**
 * The handoff as a user and an agent live it, through the bot core and the desk (no HTTP): asking for a person,
 * the queue, the bot staying quiet while an agent has the conversation, handing back, "kembali ke bot",
 * timeouts, transfer, out of hours with a left message, repeated misunderstandings, an urgent complaint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type JessiApp } from '../../src/app.ts';
import type { HandoffEvent } from '../../src/handoff/types.ts';

// Wednesday 2 December 2026, 10:00 WIB (03:00 UTC): agents on duty.
const OPEN = Date.UTC(2026, 11, 2, 3, 0);
// Wednesday 2 December 2026, 20:00 WIB: off duty; back Thursday 08:00 WIB.
const CLOSED = Date.UTC(2026, 11, 2, 13, 0);

let app: JessiApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** `onDuty`: an agent keeps the console open throughout (its presence is refreshed before every user turn). */
async function start(at: number, extra: Record<string, unknown> = {}, onDuty = true) {
  const clock = { t: at };
  app = await createApp({ PORT: 0, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0, ...extra } as never, { now: () => clock.t });
  const bot = await app.ready;
  const desk = app.handoff!;
  const events: HandoffEvent[] = [];
  await desk.subscribe((e) => events.push(e));
  const say = async (conversationId: string, text: string, payload?: string) => {
    if (onDuty) await desk.presence('console-open');
    return bot.handle({ channel: 'api', conversationId, ...(payload ? { payload } : { text }) });
  };
  const texts = (o: Awaited<ReturnType<typeof say>>) => o.messages.map((m) => m.text).join('\n');
  return { bot, desk, clock, events, say, texts };
}
const flush = () => new Promise((r) => setTimeout(r, 10));

describe('a person can take over', () => {
  it('in opening hours with no agent at the console, nobody is queued: the user may leave a message for the first one', async () => {
    const { desk, say, texts, clock } = await start(OPEN, {}, false);
    const asked = await say('n1', 'mau ngomong sama petugas');
    expect(asked.intent.id).toBe('handoff_agent');
    expect(texts(asked)).toMatch(/belum ada petugas live chat yang bisa menjawab/);
    expect(texts(asked)).not.toMatch(/antrean/);
    expect(await desk.get('n1')).toBeUndefined();
    // Repeated misunderstandings do not hand off to nobody either.
    for (const t of ['qwzx blorp', 'fnord zzkk', 'plmok ijnuh']) expect((await say('n2', t)).intent.id).not.toBe('handoff_agent');
    expect(await desk.get('n2')).toBeUndefined();
    // The user leaves a message; an agent who opens the console a minute later finds it and answers.
    const offer = asked.messages.flatMap((m) => m.buttons ?? []).find((b) => /pesan/i.test(b.title))!;
    await say('n1', '', offer.payload);
    expect(texts(await say('n1', 'tolong telepon saya soal klaim JHT yang tertunda'))).toMatch(/Petugas pertama yang bertugas/);
    clock.t += 60_000;
    await desk.presence('rina');
    expect(await desk.available()).toBe(true);
    const [left] = await desk.list();
    expect(left).toMatchObject({ conversationId: 'n1', leftMessage: true });
    expect(await desk.pickUp('n1', { id: 'rina', name: 'Rina' })).toEqual({ ok: true });
    // A minute after the console closed, the agent is no longer on duty.
    clock.t += 61_000;
    expect(await desk.available()).toBe(false);
  });

  it('queues on request, forwards while queued, stays quiet with the agent, and comes back when the agent hands back', async () => {
    const { desk, say, texts, clock, events } = await start(OPEN);
    await say('c1', 'cara klaim jht gimana');
    const asked = await say('c1', 'mau ngomong sama petugas');
    expect(asked.intent.id).toBe('handoff_agent');
    expect(texts(asked)).toMatch(/antrean Anda: \*1\*/);
    expect(texts(asked)).toMatch(/kembali ke bot/);

    const waiting = await say('c1', 'saldo jht saya kok belum masuk');
    expect(waiting.messages).toHaveLength(1);
    expect(waiting.messages[0]!.status).toBe(true);
    expect(texts(waiting)).toMatch(/antrean: 1/);

    const [item] = await desk.list();
    expect(item).toMatchObject({ conversationId: 'c1', owner: 'queued', position: 1, reason: 'request' });
    const log = await desk.transcript('c1');
    expect(log.map((e) => e.from)).toEqual(['user', 'bot', 'user', 'user']);
    expect(log.at(-1)!.text).toBe('saldo jht saya kok belum masuk');

    clock.t += 90_000;
    expect(await desk.pickUp('c1', { id: 'rina', name: 'Rina' })).toEqual({ ok: true });
    expect(await desk.pickUp('c1', { id: 'budi', name: 'Budi' })).toEqual({ ok: false, reason: 'taken' });
    expect((await desk.reply('c1', 'rina', 'Halo, saya Rina. Bisa dibantu nomor KPJ-nya?')).ok).toBe(true);

    for (const text of ['cara klaim jht', 'berapa iuran bpu', 'halo']) {
      const o = await say('c1', text);
      expect(o.messages.every((m) => m.status)).toBe(true);
      expect(texts(o)).toBe('Terkirim ke petugas.');
      expect(o.intent.id).toBe('handoff_agent');
    }
    // a personal number the user types reaches the agent masked
    await say('c1', 'kpj saya 12345678901');
    expect((await desk.transcript('c1')).at(-1)!.text).toBe('kpj saya [KPJ]');

    expect(await desk.handBack('c1', 'budi')).toBe(false);
    expect(await desk.handBack('c1', 'rina')).toBe(true);
    await flush();
    const back = events.filter((e) => e.type === 'message' && e.entry.from === 'system').map((e) => (e as { entry: { text: string } }).entry.text);
    expect(back.at(-1)).toMatch(/mengembalikan percakapan ke Jessi/);
    const next = await say('c1', 'berapa iuran bpu');
    expect(next.intent.id).not.toBe('handoff_agent');
    expect(texts(next)).toMatch(/BPU|Bukan Penerima Upah/i);
    expect(await desk.list()).toEqual([]);
  });

  it('"kembali ke bot" gives the conversation back at once, and the bot answers the next message', async () => {
    const { say, texts, desk } = await start(OPEN);
    await say('c2', 'sambungkan ke petugas');
    const back = await say('c2', 'kembali ke bot');
    expect(texts(back)).toMatch(/kembali dengan Jessi/);
    expect(back.messages.some((m) => m.status)).toBe(false);
    expect((await desk.get('c2'))!.owner).toBe('bot');
    const o = await say('c2', 'syarat klaim jht apa aja');
    expect(o.intent.id).toMatch(/^jht/);
  });

  it('a conversation idle with an agent times out back to the bot; one nobody picks up too', async () => {
    const { say, texts, desk, clock } = await start(OPEN, { HANDOFF_IDLE_MINUTES: 15, HANDOFF_QUEUE_TIMEOUT_MINUTES: 20 });
    await say('c3', 'mau chat sama cs');
    await desk.pickUp('c3', { id: 'rina', name: 'Rina' });
    clock.t += 16 * 60_000;
    const o = await say('c3', 'cara daftar bpu');
    expect(texts(o)).toMatch(/berakhir karena lama tidak ada pesan/);
    expect(o.intent.id).not.toBe('handoff_agent');
    expect(o.messages.length).toBeGreaterThan(1);

    await say('c4', 'mau chat sama cs');
    clock.t += 21 * 60_000;
    expect(await desk.sweep()).toBe(1);
    expect((await desk.get('c4'))!.owner).toBe('bot');
  });

  it('shows each user their place in the queue, urgent first; transfer moves the conversation to another agent', async () => {
    const { say, texts, desk, clock } = await start(OPEN);
    await say('a', 'mau ngomong sama petugas');
    clock.t += 1000;
    const b = await say('b', 'mau ngomong sama petugas');
    expect(texts(b)).toMatch(/antrean Anda: \*2\*/);
    expect((await desk.queueStatus('b'))!.position).toBe(2);
    await desk.pickUp('a', { id: 'rina', name: 'Rina' });
    expect((await desk.queueStatus('b'))!.position).toBe(1);
    expect(await desk.transfer('a', 'rina', { id: 'budi', name: 'Budi' })).toBe(true);
    expect((await desk.get('a'))!.owner).toBe('agent:budi');
    expect((await desk.reply('a', 'rina', 'masih saya?')).ok).toBe(false);
    expect((await desk.reply('a', 'budi', 'Halo, saya Budi')).ok).toBe(true);
    expect((await desk.transcript('a')).some((e) => /dialihkan ke petugas Budi/.test(e.text))).toBe(true);
  });

  it('out of hours: says when agents are back, keeps a left message for the first agent on duty', async () => {
    const { say, texts, desk } = await start(CLOSED);
    const o = await say('c5', 'mau ngomong sama petugas');
    expect(texts(o)).toMatch(/tidak bertugas/);
    expect(texts(o)).toMatch(/Kamis, 3 Desember 2026 pukul 08\.00 WIB/);
    expect(o.messages[0]!.buttons!.map((b) => b.payload)).toEqual(['action:leave_message', 'intent:complaint_create']);
    expect(await desk.list()).toEqual([]);
    const ask = await say('c5', '', 'action:leave_message');
    expect(texts(ask)).toMatch(/tulis pesan Anda/);
    const left = await say('c5', 'Klaim JHT saya ditolak padahal dokumen lengkap, mohon dibantu');
    expect(texts(left)).toMatch(/pesan Anda sudah kami simpan/);
    const [item] = await desk.list();
    expect(item).toMatchObject({ conversationId: 'c5', owner: 'bot', leftMessage: true, reason: 'message' });
    // the bot keeps answering meanwhile
    expect((await say('c5', 'berapa iuran bpu')).intent.id).not.toBe('handoff_agent');
    // the first agent on duty picks it up: from then on the agent has the conversation
    expect(await desk.pickUp('c5', { id: 'rina', name: 'Rina' })).toEqual({ ok: true });
    const quiet = await say('c5', 'terima kasih bu');
    expect(quiet.messages.every((m) => m.status)).toBe(true);
  });

  it('after repeated misunderstandings a person takes over', async () => {
    const { say, texts, desk } = await start(OPEN, { HANDOFF_AFTER_MISSES: 2 });
    await say('c6', 'xqzv plomb wibble');
    const o = await say('c6', 'zzkrt fnord blarg');
    expect(texts(o)).toMatch(/belum bisa memahami/);
    expect((await desk.get('c6'))!).toMatchObject({ owner: 'queued', reason: 'misunderstood' });
  });

  it('an operator marks a complaint urgent: its conversation joins the queue first', async () => {
    const { say, desk, clock, texts } = await start(OPEN);
    await say('early', 'mau ngomong sama petugas');
    clock.t += 1000;
    // file a complaint in conversation c7
    let filed = '';
    for (const t of ['saya mau komplain, iuran saya dipotong tiap bulan tapi tidak masuk ke saldo sejak Juli', '0813-2468-1357', 'ya']) filed = texts(await say('c7', t));
    const ticket = /ADU-\d{8}-\d{4}/.exec(filed)?.[0];
    expect(ticket).toBeDefined();
    expect(await desk.markUrgent('ADU-00000000-0000')).toEqual({ ok: false, reason: 'unknown_ticket' });
    expect(await desk.markUrgent(ticket!)).toEqual({ ok: true, conversationId: 'c7' });
    const list = await desk.list();
    expect(list.map((i) => [i.conversationId, i.position])).toEqual([['c7', 1], ['early', 2]]);
    const o = await say('c7', 'halo?');
    expect(o.messages.every((m) => m.status)).toBe(true);
  });

  it('agent replies are validated like user input', async () => {
    const { say, desk } = await start(OPEN);
    await say('c8', 'mau ngomong sama petugas');
    await desk.pickUp('c8', { id: 'rina', name: 'Rina' });
    expect(await desk.reply('c8', 'rina', '   ')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await desk.reply('c8', 'rina', 'a'.repeat(2001))).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await desk.reply('c8', 'rina', 'halo\u0007')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await desk.reply('c8', 'rina', 'ok\u202e')).toMatchObject({ ok: false, reason: 'invalid' });
    expect((await desk.reply('c8', 'rina', 'Baik,\nkami cek dulu ya.')).ok).toBe(true);
  });
});
