/** What editors see of unanswered questions: no names, no month-name dates, no terminal escapes. */
import { describe, expect, it } from 'vitest';
import { redactFreeText, stripControl } from '../../src/observability/redact.ts';
import { recordUnanswered, topUnanswered } from '../../src/unanswered/store.ts';
import { MemoryStore } from '../../src/store/memory.ts';

describe('free text kept for editors', () => {
  it.each([
    ['nama saya Budi Santoso lahir 15 Maret 1990, saldo saya berapa', ['Budi', 'Santoso', 'Maret 1990']],
    ['my name is Siti Rahmawati, born March 15, 1990', ['Siti', 'Rahmawati', '1990']],
    ['atas nama almarhum Joko Widodo Susilo tgl 7 agustus 1985', ['Joko', 'Widodo', 'agustus 1985']],
    ['ibu Rahmawati mau klaim', ['Rahmawati']],
    ['alamat saya Jl. Kenanga Raya No. 17 Cimahi, mau tanya saldo', ['Kenanga', 'Cimahi']],
    ['I live at Jalan Cempaka 9 Depok, born September 4, 1988', ['Cempaka', 'Depok', '1988']],
    ['saya tinggal di jln mawar 3 bogor mau daftar', ['mawar', 'bogor']],
  ])('%s', (text, gone) => {
    const out = redactFreeText(text);
    for (const g of gone) expect(out).not.toContain(g);
  });

  it('keeps the words of the question', () => {
    expect(redactFreeText('Jaminan Hari Tua bisa cair umur berapa?')).toBe('Jaminan Hari Tua bisa cair umur berapa?');
    // "alamat" alone is no cue: questions about an office's address, an e-mail address, stay readable.
    expect(redactFreeText('alamat kantor cabang terdekat dimana?')).toBe('alamat kantor cabang terdekat dimana?');
    expect(redactFreeText('perubahan alamat email di JMO bagaimana')).toBe('perubahan alamat email di JMO bagaimana');
    expect(redactFreeText('jalan keluar untuk klaim jht bagaimana')).toBe('jalan keluar untuk klaim jht bagaimana');
    expect(redactFreeText('saya tinggal di jln mawar 3 bogor mau daftar')).toBe('saya tinggal di [ADDRESS] mau daftar');
  });

  it('the unanswered store keeps the scrubbed text only', async () => {
    const store = new MemoryStore();
    await recordUnanswered(store, { text: 'nama saya Budi Santoso lahir 15 Maret 1990 kenapa ditolak', outcome: 'fallback', intent: 'out_of_scope', lang: 'id' });
    const [e] = await topUnanswered(store, 5);
    expect(e!.text).not.toMatch(/Budi|Santoso|Maret/);
    expect(e!.text).toMatch(/\[NAME\]/);
  });

  it('terminal escape codes never reach the report', () => {
    expect(stripControl('halo\u001b[2J\u001b[31mmerah\u001b]0;title\u0007\u0008')).toBe('halomerah');
  });
});
