import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

const months = (text: string): number => Number(/\((\d+) (?:bulan|months)\)/.exec(text)?.[1] ?? NaN);
const pension = (text: string): number => Number(/(?:tahun pertama|first year): \*Rp([\d.]+)\*/.exec(text)?.[1]?.replace(/\./g, '') ?? NaN);

describe('JP simulation remembers its slots', () => {
  it('id: a birth-year correction recomputes without asking the wage again', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jp gaji 6 juta lahir 15-06-1988');
    expect(r.intent?.id).toBe('jp_simulation');
    const before = months(r.text);
    expect(before).toBeGreaterThan(0);
    r = await svc.say(s, 'eh lahir saya 1987 bukan 1988');
    expect(r.text).not.toMatch(/berapa \*gaji/i);
    expect(r.text).toMatch(/15 Juni 1987/);
    expect(months(r.text)).toBeLessThan(before);
  });

  it('id: a wage what-if recomputes with the birth date kept', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jp gaji 4 juta lahir 01-01-1995');
    const low = pension(r.text);
    r = await svc.say(s, 'kalau gaji saya 10 juta?');
    expect(r.text).toMatch(/1 Januari 1995/);
    expect(r.text).toMatch(/Rp10\.000\.000/);
    expect(pension(r.text)).toBeGreaterThan(low);
  });

  it('en: a wage what-if and a birth correction', async () => {
    const s = {};
    let r = await svc.say(s, 'pension simulation salary 5 million born 10-03-1990');
    expect(r.text).toMatch(/Estimated pension/);
    r = await svc.say(s, 'what if my salary is 8 million?');
    expect(r.text).toMatch(/Rp8\.000\.000/);
    expect(r.text).toMatch(/10 March 1990/);
  });

  it('id: "iuran JP saya berapa?" after a JP result uses that wage', async () => {
    const s = {};
    await svc.say(s, 'simulasi jp gaji 6 juta lahir 15-06-1988');
    const r = await svc.say(s, 'iuran JP saya berapa?');
    expect(r.text).toMatch(/Rp6\.000\.000/);
    expect(r.text).toMatch(/Iuran JP per bulan/);
    expect(r.text).toMatch(/pemberi kerja Rp120\.000 .*gaji Anda Rp60\.000/);
    expect(r.text).toMatch(/Memakai gaji Rp6\.000\.000 yang Anda sebut tadi/);
    expect(r.text).not.toMatch(/berapa \*gaji/i);
  });
});

describe('JP: own contribution after a result (en)', () => {
  it('en: "what\'s my own JP contribution each month?" uses the wage of the result', async () => {
    const s = {};
    await svc.say(s, 'pension simulation salary 6 million born 15-06-1990');
    const r = await svc.say(s, "and what's my own JP contribution each month on that salary?");
    expect(r.text).toMatch(/Monthly JP contribution\* for a wage of Rp6\.000\.000/);
    expect(r.text).toMatch(/deducted from your pay Rp60\.000/);
  });
});

describe('JP: stopping earlier', () => {
  it('id: "kalau pensiun umur 58?" recomputes with fewer months, same wage and birth date', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jp gaji 6 juta lahir 15-06-1990');
    const full = months(r.text), benefit = pension(r.text);
    r = await svc.say(s, 'kalau pensiun umur 58?');
    expect(r.text).toMatch(/berhenti mengiur di usia 58/);
    expect(r.text).toMatch(/Rp6\.000\.000/);
    expect(months(r.text)).toBeLessThan(full);
    const monthly = Number(/mulai [^:]+: \*Rp([\d.]+)\*/.exec(r.text)?.[1]?.replace(/\./g, '') ?? NaN);
    expect(monthly).toBeLessThan(benefit);
  });

  it('en: "what if I retire at 58?"', async () => {
    const s = {};
    await svc.say(s, 'pension simulation salary 6 million born 15-06-1990');
    const r = await svc.say(s, 'what if I retire at 58?');
    expect(r.text).toMatch(/stop contributing at 58/);
  });
});

describe('JP since when', () => {
  it('id: the from-now estimate states the assumption and invites "sejak kapan"; "sejak 2016" adds the months paid', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jp gaji 6 juta lahir 15-06-1990');
    expect(r.text).toMatch(/mulai bulan ini/);
    expect(r.text).toMatch(/Sejak kapan ikut JP/i);
    const fromNow = months(r.text);
    r = await svc.say(s, 'saya ikut JP sejak 2016');
    expect(r.text).toMatch(/sejak Januari 2016/);
    expect(months(r.text)).toBeGreaterThan(fromNow + 12 * 10);
  });

  it('id: under 180 months from now, asks since when instead of concluding a lump sum; then "sejak Maret 2018" gives a monthly pension', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jp gaji 5 juta lahir 01-05-1975');
    expect(r.text).not.toMatch(/sekaligus/);
    expect(r.text).toMatch(/Sejak kapan Anda ikut JP/);
    r = await svc.say(s, 'sejak Maret 2018');
    expect(r.text).toMatch(/Maret 2018/);
    expect(months(r.text)).toBeGreaterThanOrEqual(180);
    expect(r.text).toMatch(/tahun pertama/);
  });

  it('id: "baru ikut" keeps the from-now count and concludes the lump sum', async () => {
    const s = {};
    await svc.say(s, 'simulasi jp gaji 5 juta lahir 01-05-1975');
    const r = await svc.say(s, 'saya baru ikut');
    expect(r.text).toMatch(/sekaligus/);
  });

  it('id: "udah 5 tahun ikut" counts five years already paid; before July 2015 is floored', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jp gaji 5 juta lahir 01-05-1990');
    const fromNow = months(r.text);
    r = await svc.say(s, 'udah 5 tahun ikut');
    expect(months(r.text)).toBe(fromNow + 60);
    r = await svc.say(s, 'sejak 2010');
    expect(r.text).toMatch(/Juli 2015/);
  });

  it('en: asks since when before a lump sum; "just joined" concludes it', async () => {
    const s = {};
    let r = await svc.say(s, 'pension simulation salary 5 million born 01-05-1975');
    expect(r.text).toMatch(/Since when have you been in JP/);
    expect(r.text).not.toMatch(/lump sum/);
    r = await svc.say(s, 'I just joined');
    expect(r.text).toMatch(/lump sum/);
  });

  it('en: "since 2016" recomputes', async () => {
    const s = {};
    let r = await svc.say(s, 'pension simulation salary 5 million born 01-05-1975');
    r = await svc.say(s, 'I have been in JP since 2016');
    expect(r.text).toMatch(/from January 2016/);
    expect(r.text).toMatch(/first year/);
  });
});
