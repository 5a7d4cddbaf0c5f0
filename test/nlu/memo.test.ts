/** The text memos (src/nlu/memo.ts): bounded, nothing personal kept, results shared read-only, off with size 0. */
import { describe, expect, it } from 'vitest';
import { memoizable, TextMemo } from '../../src/nlu/memo.ts';
import { createRouter } from '../../src/nlu/router.ts';
import { splitLeadIn, tokenize } from '../../src/nlu/followup.ts';

describe('TextMemo', () => {
  it('computes a text once and then answers from memory', () => {
    const memo = new TextMemo<string>(10);
    let calls = 0;
    const f = (t: string) => (calls++, t.toUpperCase());
    expect(memo.get('cara klaim jht', f)).toBe('CARA KLAIM JHT');
    expect(memo.get('cara klaim jht', f)).toBe('CARA KLAIM JHT');
    expect(calls).toBe(1);
  });

  it('never keeps a text with a digit (NIK, KPJ, an amount) or a long one', () => {
    const memo = new TextMemo<number>(10);
    for (const t of ['nik saya 3201234567890001', 'gaji 5 juta', 'x'.repeat(161)]) {
      expect(memoizable(t)).toBe(false);
      memo.get(t, () => 1);
    }
    expect(memo.entries).toBe(0);
  });

  it('stays within its size however many texts go through it, and keeps the ones asked again', () => {
    const memo = new TextMemo<number>(100);
    let calls = 0;
    for (let i = 0; i < 10_000; i++) {
      memo.get('halo', () => (calls++, 0)); // asked all the time: stays
      memo.get(`pesan ke ${'x'.repeat(i % 150)}`, () => 1);
      expect(memo.entries).toBeLessThanOrEqual(100);
    }
    expect(calls).toBe(1);
  });

  it('remembers nothing with size 0', () => {
    const memo = new TextMemo<number>(0);
    let calls = 0;
    memo.get('halo', () => ++calls);
    memo.get('halo', () => ++calls);
    expect(calls).toBe(2);
  });
});

describe('the memoised analyses', () => {
  it('classification results are shared and frozen: a caller cannot change what the next turn gets', async () => {
    const router = await createRouter();
    const a = router.classify('gimana cara cairin jht min');
    expect(router.classify('gimana cara cairin jht min')).toBe(a);
    expect(a.intent).toBe('jht_claim_how');
    expect(Object.isFrozen(a) && Object.isFrozen(a.candidates) && Object.isFrozen(a.candidates[0])).toBe(true);
    expect(() => ((a as { intent: string }).intent = 'x')).toThrow(TypeError);
  });

  it('tokens and lead-in are read-only', () => {
    const t = tokenize('Halo min, cara klaim JHT?');
    expect(t).toEqual(['halo', 'min', 'cara', 'klaim', 'jht']);
    expect(() => (t as string[]).push('x')).toThrow(TypeError);
    const l = splitLeadIn('makasih, satu lagi: apa itu jkp?');
    expect(l.question).toBe('apa itu jkp?');
    expect(Object.isFrozen(l)).toBe(true);
  });
});
