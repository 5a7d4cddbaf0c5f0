/**
 * The web channel's live chat API: the event stream delivers what the agent writes after the cursor (and again
 * after a drop, from Last-Event-ID), the poll says who answers now, unknown or malformed ids are refused, and an
 * agent message that looks personal is flagged so the widget never stores it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';
import { OPEN, runningFrom } from '../agent/browser.ts';

/** Read server-sent events from a stream until `count` `message` events arrived. */
async function readEvents(res: Response, count: number): Promise<{ event: string; id?: string; data: any }[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const out: { event: string; id?: string; data: any }[] = [];
  const deadline = Date.now() + 5000;
  while (out.filter((e) => e.event === 'message').length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const f = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      if (f.event) out.push({ event: f.event, id: f.id, data: JSON.parse(f.data) });
    }
  }
  await reader.cancel();
  return out;
}

describe('live chat over the web API', () => {
  let svc: Service;
  const s: { id?: string } = {};
  beforeAll(async () => {
    svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 }, { now: runningFrom(OPEN) });
    await svc.jessi.handoff!.presence('sari'); // an agent has the console open
    const r = await svc.say(s, 'mau ngobrol sama petugas');
    expect(r.body.live).toBe(true);
  }, 60_000);
  afterAll(() => svc?.close());

  it('refuses malformed and unknown conversation ids', async () => {
    expect((await fetch(`${svc.url}/api/chat/stream?sessionId=%3Cx%3E`)).status).toBe(400);
    expect((await fetch(`${svc.url}/api/chat/events?sessionId=${s.id}&after=-1`)).status).toBe(400);
    expect((await fetch(`${svc.url}/api/chat/stream?sessionId=abcdefghijklmnop`)).status).toBe(404);
    expect((await fetch(`${svc.url}/api/chat/typing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
  });

  it('streams the agent messages after the cursor and resumes from Last-Event-ID', async () => {
    const desk = svc.jessi.handoff!;
    expect(await desk.pickUp(s.id!, { id: 'sari', name: 'Sari' })).toEqual({ ok: true });
    const stream = await fetch(`${svc.url}/api/chat/stream?sessionId=${s.id}`);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const first = readEvents(stream, 2);
    await desk.reply(s.id!, 'sari', 'Halo, saya Sari.');
    const events = await first;
    const messages = events.filter((e) => e.event === 'message');
    expect(messages.map((m) => m.data.text)).toEqual(['Petugas Sari bergabung dalam percakapan.', 'Halo, saya Sari.']);
    expect(messages[1].data).toMatchObject({ from: 'agent', agentName: 'Sari' });
    const lastId = messages[1].id!;

    // Dropped: what the agent writes meanwhile comes first on the next connection.
    await desk.reply(s.id!, 'sari', 'Nomor KPJ Anda 12345678901 sudah saya cek.');
    const again = await fetch(`${svc.url}/api/chat/stream?sessionId=${s.id}`, { headers: { 'last-event-id': lastId } });
    const more = (await readEvents(again, 1)).filter((e) => e.event === 'message');
    expect(more).toHaveLength(1);
    expect(more[0].data.text).toContain('sudah saya cek');
    // Looks personal: shown, flagged so that the widget does not store it.
    expect(more[0].data.private).toBe(true);

    const poll = (await (await fetch(`${svc.url}/api/chat/events?sessionId=${s.id}&after=${lastId}`)).json()) as any;
    expect(poll.owner).toBe('agent');
    expect(poll.messages).toHaveLength(1);
    expect(poll.cursor).toBe(more[0].data.seq);
  });

  it('the user typing reaches the desk; back to the bot ends the live chat', async () => {
    const r = await fetch(`${svc.url}/api/chat/typing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: s.id }) });
    expect(r.status).toBe(204);
    expect((await svc.jessi.handoff!.get(s.id!))?.userTypingAt).toBeGreaterThan(0);
    const back = await svc.say(s, 'kembali ke bot');
    expect(back.text).toMatch(/kembali dengan Jessi/);
    expect(back.body.live).toBeUndefined();
    const poll = (await (await fetch(`${svc.url}/api/chat/events?sessionId=${s.id}&after=1000`)).json()) as any;
    expect(poll.owner).toBe('bot');
  });
});
