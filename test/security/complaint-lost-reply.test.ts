/**
 * #11.6, the case without a crash: the status API stores a complaint but its reply is lost (the connection is
 * cut). The user is not told "unavailable" and left to start over with a new key: the dialog stays at the
 * confirmation, "ya" sends the same complaint with the same idempotency key, and the first ticket comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';
import { startRecordingStatusApi, type RecordingStatusApi } from './recording-status-api.ts';

let api: RecordingStatusApi;
let svc: Service;

beforeAll(async () => {
  api = await startRecordingStatusApi();
  svc = await startService({ STATUS_API_URL: api.url, STATUS_API_TOKEN: api.token, RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(async () => {
  await svc?.close();
  await api?.close();
});

describe('a complaint whose reply was lost', () => {
  it('stays at the confirmation; "ya" gets the first ticket back and nothing is filed twice', async () => {
    const s = {};
    await svc.say(s, 'saya mau komplain soal iuran: gaji saya dipotong tiap bulan tapi iurannya tidak masuk ke saldo sejak Agustus');
    expect((await svc.say(s, 'budi@example.com')).text).toMatch(/Ringkasan pengaduan/);
    api.loseNextReply();
    let r = await svc.say(s, 'ya');
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/belum bisa dipastikan/);
    expect(r.text).toMatch(/tidak akan tercatat dua kali/);
    expect(r.text).not.toMatch(/ADU-\d{8}-\d{4}/);
    r = await svc.say(s, 'ya');
    expect(r.text).toContain(api.answered[0]!);
    expect(api.keys).toHaveLength(2);
    expect(api.keys[1]).toBe(api.keys[0]);
    expect(new Set(api.answered).size).toBe(1);
  });
});
