import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { startService, type Service } from '../helpers/service.ts';

const DEMO_IDS = ['3174011503900001', '21012345678', '3273024708850002', '21098765432'];

let svc: Service;
const lines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 }, { logger: createLogger({ level: 'debug', destination: sink }) });
});
afterAll(() => svc.close());

describe('privacy of the status flows', () => {
  it('logs every turn, yet no NIK, KPJ, birth date, phone number or balance appears in the log', async () => {
    let s = {};
    await svc.say(s, 'cek saldo jht saya');
    await svc.say(s, 'NIK 3174011503900001');
    await svc.say(s, '15/03/1990');
    const r = await svc.say(s, '123456');
    expect(r.text).toMatch(/45\.678\.900/);
    s = {};
    await svc.say(s, 'status klaim saya');
    await svc.say(s, 'kpj 21098765432');
    await svc.say(s, '08/07/1985'); // wrong date: a failed verification
    s = {};
    await svc.say(s, 'saya mau komplain soal iuran');
    await svc.say(s, 'Iuran saya tidak masuk, KPJ 21012345678, hubungi 0813-2468-1357');
    await svc.say(s, '0813-2468-1357');
    await svc.say(s, 'ya');
    const log = lines.join('');
    expect(lines.filter((l) => l.includes('"msg":"turn"')).length).toBeGreaterThanOrEqual(10);
    // the texts are never logged: only their length and a salted hash
    expect(log).toContain('"textHash"');
    expect(log).not.toContain('"text"');
    for (const id of DEMO_IDS) expect(log).not.toContain(id);
    expect(log).not.toMatch(/45[.,]?678[.,]?900|15\/03\/1990|0813-?2468-?1357|081234567890|123456|Budi/);
  });

  it('never sends the participant token or the verification state to the client', async () => {
    const s = {};
    await svc.say(s, 'saldo jht');
    await svc.say(s, '21012345678');
    await svc.say(s, '15-03-1990');
    const r = await svc.say(s, '123456');
    expect(r.text).toMatch(/45\.678\.900/);
    expect(Object.keys(r.body).sort()).toEqual(['intent', 'messages', 'sessionId']);
    expect(JSON.stringify(r.body)).not.toMatch(/token|expiresAt/i);
  });
});
