import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../helpers/service.ts';

let svc: Service;
beforeAll(async () => { svc = await startService(); });
afterAll(async () => { await svc.close(); });

describe('domain review fixes, asked in chat', () => {
  it('a death without a cause gets the JKM answer but is asked whether it was a work accident', async () => {
    const r = await svc.say({}, 'berapa santunan kematian jkm');
    expect(r.text).toMatch(/kecelakaan kerja/i);
    expect(r.text).toMatch(/48 × upah/);
    expect(r.text).toMatch(/Apakah meninggalnya karena kecelakaan kerja\?/);
  });

  it('JKK total permanent disability includes the periodic benefit and late reports do not void the claim', async () => {
    const r = await svc.say({}, 'kalau kecelakaan kerja dapat apa');
    expect(r.intent?.id).toBe('jkk_info');
    expect(r.text).toMatch(/Cacat total tetap: 56 × upah, ditambah santunan berkala Rp12\.000\.000/);
    expect(r.text).toMatch(/tidak hangus/);
  });

  it('scholarship: working students and interns stay eligible (Permenaker 1/2025 art. 103(3a))', async () => {
    const r = await svc.say({}, 'beasiswa anak peserta');
    expect(r.intent?.id).toBe('scholarship');
    expect(r.text).toMatch(/magang/);
    expect(r.text).toMatch(/103 ayat 3a/);
  });

  it('leaving Indonesia for good is for foreign nationals only', async () => {
    const r = await svc.say({}, 'jht itu apa sih');
    expect(r.text).toMatch(/selamanya \(khusus peserta \*warga negara asing\*/);
  });
});
