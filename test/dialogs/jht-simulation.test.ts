import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

/** The JHT simulation result as a number, read from "*Rp44.172.736*". */
const balance = (text: string): number => Number(/(?:setelah|after) [^:*]+: \*Rp([\d.]+)\*/i.exec(text)?.[1]?.replace(/\./g, '') ?? NaN);

describe('JHT simulation through /api/chat', () => {
  it('asks for the wage, then the years, then answers with an estimate and its assumptions', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jht dong');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(r.text).toMatch(/gaji|upah/i);
    r = await svc.say(s, '5jt');
    expect(r.text).toMatch(/tahun/i);
    r = await svc.say(s, '10 thn');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(balance(r.text)).toBe(44_172_736); // facts sheet §10a vector A
    expect(r.text).toMatch(/estimasi/i);
    expect(r.text).toMatch(/5% per tahun/);
    expect(r.text).toMatch(/saldo awal Rp0/);
  });

  it('fills everything from one message, including a starting balance', async () => {
    const r = await svc.say({}, 'hitung jht gaji 7,5 juta 20 tahun saldo awal 12 juta');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(r.text).toMatch(/saldo awal Rp12\.000\.000/);
    expect(balance(r.text)).toBeGreaterThan(200_000_000);
  });

  it('takes a correction mid-flow', async () => {
    const s = {};
    await svc.say(s, 'mau simulasi jht');
    await svc.say(s, '5,5 juta');
    let r = await svc.say(s, 'eh salah, gajinya 5 juta');
    expect(r.text).toMatch(/tahun/i);
    r = await svc.say(s, '10 tahun');
    expect(balance(r.text)).toBe(44_172_736);
  });

  it('cancels with "batal" and then answers a normal question', async () => {
    const s = {};
    await svc.say(s, 'simulasi jht');
    let r = await svc.say(s, 'batal');
    expect(r.text).toMatch(/dibatalkan/i);
    r = await svc.say(s, 'berapa nomor call center?');
    expect(r.intent?.id).toBe('contact_office');
    expect(r.text).toMatch(/175/);
  });

  it('answers another question mid-flow, offers to resume, then resumes', async () => {
    const s = {};
    await svc.say(s, 'simulasi jht');
    await svc.say(s, 'Rp5.000.000');
    let r = await svc.say(s, 'nomor call center bpjs ketenagakerjaan berapa ya?');
    expect(r.intent?.id).toBe('contact_office');
    expect(r.text).toMatch(/175/);
    expect(r.text).toMatch(/belum selesai/i);
    r = await svc.say(s, 'oke lanjut, 10 tahun');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(balance(r.text)).toBe(44_172_736);
  });

  it('re-asks with an example after a vague answer', async () => {
    const s = {};
    await svc.say(s, 'simulasi jht');
    const r = await svc.say(s, 'UMR aja');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(r.text).toMatch(/contoh/i);
  });

  it('recomputes a what-if with one value changed', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jht gaji 5 juta 10 tahun');
    expect(balance(r.text)).toBe(44_172_736);
    r = await svc.say(s, 'kalau 20 tahun?');
    const twenty = balance(r.text);
    expect(twenty).toBeGreaterThan(44_172_736 * 2);
    r = await svc.say(s, 'kalau gajinya 10 juta?');
    // same period, twice the wage: twice the balance (to the rupiah, up to rounding)
    expect(Math.abs(balance(r.text) - twenty * 2)).toBeLessThanOrEqual(1);
  });

  it('can use the latest declared return instead of the simulator\'s 5%', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jht gaji 5 juta 10 tahun');
    // the reply offers the latest declared year (2025 in the rules file); earlier years stay available
    expect(r.text).toMatch(/pakai hasil pengembangan 2025/);
    r = await svc.say(s, 'kalau pakai hasil pengembangan 2024?');
    expect(r.text).toMatch(/hasil pengembangan 6,05% per tahun/);
    expect(balance(r.text)).toBeGreaterThan(44_172_736);
    r = await svc.say(s, 'kalau bunganya 4%?');
    expect(r.text).toMatch(/hasil pengembangan 4% per tahun/);
    expect(balance(r.text)).toBeLessThan(44_172_736);
  });

  it('answers in English to English', async () => {
    const s = {};
    let r = await svc.say(s, 'Can you estimate my JHT balance in the future?');
    expect(r.intent?.id).toBe('jht_simulation');
    expect(r.text).toMatch(/salary|wage/i);
    r = await svc.say(s, 'My salary is 5 million rupiah a month');
    expect(r.text).toMatch(/years/i);
    r = await svc.say(s, '10 years');
    expect(r.text).toMatch(/Estimated JHT balance/);
    expect(r.text).toMatch(/Rp44\.172\.736/);
  });
});
