import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.ts';
import { recordUnanswered, topUnanswered } from '../../src/unanswered/store.ts';

describe('unanswered questions (memory store)', () => {
  it('counts texts that differ only in case and punctuation together, most frequent first', async () => {
    const store = new MemoryStore();
    for (const text of ['Bisa bayar iuran pakai kartu kredit?', 'bisa bayar iuran pakai kartu kredit', 'BISA BAYAR IURAN PAKAI KARTU KREDIT!!']) {
      await recordUnanswered(store, { text, outcome: 'fallback', intent: 'out_of_scope', lang: 'id' });
    }
    await recordUnanswered(store, { text: 'how about my pension abroad', outcome: 'ask', intent: 'jp_info', lang: 'en' });
    const top = await topUnanswered(store, 10);
    expect(top.map((e) => e.count)).toEqual([3, 1]);
    expect(top[0]).toMatchObject({ outcome: 'fallback', intent: 'out_of_scope', lang: 'id' });
    expect(top[0].text.toLowerCase()).toContain('kartu kredit');
    expect(top[1]).toMatchObject({ text: 'how about my pension abroad', outcome: 'ask', lang: 'en', count: 1 });
    expect(await topUnanswered(store, 1)).toHaveLength(1);
    await store.close();
  });

  it('stores no personal data, and groups messages that differ only in it', async () => {
    const store = new MemoryStore();
    await recordUnanswered(store, { text: 'nik saya 3174011503900001 kenapa ditolak', outcome: 'fallback', lang: 'id' });
    await recordUnanswered(store, { text: 'nik saya 3273024708850002 kenapa ditolak', outcome: 'fallback', lang: 'id' });
    await recordUnanswered(store, { text: 'hubungi 081234567890 atau budi@example.com', outcome: 'fallback', lang: 'id' });
    const top = await topUnanswered(store, 10);
    expect(top[0]).toMatchObject({ text: 'nik saya [NIK] kenapa ditolak', count: 2 });
    const everything = JSON.stringify([...(store as unknown as { data: Map<string, unknown> }).data]);
    for (const s of ['3174011503900001', '3273024708850002', '081234567890', 'budi@example.com']) expect(everything).not.toContain(s);
    await store.close();
  });

  it('keeps at most `cap` different texts, forgetting the oldest rare ones', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 12; i++) {
      await recordUnanswered(store, { text: `pertanyaan nomor ${'abcdefghijkl'[i]}`, outcome: 'fallback', lang: 'id' }, { cap: 5 });
    }
    const top = await topUnanswered(store, 100);
    expect(top).toHaveLength(5);
    expect(top.map((e) => e.text).sort()).toEqual(['h', 'i', 'j', 'k', 'l'].map((c) => `pertanyaan nomor ${c}`));
    // Storage is bounded too: index + a counter and a sample per kept text.
    expect(store.size()).toBe(1 + 5 * 2);
    await store.close();
  });
});
