import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => {
  svc = await startService({ RATE_LIMIT_PER_MINUTE: 0, SESSION_RATE_LIMIT_PER_MINUTE: 0 });
});
afterAll(() => svc.close());

describe('JKK death benefit for the user\'s wage', () => {
  it('id: one-shot, 48 × wage, funeral, periodic, scholarship without minimum period; never the JKM 42 juta', async () => {
    const r = await svc.say({}, 'suami meninggal kecelakaan kerja, gajinya 6 juta, dapat berapa?');
    expect(r.text).toMatch(/Rp288\.000\.000/);
    expect(r.text).toMatch(/Rp10\.000\.000/);
    expect(r.text).toMatch(/Rp12\.000\.000/);
    expect(r.text).toMatch(/Rp310\.000\.000/);
    expect(r.text).toMatch(/tanpa masa iuran minimal/);
    expect(r.text).not.toMatch(/Rp42\.000\.000/);
  });

  it('id: asks the wage when missing, then computes; a low wage gets the minimum', async () => {
    const s = {};
    let r = await svc.say(s, 'istri saya meninggal karena kecelakaan kerja');
    expect(r.text).toMatch(/upah terakhir per bulan/);
    r = await svc.say(s, '300 ribu');
    expect(r.text).toMatch(/Rp20\.000\.000\* \(minimal/);
  });

  it('en: one-shot in English', async () => {
    const r = await svc.say({}, 'my husband died in a work accident, his salary was 5 million, how much do we get?');
    expect(r.text).toMatch(/Rp240\.000\.000/);
    expect(r.text).toMatch(/Rp262\.000\.000/);
    expect(r.text).toMatch(/no minimum contribution period/);
  });
});

describe('JKP benefit for the user\'s wage', () => {
  it('id: gaji 4 juta → 2.400.000 a month, 14.400.000 total; old rule 8.400.000', async () => {
    const r = await svc.say({}, 'gaji terakhir 4 juta, dapat JKP berapa?');
    expect(r.text).toMatch(/Rp2\.400\.000 per bulan/);
    expect(r.text).toMatch(/Rp14\.400\.000/);
    expect(r.text).toMatch(/Rp8\.400\.000/);
  });

  it('en: a wage above the cap is capped at 5 million', async () => {
    const r = await svc.say({}, 'my last salary was 8 million, how much JKP benefit would I get?');
    expect(r.text).toMatch(/Rp3\.000\.000 a month/);
    expect(r.text).toMatch(/Rp18\.000\.000/);
  });
});

describe('Jakon contribution for a contract value', () => {
  it('id: one-shot, tier by tier, Rp2 M → JKK Rp2.640.000', async () => {
    const r = await svc.say({}, 'nilai kontrak proyek 2 miliar iurannya berapa?');
    expect(r.text).toMatch(/Rp1\.100\.000/);
    expect(r.text).toMatch(/JKK: \*Rp2\.640\.000/);
  });

  it('en: asks the contract value when missing', async () => {
    const s = {};
    let r = await svc.say(s, 'calculate the jakon contribution for my construction contract');
    expect(r.text).toMatch(/contract value/);
    r = await svc.say(s, '50 million');
    expect(r.text).toMatch(/JKK: \*Rp105\.000/);
  });
});

describe('PMI fee for a contract length', () => {
  it('id: kontrak 2 tahun → 332.500 + 37.500 = 370.000', async () => {
    const r = await svc.say({}, 'iuran pekerja migran kontrak 2 tahun berapa?');
    expect(r.text).toMatch(/Rp332\.500/);
    expect(r.text).toMatch(/Total\*: \*Rp370\.000/);
  });
  it('en: asks the contract length, then 30 months adds 6 extra months', async () => {
    const s = {};
    let r = await svc.say(s, 'calculate the migrant worker fee for my contract');
    expect(r.text).toMatch(/work contract/);
    r = await svc.say(s, '30 months');
    expect(r.text).toMatch(/6 extra months/);
    expect(r.text).toMatch(/Rp451\.000/);
  });
});

describe('the user\'s numbers are reused and written', () => {
  it('en: a wage given earlier is reused for the JKK death benefit', async () => {
    const s = {};
    await svc.say(s, 'my last salary was 8 million, how much JKP benefit would I get?');
    const r = await svc.say(s, 'my husband died in a work accident, how much do we get?');
    expect(r.text).toMatch(/Using the wage of Rp8\.000\.000 you gave earlier/);
    expect(r.text).toMatch(/Rp384\.000\.000/);
  });

  it('id: a wage from a contribution calculation is reused for the JKK death benefit, and says so', async () => {
    const s = {};
    await svc.say(s, 'hitung iuran gaji 6 juta');
    const r = await svc.say(s, 'kalau suami meninggal karena kecelakaan kerja dapat berapa?');
    expect(r.text).toMatch(/Memakai gaji Rp6\.000\.000 yang Anda sebut tadi/);
    expect(r.text).toMatch(/Rp288\.000\.000/);
  });

  it('id: the wage given for JKP is written to the facts and reused for "iuran saya berapa?"', async () => {
    const s = {};
    await svc.say(s, 'gaji terakhir 4 juta, dapat JKP berapa?');
    const r = await svc.say(s, 'iuran saya berapa?');
    expect(r.text).toMatch(/Memakai gaji Rp4\.000\.000 yang Anda sebut tadi/);
  });

  it('id: BPU contribution for a declared income is answered by contribution_bpu', async () => {
    const r = await svc.say({}, 'iuran bpu penghasilan 3 juta berapa?');
    expect(r.text).toMatch(/Iuran BPU per bulan/);
  });
});
