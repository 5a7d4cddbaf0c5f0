/**
 * #11.6 "a genuine signed batch over 16 KiB gets 413: raise the limit on the webhook route only". On the real
 * service: a signed WhatsApp Cloud batch of about 40 KiB is accepted and every message in it answered; the other
 * routes keep their 16 KiB limit; the webhook itself stops at 1 MiB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';
import { cloudBatch, cloudConfig, cloudText, graphStub, postWebhook } from './whatsapp-fakes.ts';

let graph: Awaited<ReturnType<typeof graphStub>>;
let svc: Service;
beforeAll(async () => {
  graph = await graphStub();
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, ...cloudConfig(graph.url) });
});
afterAll(async () => {
  await svc?.close();
  await new Promise((r) => graph?.server.close(r));
});

const senders = Array.from({ length: 20 }, (_, i) => `62812000000${String(i).padStart(2, '0')}`);
const longText = 'Saya mau tanya soal pencairan JHT karena sudah berhenti bekerja bulan lalu. '.repeat(26).slice(0, 1990);

describe('request body limits (#11.6)', () => {
  it('accepts a genuine signed webhook batch of about 40 KiB and answers every message in it', async () => {
    const raw = cloudBatch(senders.map((s) => cloudText(s, longText)));
    expect(Buffer.byteLength(raw)).toBeGreaterThan(38 * 1024);
    const r = await postWebhook(svc.url, raw);
    expect(r.status).toBe(200);
    await until(() => senders.every((s) => graph.to(s).length > 0), 20_000);
  }, 30_000);

  it('keeps 16 KiB on the other routes', async () => {
    const body = JSON.stringify({ text: 'x'.repeat(17 * 1024) });
    const chat = await fetch(`${svc.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(chat.status).toBe(413);
    // A route that does not exist is not a way around it either (the parser runs first, then 404).
    const other = await fetch(`${svc.url}/webhooks/whatsapp/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(other.status).toBe(413);
  });

  it('stops the webhook at 1 MiB, and an unsigned large body gets no further than the signature check', async () => {
    const huge = cloudBatch([cloudText(senders[0]!, 'y'.repeat(1024 * 1024))]);
    expect((await postWebhook(svc.url, huge)).status).toBe(413);
    const unsigned = await fetch(`${svc.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: cloudBatch([cloudText(senders[0]!, longText)]) });
    expect(unsigned.status).toBe(401);
  });
});
