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
  ])('%s', (text, gone) => {
    const out = redactFreeText(text);
    for (const g of gone) expect(out).not.toContain(g);
  });

  it('keeps the words of the question', () => {
    expect(redactFreeText('Jaminan Hari Tua bisa cair umur berapa?')).toBe('Jaminan Hari Tua bisa cair umur berapa?');
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
