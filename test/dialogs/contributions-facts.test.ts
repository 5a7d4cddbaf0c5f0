import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

const balance = (text: string): number => Number(/(?:setelah|after) [^:*]+: \*Rp([\d.]+)\*/i.exec(text)?.[1]?.replace(/\./g, '') ?? NaN);

describe('the user\'s own numbers are reused across dialogs', () => {
  it('id: JHT after JP reuses the wage and says so', async () => {
    const s = {};
    await svc.say(s, 'simulasi jp gaji 5 juta lahir 15-06-1990');
    let r = await svc.say(s, 'simulasi jht dong');
    expect(r.text).toMatch(/Memakai gaji Rp5\.000\.000 yang Anda sebut tadi/);
    expect(r.text).toMatch(/tahun/);
    r = await svc.say(s, '10 tahun');
    expect(balance(r.text)).toBe(44_172_736);
  });

  it('en: JHT after JP reuses the wage', async () => {
    const s = {};
    await svc.say(s, 'pension simulation salary 5 million born 15-06-1990');
    const r = await svc.say(s, 'JHT simulation please');
    expect(r.text).toMatch(/Using the wage of Rp5\.000\.000 you gave earlier/);
  });

  it('id: "iuran saya berapa?" after a JHT simulation uses that wage', async () => {
    const s = {};
    await svc.say(s, 'simulasi jht gaji 8 juta 10 tahun');
    const r = await svc.say(s, 'iuran saya berapa?');
    expect(r.text).toMatch(/Memakai gaji Rp8\.000\.000 yang Anda sebut tadi/);
    expect(r.text).toMatch(/JHT: pemberi kerja Rp296\.000 \+ pekerja Rp160\.000/);
  });

  it('id: "yang ditanggung perusahaan berapa?" after a contribution result answers the employer share', async () => {
    const s = {};
    let r = await svc.say(s, 'hitung iuran gaji 6 juta');
    expect(r.text).toMatch(/Iuran BPJS Ketenagakerjaan per bulan/);
    const total = /\*Total\*: pemberi kerja (Rp[\d.]+)/.exec(r.text)?.[1];
    r = await svc.say(s, 'yang ditanggung perusahaan berapa?');
    expect(r.text).toMatch(/Yang ditanggung perusahaan\* untuk upah Rp6\.000\.000/);
    expect(r.text).toContain(`*${total}*`);
  });

  it('en: "how much does the employer pay?" after a contribution result', async () => {
    const s = {};
    await svc.say(s, 'contribution for salary 6 million');
    const r = await svc.say(s, 'how much does my employer pay?');
    expect(r.text).toMatch(/Paid by the employer\* for a wage of Rp6\.000\.000/);
  });
});

describe('JHT with the declared returns', () => {
  it('id: "pakai hasil pengembangan terbaru" recomputes with the newest declared return', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jht gaji 5 juta 10 tahun');
    const first = balance(r.text);
    const year = /pakai hasil pengembangan (20\d\d)/.exec(r.text)?.[1];
    expect(year).toBeDefined();
    r = await svc.say(s, 'pakai hasil pengembangan terbaru');
    expect(r.text).toMatch(new RegExp(`hasil pengembangan JHT yang diumumkan untuk ${year}`));
    expect(balance(r.text)).not.toBe(first);
  });

  it('id: "pakai hasil <year>" uses that year; en: "use the latest return"', async () => {
    const s = {};
    let r = await svc.say(s, 'simulasi jht gaji 5 juta 10 tahun');
    const year = /pakai hasil pengembangan (20\d\d)/.exec(r.text)?.[1];
    r = await svc.say(s, `pakai hasil ${year}`);
    expect(r.text).toMatch(new RegExp(`diumumkan untuk ${year}`));
    const e = {};
    await svc.say(e, 'JHT simulation salary 5 million 10 years');
    r = await svc.say(e, 'use the latest return');
    expect(r.text).toMatch(/the declared JHT return for 20\d\d/);
  });
});
