/** Identity is asked only on a clear cue (#10 point 7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

const ASKS_ID = /(kirim|ketik|send|type)\b[^.?!\n]{0,40}\b(kpj|nik)\b/i;

describe('identity only on a clear cue', () => {
  it.each([
    'bsu saya kapan cair ya',
    'ada yang nelpon minta kode otp buat cek saldo jht saya',
    'kartu peserta saya hilang, gimana?',
    'data saya di dukcapil beda, pengaruh ke klaim?',
    'my BSU wage subsidy, when is it paid?',
  ])('"%s" is never answered with "send your KPJ/NIK"', async (text) => {
    const r = await svc.say({}, text);
    expect(r.text).not.toMatch(ASKS_ID);
  });

  it('a clear request for one\'s own balance still asks for the KPJ/NIK', async () => {
    const r = await svc.say({}, 'cek saldo jht saya');
    expect(r.text).toMatch(ASKS_ID);
  });

  it('a claim number is a claim-status question', async () => {
    const r = await svc.say({}, 'klaim KLM-2026-000871 sudah sampai mana?');
    expect(r.intent?.id).toBe('claim_status');
  });
});
