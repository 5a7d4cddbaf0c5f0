/**
 * #11.6 "At debug level every message is logged with names, addresses and month-name dates unscrubbed": the real
 * service at the most verbose level (trace, below debug), spoken to through /api/chat and the WhatsApp Cloud
 * webhook with messages full of personal data. The log holds none of it, nor the sender's number; the unanswered
 * store keeps only the scrubbed text.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatsappConversationId } from '../../adapters/whatsapp/shared/conversation-key.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { topUnanswered } from '../../src/unanswered/store.ts';
import { until } from '../helpers/net.ts';
import { startService, type Service } from '../helpers/service.ts';
import { cloudBatch, cloudConfig, cloudText, graphStub, postWebhook } from './whatsapp-fakes.ts';

const SENDER = '6281399887766';
const MESSAGES = [
  'nama saya Bambang Sutrisno, alamat Jl. Kenanga Raya No. 17 Cimahi, lahir 23 Agustus 1979, mau tanya saldo',
  'my name is Dewi Lestari, I live at Jalan Cempaka 9 Depok, born September 4, 1988',
  'ibu Ratna Kusumawati kemarin tanggal 12 Januari 2025 ditolak di kantor cabang Bekasi tolong',
  'xqzv Bambang Sutrisno wkwk 23 Agustus 1979',
];
const SECRETS = ['Bambang', 'Sutrisno', 'Kenanga', 'Cimahi', 'Agustus', '1979', 'Dewi', 'Lestari', 'Cempaka', 'Depok', 'September', '1988', 'Ratna', 'Kusumawati', 'Januari 2025', SENDER];

let graph: Awaited<ReturnType<typeof graphStub>>;
let svc: Service;
const lines: string[] = [];
beforeAll(async () => {
  graph = await graphStub();
  const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, LOG_LEVEL: 'trace', ...cloudConfig(graph.url) }, { logger: createLogger({ level: 'trace', destination: sink }) });
});
afterAll(async () => {
  await svc?.close();
  await new Promise((r) => graph?.server.close(r));
});

describe('no personal data in the logs at trace/debug level (#11.6)', () => {
  it('logs every turn on /api/chat and WhatsApp, with no name, address, date or number in it', async () => {
    for (const text of MESSAGES) {
      const s = {};
      await svc.say(s, text);
      await svc.say(s, `${text} lagi`);
    }
    expect((await postWebhook(svc.url, cloudBatch(MESSAGES.map((m) => cloudText(SENDER, m))))).status).toBe(200);
    await until(() => lines.filter((l) => l.includes('whatsapp cloud turn') || l.includes('whatsapp turn answered')).length >= MESSAGES.length, 10_000);
    const log = lines.join('');
    expect(lines.filter((l) => l.includes('"msg":"turn"')).length).toBeGreaterThanOrEqual(MESSAGES.length * 3);
    expect(log).toContain('"level":20'); // debug lines are written
    expect(log).toContain(whatsappConversationId('jessi-dev-salt', SENDER)); // the hash, not the number
    for (const secret of SECRETS) expect(log, secret).not.toContain(secret);
    for (const m of MESSAGES) expect(log).not.toContain(m.slice(0, 20));
  });

  it('the unanswered store kept what it needs, scrubbed', async () => {
    const entries = await topUnanswered(svc.jessi.store, 50);
    expect(entries.length).toBeGreaterThan(0);
    const all = JSON.stringify(entries);
    for (const secret of SECRETS.filter((s) => s !== SENDER)) expect(all, secret).not.toContain(secret);
  });
});
